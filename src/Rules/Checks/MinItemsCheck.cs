using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary><c>min-items</c>: at least <c>count</c> items dated within the period in the columns. Measured = items counted.</summary>
public sealed class MinItemsCheck : ICheck
{
    public string Id => "min-items";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } =
    [
        new("columns", ParameterKind.ColumnIdList, false, "统计的栏目；不填则统计全部栏目"),
        new("count", ParameterKind.Number, true, "期内至少应发布的信息条数"),
        new("within", ParameterKind.Duration, false, "统计期，默认1y"),
    ];

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var ids = parameters.TextList("columns");
        var count = parameters.Number("count") ?? 1;
        var within = parameters.Duration("within") ?? new Duration(1, DurationUnit.Years);
        var columns = CheckSupport.Columns(context, ids);
        var items = columns.SelectMany(c => c.Items.Select(i => (Column: c, Item: i)))
            .Where(x => x.Item.Date is { } d && CheckSupport.Within(context, d, within))
            .DistinctBy(x => x.Item.Url).ToList();
        var scope = ids.Count == 0 ? "全站栏目" : string.Join("、", ids.Select(id => CheckSupport.ColumnName(context, id)));
        var evidence = items.GroupBy(x => x.Column)
            .Select(g => CheckSupport.EvidenceFor(context, g.Key, $"栏目“{g.Key.NameAsShown}”{within}内{g.Count()}条，最新 {CheckSupport.Day(g.Max(x => x.Item.Date)!.Value)}"))
            .ToList();
        if (items.Count == 0 && columns.Count > 0 && columns.All(c => c.ItemCount == 0 && (c.ItemsNeedScript || !c.Visited)))
            return CheckResult.NeedsReview(Id, $"{scope}的列表由脚本加载或未抓取，无法统计信息条数", evidence, $"{string.Join(",", ids)}:{within}");
        var fraction = count <= 0 ? 1 : Math.Min(1, items.Count / count);
        var message = items.Count >= count
            ? $"{scope}{within}内发布信息{items.Count}条，达到要求的{count}条"
            : $"{scope}{within}内仅发布信息{items.Count}条，少于要求的{count}条";
        return CheckResult.FromFraction(Id, fraction, message, evidence, $"{string.Join(",", ids)}:{within}", measured: items.Count, expected: count);
    }
}
