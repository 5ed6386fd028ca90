using Microsoft.EntityFrameworkCore;
using Openness.Core.Snapshots;
using Openness.Core.Units;
using Openness.Rules.Catalogue;
using Openness.Rules.Findings;
using Openness.Rules.Scoring;
using Openness.Rules.SiteModel;
using Openness.Storage.Entities;
using Openness.Storage.Reviews;

namespace Openness.Storage;

/// <summary>
/// The pipeline's view of the store. Every operation uses its own short-lived context; each unit's result is saved in
/// one transaction, so a crash part-way through a run keeps every unit already saved and saving a unit again
/// replaces its rows.
/// </summary>
public sealed class ScanStore
{
    private readonly StorageOptions _options;
    private readonly ColumnCatalogue? _catalogue;
    private readonly IIndicatorSystemSource? _systems;

    private ScanStore(StorageOptions options, ColumnCatalogue? catalogue, IIndicatorSystemSource? systems)
    {
        _options = options;
        _catalogue = catalogue;
        _systems = systems;
    }

    /// <summary>
    /// Opens the store, applying pending migrations. The catalogue, when given, names columns by their canonical
    /// Chinese name. <paramref name="systems"/> finds the rules a score was computed with, needed when a saved unit
    /// inherits an assessor's override from its previous run (the effective score is re-scored with those rules).
    /// </summary>
    public static async Task<ScanStore> OpenAsync(StorageOptions options, ColumnCatalogue? catalogue = null, CancellationToken ct = default,
        IIndicatorSystemSource? systems = null)
    {
        await OpennessDbContextFactory.MigrateAsync(options, ct);
        return new ScanStore(options, catalogue, systems);
    }

    private OpennessDbContext Context() => OpennessDbContextFactory.Create(_options);

