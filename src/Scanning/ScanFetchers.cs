using Openness.Core.Units;
using Openness.Crawler;
using Openness.Crawler.Crawling;
using Openness.Crawler.Fetching;

namespace Openness.Scanning;

/// <summary>
/// The fetchers and per-host throttle every unit of a process shares: one HTTP connection pool, one Chromium (started
/// on first use), one politeness budget per host, however many units are crawled at once.
/// </summary>
public sealed class ScanFetchers : IAsyncDisposable
{
    private readonly HttpFetcher _http;
    private readonly BrowserFetcher _browser;

    public ScanFetchers(CrawlerOptions options)
    {
        Options = options;
        _http = new HttpFetcher(options);
        _browser = new BrowserFetcher(options);
        Throttle = HostThrottle.From(options);
    }

    public CrawlerOptions Options { get; }
    public HostThrottle Throttle { get; }

    /// <summary>The fetcher a unit's fetch mode asks for; disposing it leaves the shared fetchers open.</summary>
    public IPageFetcher For(UnitDefinition unit) => unit.FetchMode switch
    {
        FetchModePreference.Http => new NonOwningFetcher(_http),
        FetchModePreference.Browser => new NonOwningFetcher(_browser),
        _ => new AutoFetcher(new NonOwningFetcher(_http), new NonOwningFetcher(_browser),
            url => unit.BrowserHints.Any(h => url.AbsolutePath.StartsWith(h, StringComparison.OrdinalIgnoreCase))),
    };

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _http.DisposeAsync();
        Throttle.Dispose();
    }

    /// <summary>Shares a fetcher among units without letting one unit's AutoFetcher dispose it.</summary>
    private sealed class NonOwningFetcher(IPageFetcher inner) : IPageFetcher
    {
        public Task<FetchedPage> FetchAsync(FetchRequest request, FetchScope scope, CancellationToken ct) =>
            inner.FetchAsync(request, scope, ct);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
