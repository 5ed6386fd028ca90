using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary>
/// <c>column-updated</c>: each required column's newest item lies within its interval (the parameter, else the
/// catalogue's interval for the indicator system's update profile). A missing column counts as not updated;
/// a column whose list is drawn by script the snapshot did not run cannot be judged.
/// </summary>
public sealed class ColumnUpdatedCheck : ICheck
{
    public string Id => "column-updated";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } =
    [
        new("columns", ParameterKind.ColumnIdList, true, "需检查更新的栏目"),
        new("within", ParameterKind.Duration, false, "更新间隔；不填则用栏目目录中该评估体系的更新要求"),
    ];

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var ids = parameters.TextList("columns");
        var subject = string.Join(",", ids);
        var evidence = new List<Evidence>();
        var stale = new List<string>();
        var undecided = new List<string>();
        int fresh = 0;
        foreach (var id in ids)
        {
            var name = CheckSupport.ColumnName(context, id);
            var within = parameters.Duration("within") ?? context.Catalogue.UpdateInterval(id, context.UpdateProfile);
            if (within is null) { undecided.Add($"{name}（栏目目录未规定更新间隔）"); continue; }
            var column = CheckSupport.Find(context, id);
            if (column is null) { stale.Add($"{name}（栏目缺失）"); continue; }
            var newest = column.NewestDate;
            if (newest is null)
            {
                if (column.ItemsNeedScript || !column.Visited) { undecided.Add($"{name}（{(column.Visited ? "列表由脚本加载" : "栏目页未抓取")}）"); continue; }
                stale.Add($"{name}（无带日期的信息）");
                evidence.Add(CheckSupport.EvidenceFor(context, column, $"栏目“{column.NameAsShown}”无带日期的信息"));
                continue;
            }
            var text = $"栏目“{column.NameAsShown}”最新信息 {CheckSupport.Day(newest.Value)}，要求{within}内更新";
            evidence.Add(CheckSupport.EvidenceFor(context, column, text));
            if (CheckSupport.Within(context, newest.Value, within.Value)) fresh++;
            else stale.Add($"{name}（最新 {CheckSupport.Day(newest.Value)}，超过{within}）");
        }
        var decided = fresh + stale.Count;
        if (decided == 0)
            return CheckResult.NeedsReview(Id, $"无法判断栏目更新情况：{string.Join("、", undecided)}，需人工核查", evidence, subject);
        var message = stale.Count == 0 ? $"{fresh}个栏目均按时更新" : $"{stale.Count}个栏目更新不及时：{string.Join("；", stale)}";
        if (undecided.Count > 0) message += $"；另有{undecided.Count}个栏目无法判断：{string.Join("、", undecided)}";
        return CheckResult.FromFraction(Id, (double)fresh / decided, message, evidence, subject, measured: stale.Count, expected: decided);
    }
}
