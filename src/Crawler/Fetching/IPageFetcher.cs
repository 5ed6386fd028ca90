using Openness.Core.Snapshots;

namespace Openness.Crawler.Fetching;

/// <summary>One request to fetch: usually a GET; Hanweb's dataproxy.jsp paging needs a form POST.</summary>
public sealed record FetchRequest
{
    public required Uri Url { get; init; }
    public string Method { get; init; } = "GET";
    /// <summary>application/x-www-form-urlencoded body for POST.</summary>
    public IReadOnlyDictionary<string, string>? Form { get; init; }
    public string? Referrer { get; init; }
    /// <summary>Take a full-page PNG screenshot as evidence (browser only; forces the browser in auto mode).</summary>
    public bool Screenshot { get; init; }
    /// <summary>Render in the browser whatever auto mode would decide (a per-unit hint or a caller's choice).</summary>
    public bool ForceBrowser { get; init; }
}

/// <summary>What a fetcher saw. Failures are outcomes, never exceptions: "site unreachable" is a finding.</summary>
public sealed record FetchedPage
{
    public required Uri RequestedUrl { get; init; }
    public required Uri FinalUrl { get; init; }
    public required FetchMode Mode { get; init; }
    public required PageOutcome Outcome { get; init; }
    public string? ContentType { get; init; }
    /// <summary>Decoded document (UTF-16 string) or the rendered DOM with same-origin iframes inlined.</summary>
    public string? Html { get; init; }
    public byte[]? Screenshot { get; init; }
    public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>();
    /// <summary>Redirect hops followed, in order (each checked against scope and address rules).</summary>
    public IReadOnlyList<Uri> Redirects { get; init; } = [];
}

/// <summary>Fetches one page. Implementations: <c>HttpFetcher</c>, <c>BrowserFetcher</c>, <c>AutoFetcher</c>.</summary>
public interface IPageFetcher : IAsyncDisposable
{
    Task<FetchedPage> FetchAsync(FetchRequest request, FetchScope scope, CancellationToken cancellationToken);
}

/// <summary>
/// What a fetch may touch: the unit's allowed hosts (entries are <c>host</c>, any port, or <c>host:port</c>) and
/// whether loopback/private/link-local addresses are allowed.
/// </summary>
public sealed record FetchScope(IReadOnlySet<string> AllowedHosts, bool AllowPrivateAddresses)
{
    public static FetchScope For(Openness.Core.Units.UnitDefinition unit) => new(unit.ScopeHosts(), unit.AllowPrivateAddresses);

    public bool Allows(Uri url) =>
        (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) &&
        (AllowedHosts.Contains(url.Host.ToLowerInvariant()) ||
         AllowedHosts.Contains($"{url.Host.ToLowerInvariant()}:{url.Port}"));
}
