using Openness.Rules.Findings;
using Openness.Rules.SiteModel;

namespace Openness.Rules.Checks;

/// <summary>
/// <c>policy-interpretation-linked</c>: the share of policy documents published in the period that link to an
/// interpretation or are linked from one (关联阅读). When a document's related-reading block is drawn by script that
/// was not run, its links were not seen, so the result needs review rather than a failure.
/// </summary>
public sealed class PolicyInterpretationLinkedCheck : ICheck
{
    public string Id => "policy-interpretation-linked";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } =
    [
        new("documents", ParameterKind.ColumnIdList, false, "政策文件所在栏目，默认 [policy-documents]"),
        new("within", ParameterKind.Duration, false, "统计期，默认1y"),
    ];

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var ids = CheckSupport.ColumnIds(parameters, "documents", "policy-documents");
        var within = parameters.Duration("within") ?? new Duration(1, DurationUnit.Years);
        var subject = $"{string.Join(",", ids)}:{within}";
        var documents = CheckSupport.Documents(context, ids)
            .Where(d => (d.PublishedDate ?? CheckSupport.PublishedOn(context, d.Url)) is { } p && CheckSupport.Within(context, p, within)).ToList();
        if (documents.Count == 0)
            return CheckResult.NeedsReview(Id, $"{within}内未抓取到{string.Join("、", ids.Select(i => CheckSupport.ColumnName(context, i)))}栏目的政策文件，无法判断解读关联情况", [], subject);

        var linkedFrom = Interpretations.LinkedFrom(context.Site);
        var linked = new List<Document>();
        var unlinked = new List<Document>();
        var unseen = new List<Document>();
        foreach (var d in documents)
        {
            if (d.InterpretationUrls.Count > 0 || linkedFrom.ContainsKey(d.Url)) linked.Add(d);
            else if (d.InterpretationLinksViaScript) unseen.Add(d);
            else unlinked.Add(d);
        }
        var evidence = new List<Evidence>();
        evidence.AddRange(unlinked.Take(10).Select(d => CheckSupport.EvidenceAt(context, d.Url, $"未关联解读：{d.Title}")));
        evidence.AddRange(unseen.Take(10).Select(d => CheckSupport.EvidenceAt(context, d.Url, $"解读链接由脚本加载，未能确认：{d.Title}")));
        evidence.AddRange(linked.Take(5).Select(d => CheckSupport.EvidenceAt(context, d.Url,
            $"已关联解读：{d.Title} → {string.Join(" ", d.InterpretationUrls.Concat(linkedFrom.GetValueOrDefault(d.Url) ?? []).Distinct())}")));

        var summary = $"{within}内政策文件{documents.Count}件，已关联解读{linked.Count}件，未关联{unlinked.Count}件";
        if (unseen.Count > 0)
            return CheckResult.NeedsReview(Id, $"{summary}；另有{unseen.Count}件页面的“相关解读”由脚本加载，静态页面中看不到关联链接，需人工核查：" +
                CheckSupport.Some(unseen.Select(d => $"《{d.Title}》")), evidence, subject) with { Measured = unlinked.Count, Expected = documents.Count };
        var message = unlinked.Count == 0 ? $"{summary}，均已与解读关联" : $"{summary}：{CheckSupport.Some(unlinked.Select(d => $"《{d.Title}》"))}";
        return CheckResult.FromFraction(Id, (double)linked.Count / documents.Count, message, evidence, subject,
            measured: unlinked.Count, expected: documents.Count);
    }
}
