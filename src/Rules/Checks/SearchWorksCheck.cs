using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary><c>search-works</c>: the crawler ran the platform's search and it listed results; needs review when no search was run.</summary>
public sealed class SearchWorksCheck : ICheck
{
    public string Id => "search-works";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } =
        [new("query", ParameterKind.Text, false, "检索词，默认“政务公开”")];

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var query = parameters.Text("query") ?? "政务公开";
        var runs = context.Site.SearchRuns;
        if (runs.Count == 0)
            return CheckResult.NeedsReview(Id, context.Site.SearchUrls.Count == 0
                    ? "未在站点页面上找到搜索框，也未执行检索，需人工核查站内搜索"
                    : $"找到站内搜索（{context.Site.SearchUrls[0].Replace("{q}", query)}），但本次未执行检索，需人工核查检索结果",
                context.Site.SearchUrls.Take(1).Select(u => new Evidence(u.Replace("{q}", Uri.EscapeDataString(query)), "搜索表单")).ToList(), "search");
        var best = runs.OrderByDescending(r => r.ResultCount).First();
        var evidence = runs.Select(r => new Evidence(r.Url, $"检索“{r.Query}”得到{r.ResultCount}条结果", r.FetchedAt)).ToList();
        return best.ResultCount > 0
            ? CheckResult.FromFraction(Id, 1, $"站内搜索可用：检索“{best.Query}”返回{best.ResultCount}条结果", evidence, "search", measured: best.ResultCount)
            : CheckResult.FromFraction(Id, 0, $"站内搜索无效：检索“{best.Query}”未返回任何结果", evidence, "search", measured: 0);
    }
}
