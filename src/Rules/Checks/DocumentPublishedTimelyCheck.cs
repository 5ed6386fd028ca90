using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary>
/// <c>document-published-timely</c>: the share of documents published within N working days (default 20wd) of
/// their written date (成文日期). Documents without a written date are not counted.
/// </summary>
public sealed class DocumentPublishedTimelyCheck : ICheck
{
    public string Id => "document-published-timely";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } =
    [
        new("columns", ParameterKind.ColumnIdList, false, "文件所在栏目，默认 [policy-documents]"),
        new("within", ParameterKind.Duration, false, "成文后应在多久内公开，默认20wd（20个工作日）"),
    ];

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var ids = CheckSupport.ColumnIds(parameters, "columns", "policy-documents");
        var within = parameters.Duration("within") ?? new Duration(20, DurationUnit.WorkingDays);
        var subject = $"{string.Join(",", ids)}:{within}";
        var documents = CheckSupport.Documents(context, ids);
        var dated = documents.Where(d => d.WrittenDate is not null && d.PublishedDate is not null).ToList();
        if (dated.Count == 0)
            return CheckResult.NeedsReview(Id, documents.Count == 0
                ? "未抓取到相关栏目的文件，无法判断公开是否及时"
                : $"{documents.Count}件文件均未同时标注成文日期和发布日期，无法判断是否在成文后{within}内公开", [], subject);
        var late = dated.Where(d => !CheckSupport.WithinAfter(context, d.WrittenDate!.Value, d.PublishedDate!.Value, within)).ToList();
        var evidence = late.Take(20).Select(d => CheckSupport.EvidenceAt(context, d.Url,
            $"《{d.Title}》成文 {CheckSupport.Day(d.WrittenDate!.Value)}，发布 {CheckSupport.Day(d.PublishedDate!.Value)}，间隔{CheckSupport.WorkingDaysAfter(context, d.WrittenDate.Value, d.PublishedDate.Value)}个工作日")).ToList();
        var skipped = documents.Count - dated.Count;
        var message = late.Count == 0
            ? $"{dated.Count}件文件均在成文后{within}内公开"
            : $"{late.Count}件文件（共{dated.Count}件）超过成文后{within}才公开：{CheckSupport.Some(late.Select(d => $"《{d.Title}》"), 3)}";
        if (skipped > 0) message += $"；{skipped}件未标注成文日期，未计入";
        return CheckResult.FromFraction(Id, (double)(dated.Count - late.Count) / dated.Count, message, evidence, subject,
            measured: late.Count, expected: dated.Count);
    }
}
