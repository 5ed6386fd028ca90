namespace Openness.Core.Units;

/// <summary>How a unit's pages are fetched: <c>Auto</c> renders in the browser only when a page needs script.</summary>
public enum FetchModePreference { Auto, Http, Browser }

/// <summary>An evaluated unit (评估对象) as the evaluation office lists it.</summary>
public sealed record UnitDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>county, group-a, group-b, department ... matched against the indicator system's applicable groups.</summary>
    public string Group { get; init; } = "";
    public required Uri Portal { get; init; }
    public IReadOnlyList<Uri> Entries { get; init; } = [];
    /// <summary>Hosts the crawl may visit (<c>host</c>, or <c>host:port</c> to pin a port); the portal's is always allowed.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];
    /// <summary>Loopback/private addresses are refused unless this is set (tests and the demo set it).</summary>
    public bool AllowPrivateAddresses { get; init; }
    public FetchModePreference FetchMode { get; init; } = FetchModePreference.Auto;
    /// <summary>URL path prefixes that must always be rendered in the browser (per-unit hint).</summary>
    public IReadOnlyList<string> BrowserHints { get; init; } = [];
    /// <summary>Publishing target in items per year (seed 002 附件1), when the office sets one.</summary>
    public int? PublishingTarget { get; init; }
    public int? MaxPages { get; init; }
    public int? MaxDepth { get; init; }

    /// <summary>
    /// The crawl's scope. A portal on a non-default port is scoped to host:port, so units served side by side on
    /// one address (the demo, tests) cannot wander into each other.
    /// </summary>
    public IReadOnlySet<string> ScopeHosts() =>
        AllowedHosts.Append(ScopeKey(Portal)).Concat(Entries.Select(ScopeKey))
            .Select(h => h.ToLowerInvariant()).ToHashSet();

    public static string ScopeKey(Uri url) => url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}";
}

/// <summary>The units file: which evaluation, which indicator system, which units.</summary>
public sealed record UnitsFile
{
    public required string Path { get; init; }
    public required string Evaluation { get; init; }
    /// <summary>Path of the indicator system file, resolved against the units file's folder.</summary>
    public required string IndicatorSystem { get; init; }
    public required IReadOnlyList<UnitDefinition> Units { get; init; }
    /// <summary>
    /// Units whose entry has a usable id but cannot be scanned (see <see cref="RejectedUnit"/>): reported and recorded
    /// as failed, while the good units are scanned.
    /// </summary>
    public IReadOnlyList<RejectedUnit> Rejected { get; init; } = [];
}
