using Microsoft.EntityFrameworkCore;
using Openness.Storage.Reviews;

namespace Openness.Storage;

/// <summary>A unit's state in one run, as the office's run page lists it.</summary>
public sealed record RunUnitState(StoredUnit Unit, UnitScanState State, string? Message, int PagesFetched, int PagesFailed,
    double? Total, string? Grade, DateTimeOffset SavedAt);

/// <summary>What the office pages ask of the store beside rankings: evaluations by id, and each run's per-unit state.</summary>
public sealed class EvaluationStore
{
    private readonly StorageOptions _options;
    private readonly ScanStore _scans;

    private EvaluationStore(StorageOptions options, ScanStore scans)
    {
        _options = options;
        _scans = scans;
    }

    public static async Task<EvaluationStore> OpenAsync(StorageOptions options, ScanStore scans, CancellationToken ct = default)
    {
        await OpennessDbContextFactory.MigrateAsync(options, ct);
        return new EvaluationStore(options, scans);
    }

    public async Task<IReadOnlyList<EvaluationInfo>> GetEvaluationsAsync(CancellationToken ct = default)
    {
        List<(long Id, string Name, int Units)> rows;
        await using (var db = OpennessDbContextFactory.Create(_options))
        {
            rows = (await db.Evaluations.OrderBy(e => e.Id).Select(e => new { e.Id, e.Name, Units = e.Units.Count }).ToListAsync(ct))
                .Select(e => (e.Id, e.Name, e.Units)).ToList();
        }
        var result = new List<EvaluationInfo>(rows.Count);
        foreach (var r in rows) result.Add(new EvaluationInfo(r.Id, r.Name, r.Units, await _scans.GetLatestRunAsync(r.Name, ct)));
        return result;
    }

    public async Task<EvaluationInfo?> GetEvaluationAsync(long id, CancellationToken ct = default) =>
        (await GetEvaluationsAsync(ct)).FirstOrDefault(e => e.Id == id);

    /// <summary>Every unit saved in the run, in the order saved; units planned but not yet saved are not listed.</summary>
    public async Task<IReadOnlyList<RunUnitState>> GetRunUnitsAsync(long runId, CancellationToken ct = default)
    {
        await using var db = OpennessDbContextFactory.Create(_options);
        var rows = await db.UnitScans.Where(s => s.ScanRunId == runId).OrderBy(s => s.Id)
            .Select(s => new
            {
                s.Unit!.UnitKey, s.Unit.Name, s.Unit.Group, s.Unit.Portal, s.State, s.CrawlMessage, s.PagesFetched, s.PagesFailed,
                Total = (double?)s.Score!.Total, s.Score.Grade, s.SavedAt,
            }).ToListAsync(ct);
        return rows.Select(r => new RunUnitState(new StoredUnit(r.UnitKey, r.Name, r.Group, r.Portal), Enum.Parse<UnitScanState>(r.State),
            r.CrawlMessage, r.PagesFetched, r.PagesFailed, r.Total, r.Grade, r.SavedAt)).ToList();
    }

    /// <summary>The evaluation's units (as last refreshed from the units file), by id.</summary>
    public async Task<IReadOnlyList<StoredUnit>> GetUnitsAsync(long evaluationId, CancellationToken ct = default)
    {
        await using var db = OpennessDbContextFactory.Create(_options);
        var rows = await db.Units.Where(u => u.EvaluationId == evaluationId).OrderBy(u => u.UnitKey).ToListAsync(ct);
        return rows.Select(u => new StoredUnit(u.UnitKey, u.Name, u.Group, u.Portal)).ToList();
    }
}
