using Openness.Core.Snapshots;
using Openness.Core.Units;
using Openness.Crawler.Fetching;

namespace Openness.Crawler.Crawling;

/// <summary>
/// Crawls many units side by side (<see cref="CrawlerOptions.UnitsInParallel"/>), each into its own snapshot file and
/// isolated from the others: one unit's dead portal or broken snapshot becomes its summary, never the run's end.
/// The fetcher and the <see cref="HostThrottle"/> are shared, so politeness holds across units on one host.
/// </summary>
public sealed class CrawlRunner
{
    private readonly SiteCrawler _crawler;
    private readonly CrawlerOptions _options;

    public CrawlRunner(IPageFetcher fetcher, CrawlerOptions options, HostThrottle throttle)
    {
        _crawler = new SiteCrawler(fetcher, options, throttle);
        _options = options;
    }

    /// <summary>Crawls every unit into <paramref name="storePathFor"/>(unit); summaries come back in unit order.</summary>
    public async Task<IReadOnlyList<CrawlSummary>> CrawlAsync(
        IReadOnlyList<UnitDefinition> units, Func<UnitDefinition, string> storePathFor,
        IProgress<CrawlSummary>? progress, CancellationToken cancellationToken)
    {
        var results = new CrawlSummary[units.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.UnitsInParallel), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, units.Count), parallel, async (i, ct) =>
        {
            results[i] = await CrawlOneAsync(units[i], storePathFor(units[i]), ct).ConfigureAwait(false);
            progress?.Report(results[i]);
        }).ConfigureAwait(false);
        return results;
    }

    private async Task<CrawlSummary> CrawlOneAsync(UnitDefinition unit, string storePath, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        try
        {
            using var store = SnapshotStore.Open(storePath);
            return await _crawler.CrawlAsync(unit, store, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new CrawlSummary
            {
                UnitId = unit.Id,
                Outcome = UnitCrawlOutcome.Failed,
                Message = $"采集过程出错，本单位结果不完整 [{e.GetType().Name}: {e.Message}]",
                Elapsed = DateTimeOffset.UtcNow - started,
            };
        }
    }
}
