using Openness.Rules.Findings;
using Openness.Rules.SiteModel;

namespace Openness.Rules.Checks;

/// <summary><c>metadata-complete</c>: the mean share of the catalogue metadata fields (索引号, 发文机关 ...) each document shows.</summary>
public sealed class MetadataCompleteCheck : ICheck
{
    public string Id => "metadata-complete";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } =
    [
        new("columns", ParameterKind.ColumnIdList, false, "文件所在栏目，默认 [policy-documents]"),
        new("fields", ParameterKind.TextList, false,
            "应标注的要素：index-number, issuing-body, written-date, published-date, document-number, topic, validity, title"),
    ];

    public static readonly IReadOnlyList<string> DefaultFields =
        ["index-number", "issuing-body", "written-date", "published-date", "document-number", "topic"];

    private static readonly Dictionary<string, (string Label, Func<Document, bool> Present)> Fields = new()
    {
        ["index-number"] = ("索引号", d => !string.IsNullOrWhiteSpace(d.IndexNumber)),
        ["issuing-body"] = ("发文机关", d => !string.IsNullOrWhiteSpace(d.IssuingBody)),
        ["written-date"] = ("成文日期", d => d.WrittenDate is not null),
        ["published-date"] = ("发布日期", d => d.PublishedDate is not null),
        ["document-number"] = ("发文字号", d => !string.IsNullOrWhiteSpace(d.DocumentNumber)),
        ["topic"] = ("主题分类", d => !string.IsNullOrWhiteSpace(d.Topic)),
        ["validity"] = ("有效性", d => !string.IsNullOrWhiteSpace(d.Validity)),
        ["title"] = ("标题", d => !string.IsNullOrWhiteSpace(d.Title)),
    };

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var ids = CheckSupport.ColumnIds(parameters, "columns", "policy-documents");
        var fields = parameters.TextList("fields") is { Count: > 0 } f ? f.Where(Fields.ContainsKey).ToList() : DefaultFields.ToList();
        var subject = $"{string.Join(",", ids)}:{string.Join(",", fields)}";
        var documents = CheckSupport.Documents(context, ids);
        if (documents.Count == 0 || fields.Count == 0)
            return CheckResult.NeedsReview(Id, "未抓取到相关栏目的文件详情页，无法检查元数据标注", [], subject);
        double sum = 0;
        var incomplete = new List<(Document Doc, List<string> Missing)>();
        foreach (var d in documents)
        {
            var missing = fields.Where(x => !Fields[x].Present(d)).Select(x => Fields[x].Label).ToList();
            sum += (double)(fields.Count - missing.Count) / fields.Count;
            if (missing.Count > 0) incomplete.Add((d, missing));
        }
        var fraction = sum / documents.Count;
        var evidence = incomplete.Take(20).Select(x => CheckSupport.EvidenceAt(context, x.Doc.Url, $"《{x.Doc.Title}》缺少：{string.Join("、", x.Missing)}")).ToList();
        var message = incomplete.Count == 0
            ? $"{documents.Count}件文件的{string.Join("、", fields.Select(x => Fields[x].Label))}均已标注"
            : $"{incomplete.Count}件文件（共{documents.Count}件）元数据不全，要素完整率{CheckSupport.Percent(fraction)}；缺项最多的是" +
              string.Join("、", incomplete.SelectMany(x => x.Missing).GroupBy(x => x).OrderByDescending(g => g.Count()).Take(3).Select(g => $"{g.Key}（{g.Count()}件）"));
        return CheckResult.FromFraction(Id, fraction, message, evidence, subject, measured: incomplete.Count, expected: documents.Count);
    }
}
