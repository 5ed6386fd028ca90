using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Openness.Rules.Findings;
using Openness.Rules.Scoring;
using Openness.Storage.Entities;

namespace Openness.Storage.Reviews;

/// <summary>
/// Assessor reviews (复核): the queue of findings, decisions on them, points for manual items, and the audit trail.
/// Every decision is written with its audit entry and the re-computed effective score in one transaction.
/// </summary>
public sealed class ReviewStore
{
    private readonly StorageOptions _options;
    private readonly IIndicatorSystemSource _systems;

    private ReviewStore(StorageOptions options, IIndicatorSystemSource systems)
    {
        _options = options;
        _systems = systems;
    }

    public static async Task<ReviewStore> OpenAsync(StorageOptions options, IIndicatorSystemSource systems, CancellationToken ct = default)
    {
        await OpennessDbContextFactory.MigrateAsync(options, ct);
        return new ReviewStore(options, systems);
    }

    private OpennessDbContext Context() => OpennessDbContextFactory.Create(_options);

    /// <summary>Findings of each evaluation's latest run (newest completed, else newest), filtered.</summary>
    public async Task<IReadOnlyList<ReviewItem>> GetQueueAsync(ReviewQueueFilter filter, CancellationToken ct = default)
    {
        await using var db = Context();
        var runIds = await LatestRunIdsAsync(db, filter.EvaluationId, ct);
        var scans = db.UnitScans.Where(s => runIds.Contains(s.ScanRunId) && s.Score != null);
        if (!string.IsNullOrEmpty(filter.UnitKey)) scans = scans.Where(s => s.Unit!.UnitKey == filter.UnitKey);
        var findings = db.Findings.Where(f => scans.Any(s => s.Id == f.UnitScanId));
        if (!string.IsNullOrEmpty(filter.IndicatorId)) findings = findings.Where(f => f.IndicatorId == filter.IndicatorId);
        var items = await LoadItemsAsync(db, await findings.OrderBy(f => f.UnitScanId).ThenBy(f => f.Ordinal).ToListAsync(ct), ct);
        return items.Where(i => Matches(i, filter.Status)).ToList();
    }

    /// <summary>Every finding of one unit in one run, in the card's order.</summary>
    public async Task<IReadOnlyList<ReviewItem>> GetUnitFindingsAsync(long runId, string unitKey, CancellationToken ct = default)
    {
        await using var db = Context();
        var findings = await db.Findings.Where(f => f.UnitScan!.ScanRunId == runId && f.UnitScan.Unit!.UnitKey == unitKey)
            .OrderBy(f => f.Ordinal).ToListAsync(ct);
        return await LoadItemsAsync(db, findings, ct);
    }

    public async Task<ReviewItem?> GetFindingAsync(long findingId, CancellationToken ct = default)
    {
        await using var db = Context();
        var finding = await db.Findings.SingleOrDefaultAsync(f => f.Id == findingId, ct);
        return finding is null ? null : (await LoadItemsAsync(db, [finding], ct)).Single();
    }

    /// <summary>The finding's reviews, oldest first (carried copies included, marked).</summary>
    public async Task<IReadOnlyList<StoredReview>> GetReviewsAsync(long findingId, CancellationToken ct = default)
    {
        await using var db = Context();
        var rows = await db.FindingReviews.Where(r => r.FindingRecordId == findingId).OrderBy(r => r.ReviewedAt).ThenBy(r => r.Id).ToListAsync(ct);
        return rows.Select(ToStored).ToList();
    }

