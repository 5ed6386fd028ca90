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

    public static FindingChange Compare(FindingStatus current, FindingStatus? previous)
    {
        if (previous is not { } before) return FindingChange.New;
        if (before == current) return FindingChange.Unchanged;
        if (current == FindingStatus.Pass) return FindingChange.Fixed;
        return before == FindingStatus.Pass ? FindingChange.New : FindingChange.Changed;
    }
}
