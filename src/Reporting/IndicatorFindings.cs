using Openness.Rules.Findings;
using Openness.Rules.Scoring;
using Openness.Storage;

namespace Openness.Reporting;

/// <summary>The findings behind an indicator, as every report and export shows them.</summary>
internal static class IndicatorFindings
{
    /// <summary>The stored findings of an indicator (with change marks), or its card's checks when none were stored.</summary>
    public static IReadOnlyList<StoredFinding> Of(IndicatorResult i, ILookup<string, StoredFinding> findings)
    {
        var stored = findings[i.Id].ToList();
        if (stored.Count > 0 || i.Checks.Count == 0) return stored;
        // Fingerprint "" marks a finding that was never stored, so it has no change against the previous run.
        return i.Checks.Select(c => new StoredFinding(i.Id, c.CheckId, c.Subject, c.Status, c.Fraction, c.Measured, c.Expected,
            c.Message, c.Evidence, "", FindingChange.New, null)).ToList();
    }

    public static bool IsProblem(FindingStatus s) => s is FindingStatus.Fail or FindingStatus.Partial;
}