    /// <summary>
    /// Confirm (the automatic result stands), override (the leaf gets <paramref name="points"/>; a reason is required)
    /// or recheck (no change in points, marked to be looked at again).
    /// </summary>
    public async Task RecordReviewAsync(long findingId, string reviewer, ReviewDecision decision, double? points, string reason,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        reason = (reason ?? "").Trim();
        await using var db = Context();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var finding = await db.Findings.Include(f => f.UnitScan!).ThenInclude(s => s.Unit)
            .Include(f => f.UnitScan!).ThenInclude(s => s.ScanRun)
            .SingleOrDefaultAsync(f => f.Id == findingId, ct) ?? throw new ReviewRejectedException($"发现 {findingId} 不存在。");
        var item = (await LoadItemsAsync(db, [finding], ct)).Single();
        double? after = decision switch
        {
            ReviewDecision.Override => points is { } p && p >= 0 && p <= item.LeafPossible + 1e-9
                ? p : throw new ReviewRejectedException($"改分须在 0 到 {Fmt(item.LeafPossible)} 分之间。"),
            ReviewDecision.Confirm => item.LeafAutomaticPoints,
            _ => item.LeafPoints,
        };
        if (decision == ReviewDecision.Override && reason.Length == 0) throw new ReviewRejectedException("改分必须填写理由。");
        if (decision == ReviewDecision.Recheck && reason.Length == 0) reason = "标记为需重新核查";
        var now = DateTimeOffset.UtcNow;
        db.FindingReviews.Add(new FindingReview
        {
            FindingRecordId = finding.Id, Fingerprint = finding.Fingerprint, Reviewer = reviewer, ReviewedAt = now,
            Decision = decision.ToString(), PointsBefore = item.LeafPoints, PointsAfter = after, Reason = reason,
        });
        db.AuditTrail.Add(new AuditEntry
        {
            At = now, Actor = reviewer,
            Action = (decision switch { ReviewDecision.Confirm => AuditAction.ReviewConfirm, ReviewDecision.Override => AuditAction.ReviewOverride, _ => AuditAction.ReviewRecheck }).ToString(),
            EvaluationId = finding.UnitScan!.ScanRun!.EvaluationId, UnitKey = finding.UnitScan.Unit!.UnitKey,
            Subject = $"第{finding.UnitScan.ScanRunId}次评估 · {item.IndicatorName}（{finding.IndicatorId}）· {finding.CheckId} {finding.Subject}".Trim(),
            Before = $"{StatusText(item.Status)}，本项 {Fmt(item.LeafPoints)}/{Fmt(item.LeafPossible)} 分",
            After = decision switch
            {
                ReviewDecision.Confirm => $"确认自动结果，本项 {Fmt(after!.Value)} 分",
                ReviewDecision.Override => $"改为 {Fmt(after!.Value)} 分",
                _ => $"标记重新核查，本项 {Fmt(after!.Value)} 分",
            },
            Reason = reason,
        });
        finding.NeedsReReview = false;
        await db.SaveChangesAsync(ct);
        await EffectiveScore.ApplyAsync(db, finding.UnitScan, _systems, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Leaves of the unit's scan scored from submitted materials, with the points in effect for that run.</summary>
    public async Task<IReadOnlyList<ManualItem>> GetManualItemsAsync(long runId, string unitKey, CancellationToken ct = default)
    {
        await using var db = Context();
        var scan = await ScanAsync(db, runId, unitKey, ct);
        if (scan?.Score is null) return [];
        var automatic = ScoreCardJson.Deserialize(scan.Score.AutomaticScoreCardJson);
        var effective = ScoreCardJson.Deserialize(scan.Score.ScoreCardJson).Indicators.ToDictionary(i => i.Id);
        var entries = (await db.ManualScores.Where(m => m.UnitId == scan.UnitId && m.ScanRunId <= runId).ToListAsync(ct))
            .GroupBy(m => m.IndicatorId).ToDictionary(g => g.Key, g => g.OrderBy(m => m.EnteredAt).ThenBy(m => m.Id).Last());
        return automatic.Leaves.Where(l => l.Status == FindingStatus.Manual).Select(l =>
        {
            var e = entries.GetValueOrDefault(l.Id);
            return new ManualItem(l.Id, l.Name, l.Criteria, l.PointsPossible,
                e is null ? null : effective.GetValueOrDefault(l.Id)?.PointsEarned ?? e.Points, e?.Note, e?.EnteredBy, e?.EnteredAt);
        }).ToList();
    }

    /// <summary>Points for a manual leaf with a note; applies to this run and the unit's later runs until replaced.</summary>
    public async Task RecordManualPointsAsync(long runId, string unitKey, string indicatorId, double points, string note, string enteredBy,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(enteredBy);
        note = (note ?? "").Trim();
        await using var db = Context();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var scan = await ScanAsync(db, runId, unitKey, ct);
        if (scan?.Score is null) throw new ReviewRejectedException($"单位 {unitKey} 在第{runId}次评估中没有得分。");
        var automatic = ScoreCardJson.Deserialize(scan.Score.AutomaticScoreCardJson);
        var leaf = automatic.Leaves.FirstOrDefault(l => l.Id == indicatorId && l.Status == FindingStatus.Manual)
            ?? throw new ReviewRejectedException($"指标 {indicatorId} 不是需人工评分的项目。");
        if (double.IsNaN(points) || points < 0 || points > leaf.PointsPossible + 1e-9)
            throw new ReviewRejectedException($"“{leaf.Name}”的得分须在 0 到 {Fmt(leaf.PointsPossible)} 分之间。");
        if (note.Length == 0) throw new ReviewRejectedException("录入人工评分必须填写说明。");
        var before = ScoreCardJson.Deserialize(scan.Score.ScoreCardJson).Indicators.FirstOrDefault(i => i.Id == indicatorId);
        var now = DateTimeOffset.UtcNow;
        db.ManualScores.Add(new ManualScoreEntry
        {
            UnitId = scan.UnitId, ScanRunId = runId, IndicatorId = indicatorId, Points = points, Note = note, EnteredBy = enteredBy, EnteredAt = now,
        });
        db.AuditTrail.Add(new AuditEntry
        {
            At = now, Actor = enteredBy, Action = nameof(AuditAction.ManualPoints), EvaluationId = scan.ScanRun!.EvaluationId, UnitKey = unitKey,
            Subject = $"第{runId}次评估 · {leaf.Name}（{indicatorId}）",
            Before = before is null || before.Status == FindingStatus.Manual ? "未评分" : $"{Fmt(before.PointsEarned)} 分",
            After = $"{Fmt(points)}/{Fmt(leaf.PointsPossible)} 分", Reason = note,
        });
        await db.SaveChangesAsync(ct);
        // The entry carries to later runs, so their effective scores change too.
        var affected = await db.UnitScans.Where(s => s.UnitId == scan.UnitId && s.ScanRunId >= runId && s.Score != null).ToListAsync(ct);
        foreach (var s in affected) await EffectiveScore.ApplyAsync(db, s, _systems, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> GetAuditTrailAsync(long? evaluationId = null, string? unitKey = null, int take = 500,
        CancellationToken ct = default)
    {
        await using var db = Context();
        var q = db.AuditTrail.AsQueryable();
        if (evaluationId is { } e) q = q.Where(a => a.EvaluationId == e);
        if (!string.IsNullOrEmpty(unitKey)) q = q.Where(a => a.UnitKey == unitKey);
        var rows = await q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(take).ToListAsync(ct);
        var names = await db.Evaluations.ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        return rows.Select(a => new AuditRecord(a.Id, a.At, a.Actor, Enum.Parse<AuditAction>(a.Action),
            a.EvaluationId is { } id ? names.GetValueOrDefault(id) : null, a.UnitKey, a.Subject, a.Before, a.After, a.Reason)).ToList();
    }

    private static bool Matches(ReviewItem i, ReviewQueueStatus status) => status switch
    {
        ReviewQueueStatus.Pending => i.LatestReview is null && (i.Status != FindingStatus.Pass || i.NeedsReReview),
        ReviewQueueStatus.Reviewed => i.LatestReview is { Decision: ReviewDecision.Confirm or ReviewDecision.Override },
        ReviewQueueStatus.Recheck => i.LatestReview is { Decision: ReviewDecision.Recheck },
        ReviewQueueStatus.ReReview => i.NeedsReReview && i.LatestReview is null,
        _ => true,
    };

    internal static async Task<List<long>> LatestRunIdsAsync(OpennessDbContext db, long? evaluationId, CancellationToken ct)
    {
        var runs = await db.ScanRuns.Where(r => evaluationId == null || r.EvaluationId == evaluationId)
            .Select(r => new { r.Id, r.EvaluationId, r.State }).ToListAsync(ct);
        return runs.GroupBy(r => r.EvaluationId)
            .Select(g => g.Where(r => r.State == nameof(RunState.Completed)).Select(r => (long?)r.Id).Max() ?? g.Max(r => r.Id))
            .ToList();
    }

    private static Task<UnitScan?> ScanAsync(OpennessDbContext db, long runId, string unitKey, CancellationToken ct) =>
        db.UnitScans.Include(s => s.Score).Include(s => s.ScanRun)
            .SingleOrDefaultAsync(s => s.ScanRunId == runId && s.Unit!.UnitKey == unitKey, ct);

    private static async Task<List<ReviewItem>> LoadItemsAsync(OpennessDbContext db, IReadOnlyList<FindingRecord> findings, CancellationToken ct)
    {
        var scanIds = findings.Select(f => f.UnitScanId).Distinct().ToList();
        var scans = await db.UnitScans.Where(s => scanIds.Contains(s.Id))
            .Select(s => new
            {
                s.Id, s.ScanRunId, s.ScanRun!.AsOf, s.ScanRun.EvaluationId, Evaluation = s.ScanRun.Evaluation!.Name,
                s.Unit!.UnitKey, s.Unit.Name, s.Unit.Group, s.Unit.Portal,
                Effective = s.Score!.ScoreCardJson, Automatic = s.Score.AutomaticScoreCardJson,
            })
            .ToListAsync(ct);
        var cards = scans.ToDictionary(s => s.Id, s => (
            Effective: ScoreCardJson.Deserialize(s.Effective).Indicators.ToDictionary(i => i.Id),
            Automatic: ScoreCardJson.Deserialize(s.Automatic).Indicators.ToDictionary(i => i.Id)));
        var byScan = scans.ToDictionary(s => s.Id);
        var ids = findings.Select(f => f.Id).ToList();
        var latest = (await db.FindingReviews.Where(r => ids.Contains(r.FindingRecordId)).ToListAsync(ct))
            .GroupBy(r => r.FindingRecordId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.ReviewedAt).ThenBy(r => r.Id).Last());
        return findings.Select(f =>
        {
            var s = byScan[f.UnitScanId];
            var (effective, automatic) = cards[f.UnitScanId];
            var leaf = effective.GetValueOrDefault(f.IndicatorId);
            var auto = automatic.GetValueOrDefault(f.IndicatorId);
            return new ReviewItem(f.Id, s.EvaluationId, s.Evaluation, s.ScanRunId, s.AsOf, new StoredUnit(s.UnitKey, s.Name, s.Group, s.Portal),
                f.IndicatorId, leaf?.Name ?? f.IndicatorId, leaf?.Criteria ?? "", f.CheckId, f.Subject, Enum.Parse<FindingStatus>(f.Status),
                f.Message, Enum.Parse<FindingChange>(f.Change), f.NeedsReReview, ScoreCardJson.DeserializeEvidence(f.EvidenceJson),
                leaf?.PointsEarned ?? 0, auto?.PointsEarned ?? 0, leaf?.PointsPossible ?? 0,
                latest.TryGetValue(f.Id, out var r) ? ToStored(r) : null);
        }).ToList();
    }

    private static StoredReview ToStored(FindingReview r) => new(r.Id, r.Reviewer, r.ReviewedAt, Enum.Parse<ReviewDecision>(r.Decision),
        r.PointsBefore, r.PointsAfter, r.Reason, r.CarriedFromReviewId is not null);

    private static string StatusText(FindingStatus s) => s switch
    {
        FindingStatus.Pass => "符合", FindingStatus.Partial => "部分符合", FindingStatus.Fail => "不符合",
        FindingStatus.NeedsReview => "待复核", _ => "人工评分",
    };

    internal static string Fmt(double d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}
