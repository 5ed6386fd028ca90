using Openness.Rules.Findings;
using Openness.Rules.Indicators;
using Openness.Rules.Scoring;
using Openness.Storage;

namespace Openness.Reporting.Rectification;

/// <summary>
/// Builds a unit's rectification list from what the store holds: one item per failed or partial leaf (its problems
/// are the failed/partial findings with their evidence, its task the indicator and its criteria), then one per
/// deduction or veto that applied. With a supervision table (seed 004, <c>rules/supervision-*.yaml</c>) each item also
/// names the tasks it raises, their material providers, responsible body and measure.
/// </summary>
public static class RectificationListBuilder
{
    public static RectificationList Build(UnitResult unit, SupervisionTable? table = null)
    {
        var items = new List<RectificationItem>();
        var card = unit.ScoreCard;
        if (card is not null)
        {
            var findings = unit.Findings.ToLookup(f => f.IndicatorId);
            foreach (var leaf in card.Leaves.Where(l => IndicatorFindings.IsProblem(l.Status)))
                items.Add(ForLeaf(items.Count + 1, leaf, IndicatorFindings.Of(leaf, findings), unit, card.SystemId, table));
            foreach (var a in card.Adjustments.Where(a => a.Status == FindingStatus.Fail && a.Kind.ToLowerInvariant() is "deduction" or "veto"))
                items.Add(ForAdjustment(items.Count + 1, a, unit));
        }
        return new RectificationList(unit.Unit.Id, unit.Unit.Name, unit.Run.Evaluation, unit.Run.AsOf, items);
    }

    private static RectificationItem ForLeaf(int number, IndicatorResult leaf, IReadOnlyList<StoredFinding> findings, UnitResult unit,
        string systemId, SupervisionTable? table)
    {
        var problems = findings.Where(f => IndicatorFindings.IsProblem(f.Status))
            .Select(f => new RectificationProblem(f.CheckId, f.Subject, f.Status, f.Message, f.Evidence)).ToList();
        // A leaf scored below full marks by bands may carry no failed check of its own: its message says why.
        if (problems.Count == 0)
            problems.Add(new RectificationProblem("", "", leaf.Status, leaf.Message.Length > 0 ? leaf.Message : "未得满分", []));

        var measures = problems.Select(p => p.CheckId.Length > 0 ? RectificationMeasures.For(p.CheckId) : RectificationMeasures.Fallback).ToList();
        var tasks = table is null ? [] : RaisedTasks(table, leaf, problems, systemId);
        measures.AddRange(tasks.Select(t => t.Measure).Where(m => m.Length > 0));
        var responsible = tasks.Select(t => t.ResponsibleBody.Replace("{unit}", unit.Unit.Name)).Distinct().ToList();

        return new RectificationItem(number, leaf.Id, leaf.Name, leaf.Criteria, leaf.Status, Completion(leaf.Status),
            Math.Max(0, leaf.PointsPossible - leaf.PointsEarned), problems, measures.Distinct().ToList(),
            responsible.Count > 0 ? string.Join("、", responsible) : unit.Unit.Name,
            tasks.SelectMany(t => t.MaterialProviders).Distinct().ToList(), tasks.Select(t => t.Number).ToList());
    }

    private static RectificationItem ForAdjustment(int number, ScoreAdjustment a, UnitResult unit) =>
        new(number, a.Id, $"{Labels.Adjustment(a.Kind)}项：{a.Name}", "", FindingStatus.Fail, Completion(FindingStatus.Fail),
            Math.Max(0, -a.Points), [new RectificationProblem("", "", FindingStatus.Fail, a.Message.Length > 0 ? a.Message : a.Name, [])],
            [RectificationMeasures.Fallback], unit.Unit.Name, [], []);

    /// <summary>Seed 004 offers 已完成 / 未完成; a partly met indicator reads 部分完成 so the unit sees how far it got.</summary>
    private static string Completion(FindingStatus s) => s == FindingStatus.Partial ? "部分完成" : "未完成";

    /// <summary>The same matching as <see cref="RectificationPlanner"/>: by indicator id, or by check id and subject.</summary>
    private static List<RectificationTask> RaisedTasks(SupervisionTable table, IndicatorResult leaf, IReadOnlyList<RectificationProblem> problems, string systemId)
    {
        return table.Tasks.OrderBy(t => t.Number).Where(task => task.RaisedBy.Any(t =>
            (t.System is null || t.System == systemId) &&
            ((t.Indicator is { } id && (leaf.Id == id || leaf.Id.EndsWith("/" + id, StringComparison.Ordinal))) ||
             (t.Check is { } checkId && problems.Any(p => p.CheckId == checkId &&
                 (t.Subject is null || p.Subject.Contains(t.Subject, StringComparison.Ordinal))))))).ToList();
    }
}