    public async Task<long> StartRunAsync(
        string evaluation, string systemId, string systemName, string systemContent, string systemHash, DateOnly asOf,
        IEnumerable<UnitDefinition> units, CancellationToken ct = default, IEnumerable<RejectedUnit>? rejected = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(evaluation);
        ArgumentException.ThrowIfNullOrWhiteSpace(systemHash);
        var unitList = units.ToList();
        var rejectedList = rejected?.ToList() ?? [];
        await using var db = Context();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var eval = await db.Evaluations.SingleOrDefaultAsync(e => e.Name == evaluation, ct);
        if (eval is null)
        {
            eval = new Evaluation { Name = evaluation };
            db.Evaluations.Add(eval);
        }
        var hash = systemHash.ToLowerInvariant();
        var system = await db.IndicatorSystems.SingleOrDefaultAsync(s => s.Hash == hash, ct);
        if (system is null)
        {
            system = new IndicatorSystemRecord
            {
                SystemId = systemId, Name = systemName, Content = systemContent, Hash = hash, FirstSeenAt = DateTimeOffset.UtcNow,
            };
            db.IndicatorSystems.Add(system);
        }
        await db.SaveChangesAsync(ct);
        foreach (var unit in unitList) await UpsertUnitAsync(db, eval.Id, unit, ct);
        var rejectedRows = new List<(Unit Row, RejectedUnit Unit)>();
        foreach (var unit in rejectedList) rejectedRows.Add((await UpsertRejectedUnitAsync(db, eval.Id, unit, ct), unit));

        var run = new ScanRun
        {
            EvaluationId = eval.Id, IndicatorSystemRecordId = system.Id, StartedAt = DateTimeOffset.UtcNow, AsOf = asOf,
            State = nameof(RunState.Running), UnitsPlanned = unitList.Count + rejectedList.Count,
        };
        db.ScanRuns.Add(run);
        await db.SaveChangesAsync(ct);
        // A rejected unit is saved as failed with the run itself: the run's counts add up (planned = completed +
        // failed) from the start, and the reports show the unit and why it was not scanned.
        foreach (var (row, unit) in rejectedRows)
        {
            var scan = new UnitScan { ScanRunId = run.Id, UnitId = row.Id, State = "" };
            FailRejected(scan, unit, run.StartedAt);
            db.UnitScans.Add(scan);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return run.Id;
    }

    /// <summary>
    /// Saves one unit's crawl, page outcomes, site model and score in one transaction. Findings are the checks of the
    /// score card's leaves, each marked against the unit's previous completed scan. Saving the same run × unit again
    /// replaces what was stored.
    /// </summary>
    public async Task SaveUnitResultAsync(
        long runId, UnitDefinition unit, UnitCrawlSummary crawl, IEnumerable<SnapshotPage> pages, SiteModel? model,
        ScoreCard? score, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(crawl);
        await using var db = Context();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var run = await db.ScanRuns.SingleOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new InvalidOperationException($"Scan run {runId} does not exist.");
        var unitRow = await UpsertUnitAsync(db, run.EvaluationId, unit, ct);
        long? systemRecordId = null;
        if (score is not null)
        {
            var hash = score.SystemHash.ToLowerInvariant();
            systemRecordId = await db.IndicatorSystems.Where(s => s.Hash == hash).Select(s => (long?)s.Id).SingleOrDefaultAsync(ct)
                ?? throw new InvalidOperationException(
                    $"Score for unit '{unit.Id}' was made with indicator system hash {hash}, which no run registered; scores must be traceable to their rules.");
        }

        var scan = await EmptyScanOfRunAsync(db, runId, unitRow.Id, ct);
        scan.State = crawl.State.ToString();
        scan.CrawlMessage = crawl.Message;
        scan.PagesFetched = crawl.PagesFetched;
        scan.PagesFailed = crawl.PagesFailed;
        scan.StartedAt = crawl.StartedAt.ToUniversalTime();
        scan.FinishedAt = crawl.FinishedAt.ToUniversalTime();
        scan.SavedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);

        var previous = await PreviousFindingsAsync(db, unitRow.Id, runId, ct);
        db.PageOutcomes.AddRange(pages.Select(p => StoreMapping.ToRecord(scan.Id, p)));
        if (model is not null)
        {
            db.Columns.AddRange(model.Columns.Select((c, i) => StoreMapping.ToRecord(scan.Id, i, c, CatalogueName(c.CatalogueId))));
            db.Documents.AddRange(model.Documents.Select((d, i) => StoreMapping.ToRecord(scan.Id, i, d)));
        }
        if (score is not null)
        {
            var findings = StoreMapping.ToFindings(scan.Id, score, previous.ToDictionary(p => p.Key, p => p.Value.Status)).ToList();
            db.Findings.AddRange(findings);
            db.Scores.Add(StoreMapping.ToRecord(scan.Id, systemRecordId!.Value, score));
            await db.SaveChangesAsync(ct);
            if (ReviewCarryOver.Apply(db, findings, previous))
                await db.SaveChangesAsync(ct);
            await EffectiveScore.ApplyAsync(db, scan, _systems, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Saves a unit the units file rejected as a failed unit scan of the run, with why (<see cref="RejectedUnit.Message"/>);
    /// for a unit that became rejected after its run was opened. Saving it again replaces what was stored.
    /// </summary>
    public async Task SaveRejectedUnitAsync(long runId, RejectedUnit unit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        await using var db = Context();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var run = await db.ScanRuns.SingleOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new InvalidOperationException($"Scan run {runId} does not exist.");
        var row = await UpsertRejectedUnitAsync(db, run.EvaluationId, unit, ct);
        var scan = await EmptyScanOfRunAsync(db, runId, row.Id, ct);
        FailRejected(scan, unit, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static void FailRejected(UnitScan scan, RejectedUnit unit, DateTimeOffset at)
    {
        scan.State = nameof(UnitScanState.Failed);
        scan.CrawlMessage = unit.Message;
        scan.PagesFetched = 0;
        scan.PagesFailed = 0;
        scan.StartedAt = scan.FinishedAt = scan.SavedAt = at;
    }

    public async Task FinishRunAsync(long runId, RunState state = RunState.Completed, CancellationToken ct = default)
    {
        await using var db = Context();
        var run = await db.ScanRuns.SingleOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new InvalidOperationException($"Scan run {runId} does not exist.");
        run.State = state.ToString();
        run.FinishedAt = DateTimeOffset.UtcNow;
        var counts = await UnitCountsAsync(db, [runId], ct);
        (run.UnitsCompleted, run.UnitsFailed) = counts.GetValueOrDefault(runId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Ids of the units already saved in a run: what a resumed run can skip.</summary>
    public async Task<IReadOnlyList<string>> GetSavedUnitIdsAsync(long runId, CancellationToken ct = default)
    {
        await using var db = Context();
        return await db.UnitScans.Where(s => s.ScanRunId == runId).OrderBy(s => s.Id).Select(s => s.Unit!.UnitKey).ToListAsync(ct);
    }

    public async Task<RunSummary?> GetRunAsync(long runId, CancellationToken ct = default)
    {
        await using var db = Context();
        var run = await RunsWithDetails(db).SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null) return null;
        var counts = await UnitCountsAsync(db, [runId], ct);
        return StoreMapping.ToSummary(run, counts.GetValueOrDefault(runId));
    }

    /// <summary>Runs of an evaluation, newest first.</summary>
    public async Task<IReadOnlyList<RunSummary>> GetRunHistoryAsync(string evaluation, CancellationToken ct = default)
    {
        await using var db = Context();
        var runs = await RunsWithDetails(db).Where(r => r.Evaluation!.Name == evaluation).OrderByDescending(r => r.Id).ToListAsync(ct);
        var counts = await UnitCountsAsync(db, runs.Select(r => r.Id).ToList(), ct);
        return runs.Select(r => StoreMapping.ToSummary(r, counts.GetValueOrDefault(r.Id))).ToList();
    }

    /// <summary>The newest completed run of the evaluation, or the newest run of any state when none has completed.</summary>
    public async Task<RunSummary?> GetLatestRunAsync(string evaluation, CancellationToken ct = default)
    {
        var runs = await GetRunHistoryAsync(evaluation, ct);
        return runs.FirstOrDefault(r => r.State == RunState.Completed) ?? runs.FirstOrDefault();
    }

    /// <summary>Scored units of a run, total descending (then unit id), with shared ranks for equal totals.</summary>
    public async Task<Ranking?> GetRankingAsync(long runId, CancellationToken ct = default)
    {
        var run = await GetRunAsync(runId, ct);
        if (run is null) return null;
        await using var db = Context();
        var rows = await db.UnitScans.Where(s => s.ScanRunId == runId && s.Score != null)
            .Select(s => new
            {
                s.Unit!.UnitKey, s.Unit.Name, s.Unit.Group, s.Unit.Portal,
                s.Score!.Total, s.Score.Possible, s.Score.Grade, s.Score.Vetoed, s.Score.ManualPointsPending, s.Score.LevelOneJson,
            })
            .ToListAsync(ct);
        var ordered = rows.OrderByDescending(r => r.Total).ThenBy(r => r.UnitKey, StringComparer.Ordinal).ToList();
        var result = new List<RankingRow>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var r = ordered[i];
            var rank = i > 0 && ordered[i - 1].Total == r.Total ? result[i - 1].Rank : i + 1;
            result.Add(new RankingRow(rank, new StoredUnit(r.UnitKey, r.Name, r.Group, r.Portal), r.Total, r.Possible, r.Grade,
                r.Vetoed, r.ManualPointsPending, ScoreCardJson.DeserializeList<LevelOneScore>(r.LevelOneJson)));
        }
        // Units of the run without a score (rejected by the units file, or a scan that failed before scoring) are
        // listed beside the ranking with why, not dropped from it.
        var unscored = await db.UnitScans.Where(s => s.ScanRunId == runId && s.Score == null).OrderBy(s => s.Unit!.UnitKey)
            .Select(s => new { s.Unit!.UnitKey, s.Unit.Name, s.Unit.Group, s.Unit.Portal, s.CrawlMessage })
            .ToListAsync(ct);
        return new Ranking(run, result)
        {
            Unscored = unscored.Select(u => new UnscoredUnit(new StoredUnit(u.UnitKey, u.Name, u.Group, u.Portal), u.CrawlMessage)).ToList(),
        };
    }

    public async Task<Ranking?> GetLatestRankingAsync(string evaluation, CancellationToken ct = default)
    {
        var run = await GetLatestRunAsync(evaluation, ct);
        return run is null ? null : await GetRankingAsync(run.RunId, ct);
    }

    public async Task<UnitResult?> GetUnitResultAsync(long runId, string unitId, CancellationToken ct = default)
    {
        var run = await GetRunAsync(runId, ct);
        if (run is null) return null;
        await using var db = Context();
        var scan = await db.UnitScans.Include(s => s.Unit).Include(s => s.Score)
            .SingleOrDefaultAsync(s => s.ScanRunId == runId && s.Unit!.UnitKey == unitId, ct);
        return scan is null ? null : await LoadResultAsync(db, run, scan, ct);
    }

    /// <summary>Every unit stored for a run, in the order they were first saved.</summary>
    public async Task<IReadOnlyList<UnitResult>> GetUnitResultsAsync(long runId, CancellationToken ct = default)
    {
        var run = await GetRunAsync(runId, ct);
        if (run is null) return [];
        await using var db = Context();
        var scans = await db.UnitScans.Include(s => s.Unit).Include(s => s.Score).Where(s => s.ScanRunId == runId).OrderBy(s => s.Id).ToListAsync(ct);
        var results = new List<UnitResult>(scans.Count);
        foreach (var scan in scans) results.Add(await LoadResultAsync(db, run, scan, ct));
        return results;
    }

    /// <summary>The unit's newest scored scan in the evaluation, whichever run it was in.</summary>
    public async Task<UnitResult?> GetLatestUnitResultAsync(string evaluation, string unitId, CancellationToken ct = default)
    {
        await using var db = Context();
        var runId = await db.UnitScans
            .Where(s => s.Unit!.UnitKey == unitId && s.Unit.Evaluation!.Name == evaluation && s.Score != null)
            .OrderByDescending(s => s.ScanRunId).Select(s => (long?)s.ScanRunId).FirstOrDefaultAsync(ct);
        return runId is null ? null : await GetUnitResultAsync(runId.Value, unitId, ct);
    }

    /// <summary>The unit's scans in the evaluation, newest first.</summary>
    public async Task<IReadOnlyList<UnitHistoryEntry>> GetUnitHistoryAsync(string evaluation, string unitId, CancellationToken ct = default)
    {
        await using var db = Context();
        var rows = await db.UnitScans
            .Where(s => s.Unit!.UnitKey == unitId && s.Unit.Evaluation!.Name == evaluation)
            .OrderByDescending(s => s.ScanRunId)
            .Select(s => new { s.ScanRunId, s.ScanRun!.AsOf, s.State, Total = (double?)s.Score!.Total, Possible = (double?)s.Score.Possible, s.Score.Grade })
            .ToListAsync(ct);
        return rows.Select(r => new UnitHistoryEntry(r.ScanRunId, r.AsOf, Enum.Parse<UnitScanState>(r.State), r.Total, r.Possible, r.Grade)).ToList();
    }

    public async Task<IReadOnlyList<StoredPageOutcome>> GetPageOutcomesAsync(long runId, string unitId, CancellationToken ct = default)
    {
        await using var db = Context();
        var scanId = await db.UnitScans.Where(s => s.ScanRunId == runId && s.Unit!.UnitKey == unitId).Select(s => (long?)s.Id).SingleOrDefaultAsync(ct);
        if (scanId is null) return [];
        var pages = await db.PageOutcomes.Where(p => p.UnitScanId == scanId).OrderBy(p => p.Id).ToListAsync(ct);
        return pages.Select(StoreMapping.ToStored).ToList();
    }

    /// <summary>The exact indicator-system file content a hash stands for (what a stored score was computed with).</summary>
    public async Task<string?> GetIndicatorSystemContentAsync(string hash, CancellationToken ct = default)
    {
        await using var db = Context();
        var h = hash.ToLowerInvariant();
        return await db.IndicatorSystems.Where(s => s.Hash == h).Select(s => s.Content).SingleOrDefaultAsync(ct);
    }

    private string? CatalogueName(string? catalogueId) =>
        catalogueId is null ? null : _catalogue?.Get(catalogueId)?.Name;

    /// <summary>
    /// Completed and failed unit counts per run, counted from the unit scans themselves: units are saved concurrently,
    /// and a counter updated by each save could lose increments under read-committed isolation.
    /// </summary>
    private static async Task<Dictionary<long, (int Completed, int Failed)>> UnitCountsAsync(
        OpennessDbContext db, IReadOnlyList<long> runIds, CancellationToken ct)
    {
        var rows = await db.UnitScans.Where(s => runIds.Contains(s.ScanRunId))
            .GroupBy(s => new { s.ScanRunId, s.State }).Select(g => new { g.Key.ScanRunId, g.Key.State, Count = g.Count() })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.ScanRunId).ToDictionary(g => g.Key, g => (
            g.Where(r => r.State == nameof(UnitScanState.Completed)).Sum(r => r.Count),
            g.Where(r => r.State == nameof(UnitScanState.Failed)).Sum(r => r.Count)));
    }

    private static IQueryable<ScanRun> RunsWithDetails(OpennessDbContext db) =>
        db.ScanRuns.Include(r => r.Evaluation).Include(r => r.IndicatorSystem);

    private static async Task<Unit> UpsertUnitAsync(OpennessDbContext db, long evaluationId, UnitDefinition unit, CancellationToken ct)
    {
        var row = await db.Units.SingleOrDefaultAsync(u => u.EvaluationId == evaluationId && u.UnitKey == unit.Id, ct);
        if (row is null)
        {
            row = new Unit { EvaluationId = evaluationId, UnitKey = unit.Id, Name = unit.Name, Portal = unit.Portal.ToString() };
            db.Units.Add(row);
        }
        // The units file is the authority: a renamed unit or moved portal shows its current name in every report.
        row.Name = unit.Name;
        row.Group = unit.Group;
        row.Portal = unit.Portal.ToString();
        await db.SaveChangesAsync(ct);
        return row;
    }

    /// <summary>
    /// The row of a unit the units file rejected. What the file says is stored as written (the portal may not be a URL:
    /// it is what the office must fix); what it does not say keeps the stored value, so a unit whose name went missing
    /// is not renamed to its id.
    /// </summary>
    private static async Task<Unit> UpsertRejectedUnitAsync(OpennessDbContext db, long evaluationId, RejectedUnit unit, CancellationToken ct)
    {
        var row = await db.Units.SingleOrDefaultAsync(u => u.EvaluationId == evaluationId && u.UnitKey == unit.Id, ct);
        if (row is null)
        {
            row = new Unit { EvaluationId = evaluationId, UnitKey = unit.Id, Name = unit.Id, Portal = "" };
            db.Units.Add(row);
        }
        // Clipped to the columns' sizes: a runaway value in one unit's entry must not fail the whole run's start.
        row.Name = unit.Name is null ? row.Name : Clip(unit.Name, 500);
        row.Group = Clip(unit.Group, 100);
        row.Portal = unit.Portal is null ? row.Portal : Clip(unit.Portal, 2000);
        await db.SaveChangesAsync(ct);
        return row;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>The unit's scan in the run, new or, when the unit was saved before, emptied: saving again replaces.</summary>
    private static async Task<UnitScan> EmptyScanOfRunAsync(OpennessDbContext db, long runId, long unitId, CancellationToken ct)
    {
        var scan = await db.UnitScans.SingleOrDefaultAsync(s => s.ScanRunId == runId && s.UnitId == unitId, ct);
        if (scan is null)
        {
            scan = new UnitScan { ScanRunId = runId, UnitId = unitId, State = "" };
            db.UnitScans.Add(scan);
        }
        else
        {
            await DeleteChildrenAsync(db, scan.Id, ct);
        }
        return scan;
    }

    private static async Task DeleteChildrenAsync(OpennessDbContext db, long scanId, CancellationToken ct)
    {
        await db.FindingReviews.Where(r => db.Findings.Any(f => f.Id == r.FindingRecordId && f.UnitScanId == scanId)).ExecuteDeleteAsync(ct);
        await db.Findings.Where(f => f.UnitScanId == scanId).ExecuteDeleteAsync(ct);
        await db.Scores.Where(s => s.UnitScanId == scanId).ExecuteDeleteAsync(ct);
        await db.PageOutcomes.Where(p => p.UnitScanId == scanId).ExecuteDeleteAsync(ct);
        await db.Columns.Where(c => c.UnitScanId == scanId).ExecuteDeleteAsync(ct);
        await db.Documents.Where(d => d.UnitScanId == scanId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Fingerprint → the finding in the unit's newest completed scan of an earlier run, with its latest review.</summary>
    private static async Task<IReadOnlyDictionary<string, PreviousFinding>> PreviousFindingsAsync(
        OpennessDbContext db, long unitId, long runId, CancellationToken ct)
    {
        var previousScanId = await db.UnitScans
            .Where(s => s.UnitId == unitId && s.ScanRunId < runId && s.State == nameof(UnitScanState.Completed))
            .OrderByDescending(s => s.ScanRunId).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
        if (previousScanId is null) return new Dictionary<string, PreviousFinding>();
        var rows = await db.Findings.Where(f => f.UnitScanId == previousScanId)
            .Select(f => new { f.Id, f.Fingerprint, f.Status, f.EvidenceHash, f.NeedsReReview }).ToListAsync(ct);
        var reviews = (await db.FindingReviews.Where(r => db.Findings.Any(f => f.Id == r.FindingRecordId && f.UnitScanId == previousScanId))
                .ToListAsync(ct))
            .GroupBy(r => r.FindingRecordId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.ReviewedAt).ThenBy(r => r.Id).Last());
        var result = new Dictionary<string, PreviousFinding>();
        foreach (var r in rows)
            result[r.Fingerprint] = new PreviousFinding(Enum.Parse<FindingStatus>(r.Status), r.EvidenceHash, r.NeedsReReview,
                reviews.GetValueOrDefault(r.Id));
        return result;
    }

    private static async Task<UnitResult> LoadResultAsync(OpennessDbContext db, RunSummary run, UnitScan scan, CancellationToken ct)
    {
        var findings = await db.Findings.Where(f => f.UnitScanId == scan.Id).OrderBy(f => f.Ordinal).ToListAsync(ct);
        var columns = await db.Columns.Where(c => c.UnitScanId == scan.Id).OrderBy(c => c.Ordinal).ToListAsync(ct);
        var documents = await db.Documents.Where(d => d.UnitScanId == scan.Id).OrderBy(d => d.Ordinal).ToListAsync(ct);
        var u = scan.Unit!;
        return new UnitResult(
            run,
            new StoredUnit(u.UnitKey, u.Name, u.Group, u.Portal),
            new UnitCrawlSummary(Enum.Parse<UnitScanState>(scan.State), scan.CrawlMessage, scan.PagesFetched, scan.PagesFailed, scan.StartedAt, scan.FinishedAt),
            scan.Score is null ? null : ScoreCardJson.Deserialize(scan.Score.ScoreCardJson),
            findings.Select(StoreMapping.ToStored).ToList(),
            columns.Select(StoreMapping.ToStored).ToList(),
            documents.Select(StoreMapping.ToStored).ToList());
    }
}
