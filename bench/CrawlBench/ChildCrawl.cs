using System.Diagnostics;
using System.Text.Json;
using Openness.Core.Snapshots;
using Openness.Core.Units;
using Openness.Crawler;
using Openness.Crawler.Crawling;
using Openness.Crawler.Fetching;

namespace Openness.CrawlBench;

/// <summary>
/// One crawl of the benchmark portal by our crawler, run in its own process (<c>--child http|browser</c>) so its
/// memory is measured alone. Prints one <see cref="CrawlResult"/> JSON line.
/// </summary>
public static class ChildCrawl
{
    public static async Task<int> RunAsync(string mode, Uri portal, int concurrency, int maxListPages)
    {
        var options = new CrawlerOptions
        {
            // No politeness delay and one host: the per-host concurrency is the crawl's concurrency.
            PerHostRequestsPerSecond = 0,
            PerHostConcurrency = concurrency,
            GlobalConcurrency = concurrency,
            HonourRobotsTxt = false,
            MaxPagesPerUnit = 1_000_000,
            MaxDepth = 20,
            MaxListPagesPerColumn = maxListPages,
            MaxTimePerUnit = TimeSpan.FromMinutes(30),
        };
        var browser = mode == "browser";
        var unit = new UnitDefinition
        {
            Id = "bench",
            Name = "基准测试单位",
            Portal = portal,
            AllowPrivateAddresses = true,
            FetchMode = browser ? FetchModePreference.Browser : FetchModePreference.Http,
        };
        var folder = Path.Combine(Path.GetTempPath(), "crawl-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using IPageFetcher fetcher = browser
                ? new BrowserFetcher(options, pagePoolSize: concurrency)
                : new HttpFetcher(options);
            using var throttle = HostThrottle.From(options);
            using var store = SnapshotStore.Open(Path.Combine(folder, "bench.sqlite"));
            var clock = Stopwatch.StartNew();
            var summary = await new SiteCrawler(fetcher, options, throttle).CrawlAsync(unit, store, CancellationToken.None);
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(JsonSerializer.Serialize(new CrawlResult(summary.PagesFetched - summary.Failed, summary.Failed, seconds)));
            return summary.Outcome == UnitCrawlOutcome.Ok ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}

/// <summary>What every crawler of the benchmark prints as its last line (the Crawlee scripts print the same).</summary>
public sealed record CrawlResult(
    [property: System.Text.Json.Serialization.JsonPropertyName("pages")] int Pages,
    [property: System.Text.Json.Serialization.JsonPropertyName("failed")] int Failed,
    [property: System.Text.Json.Serialization.JsonPropertyName("seconds")] double Seconds);
