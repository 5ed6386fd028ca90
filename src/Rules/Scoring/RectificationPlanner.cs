using Openness.Rules.Findings;
using Openness.Rules.Indicators;

namespace Openness.Rules.Scoring;

/// <summary>
/// One row of seed 004's 督察表 for one unit: 序号, 工作任务, 完成情况, 存在问题, 整改措施, 整改责任主体, 材料提供部门.
/// </summary>
public sealed record RectificationRow(int Number, string TaskId, string Task, string Completion, IReadOnlyList<string> Problems,
    IReadOnlyList<string> Measures, string ResponsibleBody, IReadOnlyList<string> MaterialProviders, IReadOnlyList<string> EvidenceUrls);

/// <summary>Raises the supervision tasks whose triggers match a unit's failed or partial findings.</summary>
public static class RectificationPlanner
{
    /// <summary>
    /// Rows for the tasks raised by the unit's cards (any system: an indicator trigger matches by id, a check trigger
    /// by check id and subject). Tasks nothing raised are left out: the table lists what the unit must rectify.
    /// </summary>
    public static IReadOnlyList<RectificationRow> Plan(SupervisionTable table, IEnumerable<ScoreCard> cards)
    {
        var cardList = cards.SelectMany(c => c.Stages.Count > 0 ? c.Stages.Prepend(c) : [c]).ToList();
        var rows = new List<RectificationRow>();
        foreach (var task in table.Tasks.OrderBy(t => t.Number))
        {
            var problems = new List<string>();
            var urls = new List<string>();
            string unit = "";
            foreach (var card in cardList)
            {
                unit = card.UnitName;
                foreach (var trigger in task.RaisedBy.Where(t => t.System is null || t.System == card.SystemId))
                {
                    if (trigger.Indicator is { } id)
                        foreach (var ind in card.Indicators.Where(i => (i.Id == id || i.Id.EndsWith("/" + id, StringComparison.Ordinal)) && IsProblem(i.Status)))
                        {
                            problems.Add($"{ind.Name}：{(ind.Message.Length > 0 ? ind.Message : "未得满分")}（得分{ind.PointsEarned:0.##}/{ind.PointsPossible:0.##}）");
                            urls.AddRange(ind.EvidenceUrls);
                        }
                    if (trigger.Check is { } checkId)
                        foreach (var r in card.Leaves.SelectMany(l => l.Checks).Where(r => r.CheckId == checkId && IsProblem(r.Status)
                                     && (trigger.Subject is null || r.Subject.Contains(trigger.Subject, StringComparison.Ordinal))))
                        {
                            problems.Add(r.Message);
                            urls.AddRange(r.Evidence.Select(e => e.Url));
                        }
                }
            }
            if (problems.Count == 0) continue;
            var distinct = problems.Distinct().ToList();
            rows.Add(new RectificationRow(task.Number, task.Id, task.Task, "未完成", distinct,
                task.Measure.Length > 0 ? [task.Measure] : [],
                task.ResponsibleBody.Replace("{unit}", unit), task.MaterialProviders, urls.Distinct().ToList()));
        }
        return rows;
    }

    private static bool IsProblem(FindingStatus s) => s is FindingStatus.Fail or FindingStatus.Partial;
}
