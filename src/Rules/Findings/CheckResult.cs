namespace Openness.Rules.Findings;

public enum FindingStatus { Pass, Partial, Fail, NeedsReview, Manual }

/// <summary>What proves a finding (佐证材料): where it was seen, what text, when, and a screenshot when there is one.</summary>
public sealed record Evidence(string Url, string? Text = null, DateTimeOffset? SeenAt = null, string? ScreenshotPath = null);

/// <summary>
/// The result of one check on one unit. <see cref="Fraction"/> is 0..1 (null when the check could not decide:
/// status NeedsReview). <see cref="Measured"/> carries the raw quantity behind it (items counted, columns missing)
/// for indicators whose points come from bands or per-item rules rather than a fraction.
/// </summary>
public sealed record CheckResult
{
    public required string CheckId { get; init; }
    public double? Fraction { get; init; }
    public required FindingStatus Status { get; init; }
    public required string Message { get; init; }
    public double? Measured { get; init; }
    public double? Expected { get; init; }
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];
    /// <summary>Stable key of what the check looked at (e.g. the column id), so findings can be compared run to run.</summary>
    public string Subject { get; init; } = "";

    public static CheckResult FromFraction(string checkId, double fraction, string message, IReadOnlyList<Evidence> evidence,
        string subject = "", double? measured = null, double? expected = null) => new()
    {
        CheckId = checkId,
        Fraction = Math.Clamp(fraction, 0, 1),
        Status = fraction >= 0.999 ? FindingStatus.Pass : fraction <= 0.001 ? FindingStatus.Fail : FindingStatus.Partial,
        Message = message,
        Evidence = evidence,
        Subject = subject,
        Measured = measured,
        Expected = expected,
    };

    public static CheckResult NeedsReview(string checkId, string message, IReadOnlyList<Evidence> evidence, string subject = "") => new()
    {
        CheckId = checkId, Fraction = null, Status = FindingStatus.NeedsReview, Message = message, Evidence = evidence, Subject = subject,
    };
}
