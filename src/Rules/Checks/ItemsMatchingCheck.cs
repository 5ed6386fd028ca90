using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary><c>items-matching</c>: items or documents whose title contains one of the keywords (e.g. 双随机 抽查结果), at least <c>count</c>.</summary>
public sealed class ItemsMatchingCheck : ICheck
{
    public string Id => "items-matching";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } =
    [
        new("keywords", ParameterKind.TextList, true, "标题关键词，任一命中即计入"),
        new("columns", ParameterKind.ColumnIdList, false, "限定栏目；不填则查全站"),
        new("within", ParameterKind.Duration, false, "限定发布时间范围"),
        new("count", ParameterKind.Number, false, "至少应命中的条数，默认1"),
    ];

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var keywords = parameters.TextList("keywords");
        var ids = parameters.TextList("columns");
        var within = parameters.Duration("within");
        var count = parameters.Number("count") ?? 1;
        bool InPeriod(DateOnly? d) => within is null || (d is { } x && CheckSupport.Within(context, x, within.Value));
        // Case matters only for keywords with letters (PPP); the Chinese ones compare ordinally, which is much cheaper.
        var comparisons = keywords.Select(k => (Keyword: k, Comparison: k.Any(c => char.ToUpperInvariant(c) != char.ToLowerInvariant(c))
            ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)).ToArray();
        // Asked of every item and document of the site, once per indicator that uses the check: a plain loop.
        bool Matches(string? title)
        {
            if (title is null) return false;
            foreach (var (keyword, comparison) in comparisons)
                if (title.Contains(keyword, comparison)) return true;
            return false;
        }

        // The first sighting of a URL is its evidence; later ones (the same document listed again) are not written out.
        var hits = new Dictionary<string, Evidence>();
        foreach (var column in CheckSupport.Columns(context, ids))
            foreach (var item in column.Items)
                if (Matches(item.Title) && InPeriod(item.Date) && !hits.ContainsKey(item.Url))
                    hits[item.Url] = CheckSupport.EvidenceAt(context, item.Url,
                        $"栏目“{column.NameAsShown}”：{item.Title}{(item.Date is { } d ? "（" + CheckSupport.Day(d) + "）" : "")}", column.PageUrls.FirstOrDefault() ?? column.Url);
        var documents = ids.Count == 0 ? context.Site.Documents : CheckSupport.Documents(context, ids);
        foreach (var doc in documents)
            if (Matches(doc.Title) && InPeriod(doc.PublishedDate) && !hits.ContainsKey(doc.Url))
                hits[doc.Url] = CheckSupport.EvidenceAt(context, doc.Url, $"{doc.Title}{(doc.PublishedDate is { } d ? "（" + CheckSupport.Day(d) + "）" : "")}");

        var words = string.Join("、", keywords.Select(k => $"“{k}”"));
        var period = within is null ? "" : $"{within}内";
        var message = hits.Count >= count
            ? $"{period}找到标题含{words}的信息{hits.Count}条"
            : hits.Count == 0 ? $"{period}未找到标题含{words}的信息（要求至少{count}条）" : $"{period}标题含{words}的信息仅{hits.Count}条，要求至少{count}条";
        return CheckResult.FromFraction(Id, count <= 0 ? 1 : Math.Min(1, hits.Count / count), message, hits.Values.Take(20).ToList(),
            $"{string.Join("|", keywords)}:{string.Join(",", ids)}", measured: hits.Count, expected: count);
    }
}
