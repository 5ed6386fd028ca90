using System.Globalization;
using System.Text.RegularExpressions;
using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary>
/// <c>annual-report</c>: the latest annual disclosure report whose deadline has passed (year Y-1's report is due by
/// 31 January of Y) is published (half) and was published by its deadline (half). On the due day itself the unit
/// still has the day, so the previous year's report is the one checked.
/// </summary>
public sealed class AnnualReportCheck : ICheck
{
    public const string ReportColumn = "annual-report";
    public string Id => "annual-report";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } =
        [new("due", ParameterKind.Text, false, "年报截止日（月-日），默认 01-31")];

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var due = ParseDue(parameters.Text("due") ?? "01-31");
        var thisYearsDue = DueDate(context.AsOf.Year, due);
        var reportYear = context.AsOf > thisYearsDue ? context.AsOf.Year - 1 : context.AsOf.Year - 2;
        var deadline = DueDate(reportYear + 1, due);
        var subject = $"{ReportColumn}:{reportYear}";
        var yearPattern = new Regex($@"{reportYear}\s*年");
        bool IsReport(string? title) => title is not null && yearPattern.IsMatch(title)
            && (title.Contains("年报") || title.Contains("年度报告") || title.Contains("工作报告"));

        var candidates = new List<(string Url, string Title, DateOnly? Date, string PageUrl)>();
        foreach (var column in context.Site.ColumnsFor(ReportColumn))
            foreach (var item in column.Items.Where(i => IsReport(i.Title)))
                candidates.Add((item.Url, item.Title, item.Date, column.PageUrls.FirstOrDefault() ?? column.Url));
        foreach (var doc in context.Site.Documents.Where(x => IsReport(x.Title)))
            candidates.Add((doc.Url, doc.Title!, doc.PublishedDate, doc.Url));

        if (candidates.Count == 0)
        {
            var hasColumn = CheckSupport.Find(context, ReportColumn) is { } col;
            return CheckResult.FromFraction(Id, 0,
                $"未找到{reportYear}年度政府信息公开工作年度报告（应于{CheckSupport.Day(deadline)}前发布）" + (hasColumn ? "，年报栏目中无该年度报告" : "，且未找到年报栏目"),
                hasColumn ? [CheckSupport.EvidenceFor(context, CheckSupport.Find(context, ReportColumn)!, "年报栏目中无该年度报告")] : [], subject);
        }
        var best = candidates.OrderBy(c => c.Date ?? DateOnly.MaxValue).First();
        var evidence = new List<Evidence> { CheckSupport.EvidenceAt(context, best.Url, $"{best.Title}（{(best.Date is { } d ? CheckSupport.Day(d) : "未标注日期")}）", best.PageUrl) };
        if (best.Date is not { } published)
            return CheckResult.FromFraction(Id, 0.5, $"已发布{reportYear}年度报告《{best.Title}》，但未标注发布日期，无法确认是否在{CheckSupport.Day(deadline)}前发布", evidence, subject);
        return published <= deadline
            ? CheckResult.FromFraction(Id, 1, $"{reportYear}年度报告《{best.Title}》于{CheckSupport.Day(published)}发布，按时（截止{CheckSupport.Day(deadline)}）", evidence, subject)
            : CheckResult.FromFraction(Id, 0.5, $"{reportYear}年度报告《{best.Title}》于{CheckSupport.Day(published)}发布，晚于截止日{CheckSupport.Day(deadline)}", evidence, subject);
    }

    private static (int Month, int Day) ParseDue(string text)
    {
        var parts = text.Trim().Split('-', '/', '.');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && m is >= 1 and <= 12 && d >= 1 && d <= 31
            ? (m, d) : (1, 31);
    }

    private static DateOnly DueDate(int year, (int Month, int Day) due) =>
        new(year, due.Month, Math.Min(due.Day, DateTime.DaysInMonth(year, due.Month)));
}
