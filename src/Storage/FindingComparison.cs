using System.Security.Cryptography;
using System.Text;
using Openness.Rules.Findings;

namespace Openness.Storage;

/// <summary>Identifies a finding across runs and says how it moved since the unit's previous completed scan.</summary>
public static class FindingComparison
{
    /// <summary>SHA-256 (hex) of indicator, check and subject: what was checked, not what was found.</summary>
    public static string Fingerprint(string indicatorId, string checkId, string subject)
    {
        var bytes = Encoding.UTF8.GetBytes($"{indicatorId}\u001f{checkId}\u001f{subject}");
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// SHA-256 (hex) of what the check found: status, fraction, measured, message and each evidence URL and text, but
    /// not when it was seen, so a nightly re-crawl of the same page gives the same hash.
    /// </summary>
    public static string EvidenceHash(CheckResult check)
    {
        var sb = new StringBuilder();
        sb.Append(check.Status).Append('\u001f').Append(check.Fraction?.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
          .Append('\u001f').Append(check.Measured?.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
          .Append('\u001f').Append(check.Message);
        foreach (var e in check.Evidence) sb.Append('\u001e').Append(e.Url).Append('\u001f').Append(e.Text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    public static FindingChange Compare(FindingStatus current, FindingStatus? previous)
    {
        if (previous is not { } before) return FindingChange.New;
        if (before == current) return FindingChange.Unchanged;
        if (current == FindingStatus.Pass) return FindingChange.Fixed;
        return before == FindingStatus.Pass ? FindingChange.New : FindingChange.Changed;
    }
}
