using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary>
/// <c>column-not-blank</c>: the share of the required columns that list at least one item. A column the site does not
/// have lists nothing either, so it counts against the share; only columns the crawl could not see (script-drawn
/// lists, unfetched pages) are left to review. Measured = number blank or missing.
/// </summary>
public sealed class ColumnNotBlankCheck : ICheck
{
    public string Id => "column-not-blank";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } =
        [new("columns", ParameterKind.ColumnIdList, true, "不得为空白的栏目")];

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var ids = parameters.TextList("columns");
        var subject = string.Join(",", ids);
        var evidence = new List<Evidence>();
        var blank = new List<string>();
        var undecided = new List<string>();
        var missing = new List<string>();
        int filled = 0;
        foreach (var id in ids)
        {
            var column = CheckSupport.Find(context, id);
            if (column is null)
            {
                missing.Add($"“{context.Catalogue.Get(id)?.Name ?? id}”");
                continue;
            }
            if (column.ItemCount > 0) { filled++; continue; }
            if (!column.Visited || column.ItemsNeedScript)
            {
                undecided.Add($"“{column.NameAsShown}”（{(column.Visited ? "列表由脚本加载" : "栏目页未抓取")}）");
                continue;
            }
            blank.Add($"“{column.NameAsShown}”");
            evidence.Add(CheckSupport.EvidenceFor(context, column, $"栏目“{column.NameAsShown}”页面无任何信息条目"));
        }
        var decided = filled + blank.Count + missing.Count;
        if (decided == 0)
            return CheckResult.NeedsReview(Id, $"无法判断栏目是否空白：{string.Join("、", undecided)}", evidence, subject);
        var parts = new List<string>();
        if (blank.Count > 0) parts.Add($"存在{blank.Count}个空白栏目：{string.Join("、", blank)}");
        if (missing.Count > 0) parts.Add($"未设置栏目，无内容：{string.Join("、", missing)}");
        if (parts.Count == 0) parts.Add($"{filled}个栏目均有内容");
        if (undecided.Count > 0) parts.Add($"另有{undecided.Count}个栏目无法判断：{string.Join("、", undecided)}");
        return CheckResult.FromFraction(Id, (double)filled / decided, string.Join("；", parts), evidence, subject,
            measured: blank.Count + missing.Count, expected: decided);
    }
}
