using Openness.Core.Snapshots;
using Openness.Core.Units;
using Openness.Crawler.Crawling;
using Openness.Rules;
using Openness.Rules.Scoring;
using Openness.Storage;

namespace Openness.Scanning;

/// <summary>
/// One unit through the stages in their one direction: crawl → site snapshot → site model → checks → score → store.
/// The unit is saved in one transaction into its run; a failure is saved as a failed unit scan so the night goes on.
/// Both `crawler scan` and the scheduler's unit job call this, so a scheduled scan is exactly a command-line scan.
/// </summary>
public sealed class UnitScanner(ScanFetchers fetchers, ScanStore store, string dataDir, IScanProgress progress)
{
    /// <summary>Scans and saves the unit. Returns its score card, or null when the scan failed (saved as failed).</summary>
    public async Task<ScoreCard?> ScanAndSaveAsync(UnitDefinition unit, long runId, RulesBundle rules, DateOnly asOf,
        CancellationToken ct)
    {
        progress.UnitStarted(unit.Id, unit.Name);
        try
        {
            var card = await ScanAsync(unit, runId, rules, asOf, ct);
            progress.UnitFinished(unit.Id, $"{card.Total:0.##}/{card.Possible:0.##} 分, {card.Grade}", ok: true);
            return card;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One unit's failure must not stop the night: record it and go on with the others.
            var now = DateTimeOffset.Now;
            await store.SaveUnitResultAsync(runId, unit,
                new UnitCrawlSummary(UnitScanState.Failed, $"{ex.GetType().Name}: {ex.Message}", 0, 0, now, now),
                [], null, null, ct);
            progress.UnitFinished(unit.Id, ex.Message, ok: false);
            return null;
        }
    }

    /// <summary>Where a unit's snapshot of a run lives: a resumed or recovered scan continues from its checkpoint.</summary>
    public static string SnapshotPath(string dataDir, long runId, string unitId) =>
        Path.Combine(dataDir, "snapshots", $"run-{runId}", $"{unitId}.snapshot.db");

    private async Task<ScoreCard> ScanAsync(UnitDefinition unit, long runId, RulesBundle rules, DateOnly asOf, CancellationToken ct)
    {
        using var snapshot = SnapshotStore.Open(SnapshotPath(dataDir, runId, unit.Id));

        progress.UnitStage(unit.Id, "crawling");
        var crawler = new SiteCrawler(fetchers.For(unit), fetchers.Options, fetchers.Throttle);
        var started = DateTimeOffset.Now;
        var crawl = await crawler.CrawlAsync(unit, snapshot, ct);
        var crawlRecord = new UnitCrawlSummary(
            crawl.Outcome == UnitCrawlOutcome.Failed ? UnitScanState.Failed : UnitScanState.Completed,
            crawl.Message, crawl.PagesTotal, crawl.Failed, started, started + crawl.Elapsed);
        progress.UnitStage(unit.Id, $"crawled {crawl.PagesTotal} pages ({crawl.Failed} failed)");

        progress.UnitStage(unit.Id, "checking");
        var (site, card, _, _) = RulesStage.Evaluate(unit, snapshot.Pages(), rules, asOf);
        progress.UnitStage(unit.Id, "saving");
        // The site model already holds every page's outcome (HTML dropped): no second read of the snapshot.
        await store.SaveUnitResultAsync(runId, unit, crawlRecord, site.Pages, site, card, ct);
        return card;
    }
}
