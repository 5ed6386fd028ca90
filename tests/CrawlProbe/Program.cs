using System.Text.Json;
using Openness.Core.Snapshots;
using Openness.Core.Units;
using Openness.Crawler;
using Openness.Crawler.Crawling;
using Openness.Crawler.Fetching;

// Usage: CrawlProbe <store.sqlite> <portal-url> [per-host-concurrency] [max-depth] [max-list-pages-per-column]
// Prints one JSON line with the CrawlSummary when the crawl ends; exit code 0 on success.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: CrawlProbe <store.sqlite> <portal-url> [per-host-concurrency] [max-depth] [max-list-pages-per-column]");
    return 2;
}
var portal = new Uri(args[1]);
var options = new CrawlerOptions
{
    PerHostRequestsPerSecond = 0,
    PerHostConcurrency = args.Length > 2 ? int.Parse(args[2]) : 2,
    MaxPagesPerUnit = 5000,
    MaxDepth = args.Length > 3 ? int.Parse(args[3]) : 8,
    MaxListPagesPerColumn = args.Length > 4 ? int.Parse(args[4]) : 20,
    MaxTimePerUnit = TimeSpan.FromMinutes(5),
    RetryBaseDelay = TimeSpan.FromMilliseconds(10),
};
var unit = new UnitDefinition { Id = "probe", Name = "探针单位", Portal = portal, AllowPrivateAddresses = true };
await using var fetcher = new HttpFetcher(options);
using var throttle = HostThrottle.From(options);
using var store = SnapshotStore.Open(args[0]);
var summary = await new SiteCrawler(fetcher, options, throttle).CrawlAsync(unit, store, CancellationToken.None);
Console.WriteLine(JsonSerializer.Serialize(summary));
return summary.Outcome == UnitCrawlOutcome.Ok ? 0 : 1;
