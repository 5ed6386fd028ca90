using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary><c>column-not-blank</c>: of the required columns present, the share that list at least one item. Measured = number blank.</summary>
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
        int filled = 0;
        foreach (var id in ids)
        {
            var column = CheckSupport.Find(context, id);
            if (column is null) continue;
            if (column.ItemCount > 0) { filled++; continue; }
            if (!column.Visited || column.ItemsNeedScript)
            {
                undecided.Add($"“{column.NameAsShown}”（{(column.Visited ? "列表由脚本加载" : "栏目页未抓取")}）");
                continue;
            }
            blank.Add($"“{column.NameAsShown}”");
            evidence.Add(CheckSupport.EvidenceFor(context, column, $"栏目“{column.NameAsShown}”页面无任何信息条目"));
        }
        var decided = filled + blank.Count;
        if (decided == 0)
            return CheckResult.NeedsReview(Id, undecided.Count == 0 ? "所列栏目均未找到，无法判断是否空白" : $"无法判断栏目是否空白：{string.Join("、", undecided)}",
                evidence, subject);
        var message = blank.Count == 0 ? $"{filled}个栏目均有内容" : $"存在{blank.Count}个空白栏目：{string.Join("、", blank)}";
        if (undecided.Count > 0) message += $"；另有{undecided.Count}个栏目无法判断：{string.Join("、", undecided)}";
        return CheckResult.FromFraction(Id, (double)filled / decided, message, evidence, subject, measured: blank.Count, expected: decided);
    }
}
