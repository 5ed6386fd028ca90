using System.Text;
using Microsoft.AspNetCore.Http;
using Openness.Reporting.Rectification;
using Openness.Rules.Findings;
using Openness.Storage;
using Openness.Storage.Reviews;
using Openness.Web.Auth;
using static Openness.Web.Rendering.H;

namespace Openness.Web.Pages;

/// <summary>
/// A unit's report in the app: effective points per indicator (reviews applied, marked), the gaps with evidence and
/// screenshots, and the rectification list. Staff also get a link from each finding to its review.
/// </summary>
public sealed class UnitReportPage(UnitSupervision supervision)
{
    /// <param name="staff">office or assessor: each finding links to its review</param>
    public string Render(bool staff, long evaluationId, UnitResult result, IReadOnlyList<ReviewItem> findings)
    {
        var sb = new StringBuilder(32 * 1024);
        var card = result.ScoreCard;
        var unit = U(result.Unit.Id);
        var run = result.Run.RunId;
        sb.Append("<p class=\"c\">").Append(T(result.Run.Evaluation)).Append(" · 评估日期 ").Append(Date(result.Run.AsOf)).Append(" · 第")
          .Append(run).Append("次 · 门户网站 ").Append(External(result.Unit.Portal)).Append("</p>");
        sb.Append("<div class=\"summary\"><div>总分<br><span class=\"big\" id=\"total\">").Append(card is null ? "—" : Points(card.Total))
          .Append("</span>").Append(card is null ? "" : " / " + Points(card.Possible)).Append("</div><div>等次<br><span class=\"big\" id=\"grade\">")
          .Append(T(card?.Grade ?? "未评分")).Append("</span></div>");
        if (card is not null && card.ManualPointsPending > 0)
            sb.Append("<div>待人工评分<br><span class=\"big\">").Append(Points(card.ManualPointsPending)).Append("</span> 分</div>");
        sb.Append("<div>抓取页面<br>成功 ").Append(result.Crawl.PagesFetched).Append("，失败 ").Append(result.Crawl.PagesFailed).Append("</div></div>");
        var q = $"?run={run}";
        var path = $"/units/{evaluationId}/{unit}";
        sb.Append("<p>导出：<a href=\"").Append(path).Append("/report.pdf").Append(q).Append("\">报告 PDF</a> · ")
          .Append("<a href=\"").Append(path).Append("/report.html").Append(q).Append("\">报告 HTML</a> · ")
          .Append("<a href=\"").Append(path).Append("/rectification.xlsx").Append(q).Append("\">整改清单 Excel</a> · ")
          .Append("<a href=\"").Append(path).Append("/rectification.csv").Append(q).Append("\">整改清单 CSV</a> · ")
          .Append("<a href=\"").Append(path).Append("/findings.xlsx").Append(q).Append("\">检查结果 Excel</a> · ")
          .Append("<a href=\"").Append(path).Append("/findings.csv").Append(q).Append("\">检查结果 CSV</a> · ")
          .Append("<a href=\"/api/evaluations/").Append(evaluationId).Append("/units/").Append(unit).Append(q).Append("\">JSON</a> · ")
          .Append("<a href=\"/units/").Append(evaluationId).Append('/').Append(unit).Append("/trend\">历次得分趋势</a>");
        if (staff) sb.Append(" · <a href=\"/review/manual/").Append(run).Append('/').Append(unit).Append("\">人工评分项</a>");
        sb.Append("</p>");
        // Without a score the message says why (a unit the units file rejected was never crawled): shown once.
        if (card is null)
            return sb.Append("<p class=\"error\">本次未能评分：").Append(T(result.Crawl.Message ?? "站点未完成抓取")).Append("</p>").ToString();
        if (result.Crawl.State == UnitScanState.Failed)
            sb.Append("<p class=\"error\">站点抓取失败：").Append(T(result.Crawl.Message)).Append("</p>");

        sb.Append("<h2>一级指标得分</h2><div class=\"scroll\"><table id=\"level-one\"><tr><th>指标</th><th>状态</th><th>得分</th><th>满分</th></tr>");
        foreach (var i in card.LevelOne)
            sb.Append("<tr><td>").Append(T(i.Name)).Append("</td><td>").Append(Status(i.Status)).Append("</td><td class=\"n\">")
              .Append(Points(i.PointsEarned)).Append("</td><td class=\"n\">").Append(Points(i.PointsPossible)).Append("</td></tr>");
        sb.Append("</table></div>");

        var rectification = RectificationListBuilder.Build(result, supervision.For(result));
        sb.Append("<h2>整改清单</h2>");
        if (rectification.Items.Count == 0) sb.Append("<p>未发现需整改的问题。</p>");
        else
        {
            sb.Append("<div class=\"scroll\"><table id=\"rectification\"><tr>");
            foreach (var h in RectificationList.Headings) sb.Append("<th>").Append(T(h)).Append("</th>");
            sb.Append("</tr>");
            foreach (var r in rectification.Items)
                sb.Append("<tr><td class=\"n\">").Append(r.Number).Append("</td><td>").Append(T(r.IndicatorId)).Append(' ').Append(T(r.IndicatorName))
                  .Append("</td><td>").Append(T(r.Completion)).Append("（扣 ").Append(Points(r.PointsLost)).Append(" 分）</td><td>")
                  .Append(string.Join("<br>", r.Problems.Select(p => T(p.Message)))).Append("</td><td>").Append(string.Join("<br>", r.Measures.Select(T)))
                  .Append("</td><td>").Append(T(r.ResponsibleBody)).Append("</td><td>").Append(T(string.Join("、", r.MaterialProviders))).Append("</td></tr>");
            sb.Append("</table></div>");
        }

        var automatic = findings.ToLookup(f => f.IndicatorId);
        sb.Append("<h2>指标得分明细</h2><div class=\"scroll\"><table id=\"indicators\"><tr><th>编号</th><th>指标</th><th>状态</th><th>得分/满分</th><th>检查结果与佐证</th></tr>");
        foreach (var i in card.Indicators)
        {
            sb.Append("<tr data-indicator=\"").Append(T(i.Id)).Append("\"><td>").Append(T(i.Id)).Append("</td><td>").Append(T(i.Name))
              .Append("</td><td>").Append(Status(i.Status)).Append("</td><td class=\"n\">").Append(Points(i.PointsEarned)).Append(" / ")
              .Append(Points(i.PointsPossible));
            var leafFindings = automatic[i.Id].ToList();
            if (i.IsLeaf && leafFindings.FirstOrDefault() is { } any && Math.Abs(any.LeafAutomaticPoints - i.PointsEarned) > 1e-9)
                sb.Append("<div class=\"adjusted\">复核调整（自动评分 ").Append(Points(any.LeafAutomaticPoints)).Append("）</div>");
            else if (i.IsLeaf && i.Message == "评估人员评分") sb.Append("<div class=\"adjusted\">评估人员评分</div>");
            sb.Append("</td><td>");
            if (leafFindings.Count == 0 && i.IsLeaf && i.Message.Length > 0) sb.Append(T(i.Message));
            if (leafFindings.Count > 0)
            {
                sb.Append("<ul>");
                foreach (var f in leafFindings) AppendFinding(sb, f, staff);
                sb.Append("</ul>");
            }
            sb.Append("</td></tr>");
        }
        sb.Append("</table></div>");
        return sb.ToString();
    }

