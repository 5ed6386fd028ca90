using Openness.Core.Snapshots;
using Openness.Core.Units;
using Openness.Crawler;
using Openness.Crawler.Crawling;
using Openness.Crawler.Fetching;
using Openness.Reporting;
using Openness.Rules;
using Openness.Rules.Checks;
using Openness.Rules.Scoring;
using Openness.Rules.SiteModel;
using Openness.Storage;
using Openness.Storage.Reviews;

namespace Openness.Cli.Scanning;

/// <summary>What one scan produced, for the command to print.</summary>
public sealed record ScanResult(long RunId, IReadOnlyList<ScoreCard> Cards, IReadOnlyList<string> FailedUnits,
    string ReportDir, string? ExportDir);

/// <summary>
/// Runs the stages in their one direction for every unit of a units file:
/// crawl → site snapshot → site model → checks → scores → store, then reports from the store.
/// Each unit is stored in its own transaction as soon as it is scored, so a crash keeps every finished unit.
/// </summary>
public sealed class ScanRunner(AppSettings settings, IScanProgress progress)
{
    public async Task<ScanResult> RunAsync(UnitsFile units, DateOnly asOf, string reportDir, string? exportDir,
        CancellationToken ct)
    {
        var rules = RulesBundle.Load(units.IndicatorSystem); // bad rules stop the scan before anything is fetched
        var systemContent = await File.ReadAllTextAsync(units.IndicatorSystem, ct);

        var store = await ScanStore.OpenAsync(settings.Storage, rules.Catalogue, ct, new KnownIndicatorSystems(rules.System));
        var runId = await store.StartRunAsync(units.Evaluation, rules.System.Id, rules.System.Name, systemContent,
            rules.System.ContentHash, asOf, units.Units, ct);
        progress.Info($"scan run {runId}: {units.Units.Count} units, indicator system {rules.System.Id} ({rules.System.Name}), as of {asOf:yyyy-MM-dd}");

        var options = settings.Crawler;
        var cards = new List<ScoreCard>();
        var failed = new List<string>();
        var gate = new Lock();
        await using var http = new HttpFetcher(options);
        await using var browser = new BrowserFetcher(options);
        using var throttle = HostThrottle.From(options);

        await Parallel.ForEachAsync(units.Units,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.UnitsInParallel), CancellationToken = ct },
            async (unit, token) =>
            {
                progress.UnitStarted(unit.Id, unit.Name);
                try
                {
                    var card = await ScanUnitAsync(unit, runId, rules, asOf, store, http, browser, throttle, token);
                    lock (gate) cards.Add(card);
                    progress.UnitFinished(unit.Id, $"{card.Total:0.##}/{card.Possible:0.##} 分, {card.Grade}", ok: true);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One unit's failure must not stop the night: record it and go on with the others.
                    lock (gate) failed.Add(unit.Id);
                    var now = DateTimeOffset.Now;
                    await store.SaveUnitResultAsync(runId, unit,
                        new UnitCrawlSummary(UnitScanState.Failed, $"{ex.GetType().Name}: {ex.Message}", 0, 0, now, now),
                        [], null, null, token);
                    progress.UnitFinished(unit.Id, ex.Message, ok: false);
                }
            });

        await store.FinishRunAsync(runId, ct: ct);
        progress.Info("writing reports");
        await new ReportPublisher(store).WriteRunAsync(runId, reportDir, exportDir, ct);
        return new ScanResult(runId, cards, failed, reportDir, exportDir);
    }

    private async Task<ScoreCard> ScanUnitAsync(UnitDefinition unit, long runId, RulesBundle rules, DateOnly asOf,
        ScanStore store, HttpFetcher http, BrowserFetcher browser, HostThrottle throttle, CancellationToken ct)
    {
        var snapshotPath = Path.Combine(settings.DataDir, "snapshots", $"run-{runId}", $"{unit.Id}.snapshot.db");
        using var snapshot = SnapshotStore.Open(snapshotPath);

        progress.UnitStage(unit.Id, "crawling");
        IPageFetcher fetcher = unit.FetchMode switch
        {
            FetchModePreference.Http => new NonOwningFetcher(http),
            FetchModePreference.Browser => new NonOwningFetcher(browser),
            _ => new AutoFetcher(new NonOwningFetcher(http), new NonOwningFetcher(browser),
                url => unit.BrowserHints.Any(h => url.AbsolutePath.StartsWith(h, StringComparison.OrdinalIgnoreCase))),
        };
        var crawler = new SiteCrawler(fetcher, settings.Crawler, throttle);
        var started = DateTimeOffset.Now;
        var crawl = await crawler.CrawlAsync(unit, snapshot, ct);
        var crawlRecord = new UnitCrawlSummary(
            crawl.Outcome == UnitCrawlOutcome.Failed ? UnitScanState.Failed : UnitScanState.Completed,
            crawl.Message, crawl.PagesTotal, crawl.Failed, started, started + crawl.Elapsed);
        progress.UnitStage(unit.Id, $"crawled {crawl.PagesTotal} pages ({crawl.Failed} failed)");

        progress.UnitStage(unit.Id, "checking");
        var site = SiteModelBuilder.Build(unit, snapshot.Pages(), rules.Catalogue, asOf);
        var context = new CheckContext
        {
            Site = site,
            Catalogue = rules.Catalogue,
            Calendar = rules.Calendar,
            AsOf = asOf,
            UpdateProfile = rules.System.UpdateProfile,
        };
        var card = Scorer.Score(rules.System, context);
        // The site model already holds every page's outcome (HTML dropped): no second read of the snapshot.
        await store.SaveUnitResultAsync(runId, unit, crawlRecord, site.Pages, site, card, ct);
        return card;
    }
}

/// <summary>Shares a fetcher among units without letting one unit's AutoFetcher dispose it.</summary>
internal sealed class NonOwningFetcher(IPageFetcher inner) : IPageFetcher
{
    public Task<FetchedPage> FetchAsync(FetchRequest request, FetchScope scope, CancellationToken ct) =>
        inner.FetchAsync(request, scope, ct);
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
