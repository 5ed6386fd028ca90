using Microsoft.EntityFrameworkCore;
using Openness.Rules.Scoring;
using Openness.Storage.Entities;

namespace Openness.Storage.Reviews;

/// <summary>
/// The score everyone sees: the checks' automatic card with the assessors' decisions applied (overrides of findings,
/// points entered for manual items), grade recomputed by the same rules. Written into the score row so the ranking,
/// the reports and the exports read effective scores without knowing reviews exist.
/// </summary>
internal static class EffectiveScore
{
    /// <summary>
    /// Per leaf, the newest assessor decision that sets points: a finding's latest review when it is an override, or
    /// the unit's latest manual entry for the leaf from this run or an earlier one. A later confirm of the same finding
    /// withdraws an override (the automatic result stands again).
    /// </summary>
    public static async Task<ManualEntries> EntriesAsync(OpennessDbContext db, UnitScan scan, CancellationToken ct)
    {
        var reviews = await db.FindingReviews
            .Where(r => db.Findings.Any(f => f.Id == r.FindingRecordId && f.UnitScanId == scan.Id))
            .Join(db.Findings, r => r.FindingRecordId, f => f.Id, (r, f) => new { r.Id, r.FindingRecordId, f.IndicatorId, r.Decision, r.PointsAfter, r.ReviewedAt })
            .ToListAsync(ct);
        var decided = new Dictionary<string, (double Points, DateTimeOffset At)>();
        foreach (var latest in reviews.GroupBy(r => r.FindingRecordId).Select(g => g.OrderBy(r => r.ReviewedAt).ThenBy(r => r.Id).Last()))
        {
            if (latest.Decision != nameof(ReviewDecision.Override) || latest.PointsAfter is not { } p) continue;
            Keep(latest.IndicatorId, p, latest.ReviewedAt);
        }
        var manual = await db.ManualScores.Where(m => m.UnitId == scan.UnitId && m.ScanRunId <= scan.ScanRunId)
            .Select(m => new { m.Id, m.IndicatorId, m.Points, m.EnteredAt }).ToListAsync(ct);
        foreach (var m in manual.OrderBy(m => m.EnteredAt).ThenBy(m => m.Id)) Keep(m.IndicatorId, m.Points, m.EnteredAt);
        return new ManualEntries { Points = decided.ToDictionary(d => d.Key, d => d.Value.Points) };

        void Keep(string indicator, double points, DateTimeOffset at)
        {
            if (!decided.TryGetValue(indicator, out var had) || had.At <= at) decided[indicator] = (points, at);
        }
    }

    /// <summary>Recomputes the scan's effective score from its automatic card; call inside the caller's transaction.</summary>
    public static async Task ApplyAsync(OpennessDbContext db, UnitScan scan, IIndicatorSystemSource? systems, CancellationToken ct)
    {
        var score = await db.Scores.SingleOrDefaultAsync(s => s.UnitScanId == scan.Id, ct);
        if (score is null) return;
        var automatic = ScoreCardJson.Deserialize(score.AutomaticScoreCardJson);
        var entries = await EntriesAsync(db, scan, ct);
        ScoreCard effective;
        if (entries.Points.Count == 0) effective = automatic;
        else
        {
            var system = systems?.Find(automatic.SystemHash) ?? throw new InvalidOperationException(
                $"Applying assessor decisions needs the indicator system the score was computed with (SHA-256 {automatic.SystemHash}, " +
                $"'{automatic.SystemId}'), but it is not in the rules folder; restore that exact rules file.");
            effective = Scorer.ApplyManual(system, automatic, entries);
        }
        StoreMapping.WriteEffective(score, effective);
    }
}
