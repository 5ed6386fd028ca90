using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary>
/// <c>interpretation-timely</c>: of the interpreted policy documents, the share whose interpretation was published
/// within N working days of the document (default 3wd; the calendar's holidays and adjusted working days count).
/// </summary>
public sealed class InterpretationTimelyCheck : ICheck
{
    public string Id => "interpretation-timely";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } =
    [
        new("documents", ParameterKind.ColumnIdList, false, "政策文件所在栏目，默认 [policy-documents]"),
        new("within", ParameterKind.Duration, false, "解读应在文件发布后多久内发布，默认3wd（3个工作日）"),
    ];

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var ids = CheckSupport.ColumnIds(parameters, "documents", "policy-documents");
        var within = parameters.Duration("within") ?? new Duration(3, DurationUnit.WorkingDays);
        var subject = $"{string.Join(",", ids)}:{within}";
        var linkedFrom = Interpretations.LinkedFrom(context.Site);
        var timely = new List<string>();
        var late = new List<string>();
        var evidence = new List<Evidence>();
        foreach (var doc in CheckSupport.Documents(context, ids))
        {
            if ((doc.PublishedDate ?? CheckSupport.PublishedOn(context, doc.Url)) is not { } published) continue;
            var dates = Interpretations.Of(doc, linkedFrom)
                .Select(u => (Url: u, Date: CheckSupport.PublishedOn(context, u)))
                .Where(x => x.Date is not null).ToList();
            if (dates.Count == 0) continue;
            var first = dates.MinBy(x => x.Date)!;
            var days = CheckSupport.WorkingDaysAfter(context, published, first.Date!.Value);
            var ok = CheckSupport.WithinAfter(context, published, first.Date.Value, within);
            var text = $"《{doc.Title}》{CheckSupport.Day(published)}发布，解读{CheckSupport.Day(first.Date.Value)}发布（间隔{days}个工作日）";
            (ok ? timely : late).Add(text);
            // A late pair is fixed on the document's page as much as on the interpretation's: show both.
            if (!ok) evidence.Add(CheckSupport.EvidenceAt(context, doc.Url, text));
            evidence.Add(CheckSupport.EvidenceAt(context, first.Url, text));
        }
        var total = timely.Count + late.Count;
        if (total == 0)
            return CheckResult.NeedsReview(Id, "未找到可确定发布日期的政策文件与解读配对，无法判断解读是否及时", evidence, subject);
        var message = late.Count == 0
            ? $"{total}件已解读的政策文件均在{within}内发布解读"
            : $"{late.Count}件政策文件的解读晚于{within}：{CheckSupport.Some(late, 3)}";
        return CheckResult.FromFraction(Id, (double)timely.Count / total, message, evidence, subject, measured: late.Count, expected: total);
    }
}
