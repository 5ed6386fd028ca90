using Openness.Core.Snapshots;
using Openness.Core.Units;
using Openness.Crawler.Crawling;
using Openness.Crawler.Fetching;
using Openness.Fixtures.Portals;

namespace Openness.Crawler.Tests.Crawling;

/// <summary>A served portal, a snapshot file in a temp folder, and a crawler over real HTTP.</summary>
public sealed class CrawlHarness : IAsyncDisposable
{
    public PortalServer Server { get; }
    public string Folder { get; }
    public SnapshotStore Store { get; }
    public UnitDefinition Unit { get; }

    private CrawlHarness(PortalServer server, string folder, UnitDefinition unit)
    {
        Server = server;
        Folder = folder;
        Unit = unit;
        Store = SnapshotStore.Open(Path.Combine(folder, "unit.sqlite"));
    }

    /// <summary>
    /// Loopback, no rate limit, short retry backoff: tests stay fast; those about politeness set their own options.
    /// Units here set AllowPrivateAddresses because the fixtures listen on 127.0.0.1.
    /// </summary>
    public static CrawlerOptions FastOptions => new()
    {
        PerHostRequestsPerSecond = 0,
        PerHostConcurrency = 4,
        MaxTimePerUnit = TimeSpan.FromMinutes(2),
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<CrawlHarness> StartAsync(GeneratedPortal portal, PortalServerOptions? serverOptions = null,
        Func<UnitDefinition, UnitDefinition>? unit = null)
    {
        var server = await PortalServer.StartAsync(portal, serverOptions);
        var folder = Path.Combine(Path.GetTempPath(), "crawl-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var def = new UnitDefinition { Id = "u1", Name = "青山县人民政府", Portal = server.Url("/index.html"), AllowPrivateAddresses = true };
        return new CrawlHarness(server, folder, unit?.Invoke(def) ?? def);
    }

    public static Task<CrawlHarness> StartAsync(IReadOnlyDictionary<string, string> pages, string? robots = null,
        Func<UnitDefinition, UnitDefinition>? unit = null) =>
        StartAsync(GeneratedPortal.FromPages(pages, robots), null, unit);

    public async Task<CrawlSummary> CrawlAsync(CrawlerOptions? options = null)
    {
        options ??= FastOptions;
        await using var fetcher = new HttpFetcher(options);
        using var throttle = HostThrottle.From(options);
        return await new SiteCrawler(fetcher, options, throttle).CrawlAsync(Unit, Store, CancellationToken.None);
    }

    /// <summary>Page requests the server saw, robots.txt left out, in arrival order.</summary>
    public IReadOnlyList<ServedRequest> PageRequests => Server.Requests.Where(r => r.Path != "/robots.txt").ToList();

    public string Url(string path) => Server.Url(path).AbsoluteUri;

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        await Server.DisposeAsync();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>A small HTML page linking to <paramref name="links"/>.</summary>
    public static string Page(string title, params string[] links) =>
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><ul>" +
        string.Concat(links.Select(l => $"<li><a href=\"{l}\">{l}</a></li>")) + "</ul></body></html>";
}
