using Openness.Rules.Findings;
using Openness.Storage;
using Openness.Storage.Reviews;

namespace Openness.Web.Pages;

/// <summary>One row of a unit's rectification list in seed 004's columns: task, state, problem, measure, responsible body.</summary>
public sealed record RectificationItem(int Number, string IndicatorId, string Task, string State, IReadOnlyList<string> Problems,
    string Measure, string ResponsibleBody, double PointsLost);

/// <summary>The unit's gaps (failed or partial leaves of the effective card) as things to rectify.</summary>
public static class Rectification
{
    public static IReadOnlyList<RectificationItem> For(UnitResult result, IReadOnlyList<ReviewItem> findings)
    {
        if (result.ScoreCard is not { } card) return [];
        var byLeaf = findings.ToLookup(f => f.IndicatorId);
        var rows = new List<RectificationItem>();
        foreach (var leaf in card.Leaves.Where(l => l.Status is FindingStatus.Fail or FindingStatus.Partial))
        {
            var problems = byLeaf[leaf.Id].Where(f => f.Status is FindingStatus.Fail or FindingStatus.Partial).Select(f => f.Message).Distinct().ToList();
            if (problems.Count == 0 && leaf.Message.Length > 0) problems.Add(leaf.Message);
            rows.Add(new RectificationItem(rows.Count + 1, leaf.Id, leaf.Name,
                $"{Reporting.Labels.Status(leaf.Status)}（{H(leaf.PointsEarned)}/{H(leaf.PointsPossible)} 分）", problems,
                leaf.Criteria.Length > 0 ? $"对照评估要点整改：{leaf.Criteria}" : "按指标要求补齐公开内容并保持更新",
                result.Unit.Name, leaf.PointsPossible - leaf.PointsEarned));
        }
        return rows;
    }

    private static string H(double d) => Rendering.H.Points(d);
}
