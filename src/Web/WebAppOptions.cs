using Openness.Storage;

namespace Openness.Web;

/// <summary>What the web host needs: where results are stored, the rules they were scored with, and where to listen.</summary>
public sealed record WebAppOptions
{
    public required StorageOptions Storage { get; init; }
    /// <summary>The rules folder: effective scores are re-computed with the exact indicator system a score was made with.</summary>
    public required string RulesFolder { get; init; }
    /// <summary>The data folder; screenshots are served only from below it.</summary>
    public required string DataDir { get; init; }
    /// <summary>e.g. http://127.0.0.1:5080; port 0 picks a free one.</summary>
    public string Url { get; init; } = "http://127.0.0.1:5080";
    /// <summary>Failed sign-ins before an account is locked, and for how long.</summary>
    public int MaxFailedSignIns { get; init; } = 5;
    public TimeSpan LockOut { get; init; } = TimeSpan.FromMinutes(15);
    /// <summary>Where cookie-encryption keys are kept so sign-ins survive a restart; null keeps them in memory.</summary>
    public string? KeysDir { get; init; }
}
