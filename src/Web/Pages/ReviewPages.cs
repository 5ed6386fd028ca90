using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Openness.Rules.Findings;
using Openness.Storage;
using Openness.Storage.Reviews;
using Openness.Web.Auth;
using Openness.Web.Rendering;
using static Openness.Web.Rendering.H;

namespace Openness.Web.Pages;

/// <summary>The assessor's work: the review queue, one finding with its evidence and the decision forms, manual items, the audit trail.</summary>
public static class ReviewPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/review").RequireAuthorization(Access.Reviewers);
        g.MapGet("", Queue);
        g.MapGet("/findings/{findingId:long}", (HttpContext http, Layout layout, ReviewStore reviews, long findingId, CancellationToken ct) =>
            Finding(http, layout, reviews, findingId, null, null, ct));
        g.MapPost("/findings/{findingId:long}", Decide).AddEndpointFilter(WebApp.RequireAntiforgery);
        g.MapGet("/manual/{runId:long}/{unitKey}", (HttpContext http, Layout layout, ReviewStore reviews, ScanStore scans, long runId, string unitKey,
            CancellationToken ct) => Manual(http, layout, reviews, scans, runId, unitKey, null, null, ct));
        g.MapPost("/manual/{runId:long}/{unitKey}", EnterManual).AddEndpointFilter(WebApp.RequireAntiforgery);
        g.MapGet("/audit", Audit);
    }

    private static async Task<IResult> Queue(HttpContext http, Layout layout, ReviewStore reviews, EvaluationStore evaluations,
        long? evaluation, string? indicator, string? unit, string? status, CancellationToken ct)
    {
        var state = Enum.TryParse<ReviewQueueStatus>(status, true, out var s) ? s : ReviewQueueStatus.Pending;
        var filter = new ReviewQueueFilter(evaluation, NullIfEmpty(indicator), NullIfEmpty(unit), state);
        var items = await reviews.GetQueueAsync(filter, ct);
        var all = await evaluations.GetEvaluationsAsync(ct);
        var sb = new StringBuilder();
        sb.Append("<form method=\"get\" action=\"/review\" class=\"filters\">")
          .Append("<label>评估<br><select name=\"evaluation\"><option value=\"\">全部</option>");
        foreach (var e in all)
            sb.Append("<option value=\"").Append(e.Id).Append('"').Append(evaluation == e.Id ? " selected" : "").Append('>').Append(T(e.Name)).Append("</option>");
        sb.Append("</select></label><label>指标编号<br><input type=\"text\" name=\"indicator\" value=\"").Append(T(indicator)).Append("\"></label>")
          .Append("<label>单位编号<br><input type=\"text\" name=\"unit\" value=\"").Append(T(unit)).Append("\"></label>")
          .Append("<label>状态<br><select name=\"status\">");
        foreach (var (value, text) in new[] { (ReviewQueueStatus.Pending, "待复核"), (ReviewQueueStatus.ReReview, "证据变化待重新复核"),
                     (ReviewQueueStatus.Recheck, "需重新核查"), (ReviewQueueStatus.Reviewed, "已复核"), (ReviewQueueStatus.All, "全部") })
            sb.Append("<option value=\"").Append(value).Append('"').Append(value == state ? " selected" : "").Append('>').Append(text).Append("</option>");
        sb.Append("</select></label><button type=\"submit\">筛选</button></form>");
        sb.Append("<p>共 ").Append(items.Count).Append(" 条（各评估最近一次批次）。</p>");
        sb.Append("<div class=\"scroll\"><table id=\"queue\"><tr><th>单位</th><th>指标</th><th>检查</th><th>状态</th><th>发现</th><th>本项得分</th><th>复核</th></tr>");
        foreach (var i in items)
            sb.Append("<tr><td>").Append(T(i.Unit.Name)).Append("</td><td>").Append(T(i.IndicatorId)).Append(' ').Append(T(i.IndicatorName))
              .Append("</td><td>").Append(T(i.CheckId)).Append(i.Subject.Length > 0 ? " · " + T(i.Subject) : "").Append("</td><td>").Append(Status(i.Status))
              .Append(i.NeedsReReview && i.LatestReview is null ? " <span class=\"adjusted\">证据已变化</span>" : "").Append("</td><td>").Append(T(i.Message))
              .Append("</td><td class=\"n\">").Append(Points(i.LeafPoints)).Append(" / ").Append(Points(i.LeafPossible)).Append("</td><td>")
              .Append(i.LatestReview is { } r ? T(UnitReportPage.DecisionText(r.Decision)) + " · " : "")
              .Append("<a href=\"/review/findings/").Append(i.FindingId).Append("\">查看</a></td></tr>");
        sb.Append("</table></div>");
        return layout.Page(http, "复核队列", sb.ToString());
    }

    private static async Task<IResult> Finding(HttpContext http, Layout layout, ReviewStore reviews, long findingId, string? error, string? done,
        CancellationToken ct)
    {
        var f = await reviews.GetFindingAsync(findingId, ct);
        if (f is null) return layout.Message(http, "未找到", "该发现不存在。", 404);
        var history = await reviews.GetReviewsAsync(findingId, ct);
        var sb = new StringBuilder();
        if (error is not null) sb.Append("<p class=\"error\" role=\"alert\">").Append(T(error)).Append("</p>");
        if (done is not null) sb.Append("<p class=\"ok\" role=\"status\">").Append(T(done)).Append("</p>");
        sb.Append("<p>").Append(T(f.Evaluation)).Append(" · 第").Append(f.RunId).Append("次（评估日期 ").Append(Date(f.AsOf)).Append("）· <a href=\"/units/")
          .Append(f.EvaluationId).Append('/').Append(U(f.Unit.Id)).Append("?run=").Append(f.RunId).Append("\">").Append(T(f.Unit.Name)).Append("</a></p>");
        sb.Append("<table id=\"finding\"><tr><th>指标</th><td>").Append(T(f.IndicatorId)).Append(' ').Append(T(f.IndicatorName)).Append("</td></tr>")
          .Append("<tr><th>评估要点</th><td class=\"criteria\">").Append(T(f.Criteria)).Append("</td></tr>")
          .Append("<tr><th>检查</th><td>").Append(T(f.CheckId)).Append(f.Subject.Length > 0 ? " · " + T(f.Subject) : "").Append("</td></tr>")
          .Append("<tr><th>结果</th><td>").Append(Status(f.Status)).Append(' ').Append(T(f.Message)).Append(" <span class=\"c\">[")
          .Append(T(Reporting.Labels.Change(f.Change))).Append("]</span>").Append(f.NeedsReReview ? "<div class=\"adjusted\">上次复核后证据已变化，请重新复核</div>" : "")
          .Append("</td></tr><tr><th>本项得分</th><td id=\"leaf-points\">").Append(Points(f.LeafPoints)).Append(" / ").Append(Points(f.LeafPossible))
          .Append("（自动评分 ").Append(Points(f.LeafAutomaticPoints)).Append("）</td></tr><tr><th>佐证</th><td>");
        if (f.Evidence.Count == 0) sb.Append("无");
        for (var n = 0; n < f.Evidence.Count; n++)
        {
            var e = f.Evidence[n];
            sb.Append("<div class=\"evidence\"><div>网址：").Append(External(e.Url)).Append("</div>");
            if (e.SeenAt is { } seen) sb.Append("<div class=\"c\">抓取时间：").Append(Time(seen)).Append("</div>");
            if (!string.IsNullOrWhiteSpace(e.Text)) sb.Append("<div class=\"quote seen\">").Append(T(e.Text)).Append("</div>");
            if (e.ScreenshotPath is not null)
                sb.Append("<div><img class=\"shot\" alt=\"页面截图\" src=\"/screenshots/").Append(f.FindingId).Append('/').Append(n).Append("\"></div>");
            sb.Append("</div>");
        }
        sb.Append("</td></tr></table>");

        var action = $"/review/findings/{f.FindingId}";
        sb.Append("<h2>复核决定</h2>");
        sb.Append(layout.Form(http, action, "<input type=\"hidden\" name=\"decision\" value=\"confirm\">" +
            "<label for=\"confirm-reason\">说明（可选）</label><input type=\"text\" id=\"confirm-reason\" name=\"reason\">" +
            "<button type=\"submit\" id=\"confirm\">确认自动结果</button>", "box"));
        sb.Append(layout.Form(http, action, "<input type=\"hidden\" name=\"decision\" value=\"override\">" +
            $"<label for=\"points\">本项改为（0–{Points(f.LeafPossible)} 分）</label><input type=\"number\" id=\"points\" name=\"points\" step=\"0.01\" min=\"0\" max=\"{Points(f.LeafPossible)}\" required>" +
            "<label for=\"override-reason\">理由（必填）</label><textarea id=\"override-reason\" name=\"reason\" rows=\"2\" required></textarea>" +
            "<button type=\"submit\" id=\"override\">改分</button>", "box"));
        sb.Append(layout.Form(http, action, "<input type=\"hidden\" name=\"decision\" value=\"recheck\">" +
            "<label for=\"recheck-reason\">需核查的内容</label><input type=\"text\" id=\"recheck-reason\" name=\"reason\">" +
            "<button type=\"submit\" id=\"recheck\">标记重新核查</button>", "box"));

        sb.Append("<h2>复核记录</h2>");
        if (history.Count == 0) sb.Append("<p>尚无。</p>");
        else
        {
            sb.Append("<div class=\"scroll\"><table id=\"reviews\"><tr><th>时间</th><th>评估人员</th><th>决定</th><th>改前</th><th>改后</th><th>理由</th></tr>");
            foreach (var r in history)
                sb.Append("<tr><td>").Append(Time(r.ReviewedAt)).Append("</td><td>").Append(T(r.Reviewer)).Append("</td><td>")
                  .Append(T(UnitReportPage.DecisionText(r.Decision))).Append(r.CarriedOver ? "（沿用上次）" : "").Append("</td><td class=\"n\">")
                  .Append(r.PointsBefore is { } b ? Points(b) : "").Append("</td><td class=\"n\">").Append(r.PointsAfter is { } a ? Points(a) : "")
                  .Append("</td><td>").Append(T(r.Reason)).Append("</td></tr>");
            sb.Append("</table></div>");
        }
        return layout.Page(http, "复核发现", sb.ToString(), error is null ? 200 : 422);
    }

    private static async Task<IResult> Decide(HttpContext http, Layout layout, ReviewStore reviews, long findingId, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var decision = form["decision"].ToString() switch
        {
            "confirm" => ReviewDecision.Confirm,
            "override" => ReviewDecision.Override,
            "recheck" => (ReviewDecision?)ReviewDecision.Recheck,
            _ => null,
        };
        if (decision is null) return await Finding(http, layout, reviews, findingId, "未知的复核决定。", null, ct);
        double? points = null;
        if (decision == ReviewDecision.Override)
        {
            if (!double.TryParse(form["points"].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var p))
                return await Finding(http, layout, reviews, findingId, "请填写分数（数字）。", null, ct);
            points = p;
        }
        try
        {
            await reviews.RecordReviewAsync(findingId, http.User.UserName(), decision.Value, points, form["reason"].ToString(), ct);
            http.RequestServices.GetRequiredService<PageCache>().Invalidate();
        }
        catch (ReviewRejectedException ex)
        {
            return await Finding(http, layout, reviews, findingId, ex.Message, null, ct);
        }
        return await Finding(http, layout, reviews, findingId, null, "已保存复核决定，得分已重新计算。", ct);
    }

    private static async Task<IResult> Manual(HttpContext http, Layout layout, ReviewStore reviews, ScanStore scans, long runId, string unitKey,
        string? error, string? done, CancellationToken ct)
    {
        var result = await scans.GetUnitResultAsync(runId, unitKey, ct);
        if (result is null) return layout.Message(http, "未找到", "该单位在此批次中没有结果。", 404);
        var items = await reviews.GetManualItemsAsync(runId, unitKey, ct);
        var sb = new StringBuilder();
        if (error is not null) sb.Append("<p class=\"error\" role=\"alert\">").Append(T(error)).Append("</p>");
        if (done is not null) sb.Append("<p class=\"ok\" role=\"status\">").Append(T(done)).Append("</p>");
        sb.Append("<p>").Append(T(result.Run.Evaluation)).Append(" · 第").Append(runId).Append("次 · 录入的分数用于本批次及以后各批次，直到再次录入。</p>");
        if (items.Count == 0) sb.Append("<p>本单位没有需人工评分的项目。</p>");
        foreach (var i in items)
        {
            sb.Append("<div class=\"manual-item\"><h2>").Append(T(i.IndicatorId)).Append(' ').Append(T(i.Name)).Append("（满分 ").Append(Points(i.Possible))
              .Append("）</h2><p class=\"c\">").Append(T(i.Criteria)).Append("</p>");
            if (i.Points is { } p)
                sb.Append("<p class=\"entered\">已录入 ").Append(Points(p)).Append(" 分（").Append(T(i.EnteredBy)).Append("，").Append(Time(i.EnteredAt))
                  .Append("）：").Append(T(i.Note)).Append("</p>");
            sb.Append(layout.Form(http, $"/review/manual/{runId}/{U(unitKey)}",
                $"<input type=\"hidden\" name=\"indicator\" value=\"{T(i.IndicatorId)}\">" +
                $"<label>得分（0–{Points(i.Possible)}）<input type=\"number\" name=\"points\" step=\"0.01\" min=\"0\" max=\"{Points(i.Possible)}\" required></label>" +
                "<label>说明（必填，如依据的材料）<input type=\"text\" name=\"note\" required></label><button type=\"submit\">录入</button>", "box"));
            sb.Append("</div>");
        }
        return layout.Page(http, $"{result.Unit.Name} · 人工评分项", sb.ToString(), error is null ? 200 : 422);
    }

    private static async Task<IResult> EnterManual(HttpContext http, Layout layout, ReviewStore reviews, ScanStore scans, long runId, string unitKey,
        CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        if (!double.TryParse(form["points"].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var points))
            return await Manual(http, layout, reviews, scans, runId, unitKey, "请填写分数（数字）。", null, ct);
        try
        {
            await reviews.RecordManualPointsAsync(runId, unitKey, form["indicator"].ToString(), points, form["note"].ToString(), http.User.UserName(), ct);
            http.RequestServices.GetRequiredService<PageCache>().Invalidate();
        }
        catch (ReviewRejectedException ex)
        {
            return await Manual(http, layout, reviews, scans, runId, unitKey, ex.Message, null, ct);
        }
        return await Manual(http, layout, reviews, scans, runId, unitKey, null, "已录入，得分已重新计算。", ct);
    }

    private static async Task<IResult> Audit(HttpContext http, Layout layout, ReviewStore reviews, long? evaluation, string? unit, CancellationToken ct)
    {
        var rows = await reviews.GetAuditTrailAsync(evaluation, NullIfEmpty(unit), 500, ct);
        var sb = new StringBuilder("<div class=\"scroll\"><table id=\"audit\"><tr><th>时间</th><th>操作人</th><th>操作</th><th>评估</th><th>单位</th><th>对象</th><th>改前</th><th>改后</th><th>理由</th></tr>");
        foreach (var a in rows)
            sb.Append("<tr><td>").Append(Time(a.At)).Append("</td><td>").Append(T(a.Actor)).Append("</td><td>").Append(T(ActionText(a.Action)))
              .Append("</td><td>").Append(T(a.Evaluation)).Append("</td><td>").Append(T(a.UnitKey)).Append("</td><td>").Append(T(a.Subject))
              .Append("</td><td>").Append(T(a.Before)).Append("</td><td>").Append(T(a.After)).Append("</td><td>").Append(T(a.Reason)).Append("</td></tr>");
        sb.Append("</table></div>");
        return layout.Page(http, "审计记录", sb.ToString());
    }

    public static string ActionText(AuditAction a) => a switch
    {
        AuditAction.ReviewConfirm => "确认", AuditAction.ReviewOverride => "改分", AuditAction.ReviewRecheck => "标记重新核查",
        AuditAction.ManualPoints => "人工评分", AuditAction.UserCreated => "创建用户", AuditAction.UserLockedOut => "账户锁定",
        _ => "设置密码",
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
