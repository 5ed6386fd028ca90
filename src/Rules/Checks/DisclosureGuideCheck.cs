using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary><c>disclosure-guide</c>: the 政府信息公开指南 is present (half) and was updated within the interval (half).</summary>
public sealed class DisclosureGuideCheck : ICheck
{
    public const string GuideColumn = "disclosure-guide";
    public string Id => "disclosure-guide";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } =
        [new("within", ParameterKind.Duration, false, "指南最长不更新间隔，默认1y")];

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var within = parameters.Duration("within") ?? new Duration(1, DurationUnit.Years);
        var column = CheckSupport.Find(context, GuideColumn);
        var documents = CheckSupport.Documents(context, [GuideColumn])
            .Concat(context.Site.Documents.Where(d => (d.Title ?? "").Contains("政府信息公开指南"))).Distinct().ToList();
        var evidence = new List<Evidence>();
        if (column is null && documents.Count == 0)
            return CheckResult.FromFraction(Id, 0, "未找到政府信息公开指南栏目或指南页面", [], GuideColumn);
        if (column is not null) evidence.Add(CheckSupport.EvidenceFor(context, column, $"指南栏目“{column.NameAsShown}”"));
        evidence.AddRange(documents.Take(3).Select(d => CheckSupport.EvidenceAt(context, d.Url,
            $"《{d.Title}》{(d.PublishedDate is { } p ? "发布于 " + CheckSupport.Day(p) : "未标注发布日期")}")));

        var dates = documents.Select(d => d.PublishedDate).Append(column?.NewestDate).OfType<DateOnly>().ToList();
        if (dates.Count == 0)
        {
            if (column is { Visited: false } || column is { ItemsNeedScript: true })
                return CheckResult.NeedsReview(Id, "已设置政府信息公开指南栏目，但未能读取指南的发布日期，需人工核查是否按时更新", evidence, GuideColumn)
                    with { Measured = 0.5 };
            return CheckResult.FromFraction(Id, 0.5, "已设置政府信息公开指南，但未标注发布/更新日期，无法确认已及时更新", evidence, GuideColumn);
        }
        var newest = dates.Max();
        return CheckSupport.Within(context, newest, within)
            ? CheckResult.FromFraction(Id, 1, $"政府信息公开指南已设置，最近更新于 {CheckSupport.Day(newest)}，在{within}以内", evidence, GuideColumn)
            : CheckResult.FromFraction(Id, 0.5, $"政府信息公开指南已设置，但最近更新于 {CheckSupport.Day(newest)}，超过{within}未更新", evidence, GuideColumn);
    }
}