    public static void AppendFinding(StringBuilder sb, ReviewItem f, bool staff)
    {
        sb.Append("<li class=\"finding\">").Append(Status(f.Status)).Append(' ').Append(T(f.Message))
          .Append(" <span class=\"c\">[").Append(T(Reporting.Labels.Change(f.Change))).Append("]</span>");
        if (f.LatestReview is { } r)
            sb.Append("<div class=\"adjusted\">评估人员复核：").Append(T(DecisionText(r.Decision)))
              .Append(r.Decision == ReviewDecision.Override ? $" {Points(r.PointsAfter ?? 0)} 分" : "")
              .Append(r.Reason.Length > 0 ? "，理由：" + T(r.Reason) : "").Append(r.CarriedOver ? "（沿用上次复核）" : "").Append("</div>");
        else if (f.NeedsReReview) sb.Append("<div class=\"adjusted\">证据已变化，待重新复核</div>");
        AppendEvidence(sb, f);
        if (staff) sb.Append("<div><a href=\"/review/findings/").Append(f.FindingId).Append("\">复核此项</a></div>");
        sb.Append("</li>");
    }

    public static void AppendEvidence(StringBuilder sb, ReviewItem f)
    {
        for (var n = 0; n < f.Evidence.Count; n++)
        {
            var e = f.Evidence[n];
            sb.Append("<div class=\"c evidence\">佐证：").Append(External(e.Url));
            if (!string.IsNullOrWhiteSpace(e.Text)) sb.Append(" <span class=\"seen\">“").Append(T(e.Text)).Append("”</span>");
            if (e.SeenAt is { } seen) sb.Append("（").Append(Time(seen)).Append("）");
            if (e.ScreenshotPath is not null) sb.Append(" <a href=\"/screenshots/").Append(f.FindingId).Append('/').Append(n).Append("\">截图</a>");
            sb.Append("</div>");
        }
    }

    public static string DecisionText(ReviewDecision d) => d switch
    {
        ReviewDecision.Confirm => "确认", ReviewDecision.Override => "改分", _ => "需重新核查",
    };
}
