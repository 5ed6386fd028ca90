using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary><c>column-exists</c>: the required columns are on the site. Fraction = found/required; Measured = number missing.</summary>
public sealed class ColumnExistsCheck : ICheck
{
    public string Id => "column-exists";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } =
        [new("columns", ParameterKind.ColumnIdList, true, "必须设置的栏目（rules/columns.yaml 中的栏目id）")];

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var ids = parameters.TextList("columns");
        var subject = string.Join(",", ids);
        if (ids.Count == 0) return CheckResult.NeedsReview(Id, "未指定需检查的栏目", [], subject);
        var found = new List<Evidence>();
        var missing = new List<string>();
        var broken = new List<string>();
        var named = CheckSupport.NamedColumns(context);
        foreach (var id in ids)
        {
            if (CheckSupport.Find(context, id) is { } column)
                found.Add(CheckSupport.EvidenceFor(context, column, $"{CheckSupport.ColumnName(context, id)}：栏目“{column.NameAsShown}”"));
            // No menu or breadcrumb link seen, but a document page names the column as its own (ColumnName meta).
            else if (context.Site.Documents.FirstOrDefault(d => named.TryGetValue(d, out var own) && own == id) is { } doc)
                found.Add(CheckSupport.EvidenceAt(context, doc.Url, $"{CheckSupport.ColumnName(context, id)}：文件页面所属栏目“{doc.ColumnName}”"));
            else
            {
                missing.Add(CheckSupport.ColumnName(context, id));
                if (context.Site.ColumnsFor(id).FirstOrDefault() is { } dead && context.Site.PageAt(dead.Url) is { } page)
                {
                    broken.Add($"“{dead.NameAsShown}”链接{CheckSupport.Describe(page.Outcome)}");
                    found.Add(new Evidence(dead.Url, $"栏目链接{CheckSupport.Describe(page.Outcome)}", page.FetchedAt, page.ScreenshotPath));
                }
            }
        }
        var message = missing.Count == 0
            ? $"{ids.Count}个必设栏目均已设置"
            : $"缺少{missing.Count}个必设栏目（共{ids.Count}个）：{string.Join("、", missing)}" + (broken.Count > 0 ? $"；其中{string.Join("，", broken)}" : "");
        return CheckResult.FromFraction(Id, (double)(ids.Count - missing.Count) / ids.Count, message, found, subject,
            measured: missing.Count, expected: ids.Count);
    }
}
