using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Openness.Core.Scheduling;
using Openness.Storage;
using Openness.Web.Auth;
using Openness.Web.Rendering;
using static Openness.Web.Rendering.H;

namespace Openness.Web.Pages;

/// <summary>The evaluation office: evaluations, ranking with per-level-1 scores, scan runs with progress, the schedule.</summary>
public static class OfficePages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/office").RequireAuthorization(Access.Staff);
        staff.MapGet("", Evaluations);
        staff.MapGet("/e/{evaluationId:long}", Ranking);
        staff.MapGet("/e/{evaluationId:long}/runs", Runs);
        staff.MapGet("/runs/{runId:long}", RunUnits);
        var office = app.MapGroup("/office/schedule").RequireAuthorization(Access.Office);
        office.MapGet("", (HttpContext http, Layout layout, CancellationToken ct) => Schedule(http, layout, null, ct));
        office.MapPost("", ScheduleAction).AddEndpointFilter(WebApp.RequireAntiforgery);
    }

    private static async Task<IResult> Evaluations(HttpContext http, Layout layout, EvaluationStore evaluations, CancellationToken ct)
    {
        var list = await evaluations.GetEvaluationsAsync(ct);
        var sb = new StringBuilder();
        if (list.Count == 0) sb.Append("<p>尚无评估数据。运行 <code>crawler scan</code> 或等待调度的夜间扫描。</p>");
        else
        {
            sb.Append("<div class=\"scroll\"><table><tr><th>评估</th><th>单位数</th><th>最近一次评估</th><th>状态</th><th></th></tr>");
            foreach (var e in list)
                sb.Append("<tr><td><a href=\"/office/e/").Append(e.Id).Append("\">").Append(T(e.Name)).Append("</a></td><td class=\"n\">")
                  .Append(e.Units).Append("</td><td>").Append(e.LatestRun is { } r ? $"{Date(r.AsOf)}（第{r.RunId}次，{T(r.SystemName)}）" : "—")
                  .Append("</td><td>").Append(e.LatestRun is { } s ? T(RunStateText(s.State)) : "")
                  .Append("</td><td><a href=\"/office/e/").Append(e.Id).Append("\">排名</a> · <a href=\"/office/e/").Append(e.Id)
                  .Append("/runs\">扫描记录</a></td></tr>");
            sb.Append("</table></div>");
        }
        return layout.Page(http, "评估", sb.ToString());
    }

    private static async Task<IResult> Ranking(HttpContext http, Layout layout, PageCache cache, EvaluationStore evaluations, ScanStore scans,
        long evaluationId, long? run, CancellationToken ct)
    {
        var page = await cache.GetAsync($"ranking:{evaluationId}:{run}", () => RenderRankingAsync(evaluations, scans, evaluationId, run, ct));
        return page is null ? layout.Message(http, "未找到", "该评估或评估批次不存在。", 404) : layout.Page(http, page.Title, page.Body);
    }

    private static async Task<(string, string)?> RenderRankingAsync(EvaluationStore evaluations, ScanStore scans, long evaluationId, long? run,
        CancellationToken ct)
    {
        var found = await RunLookup.FindAsync(evaluations, scans, evaluationId, run, ct);
        if (found is null) return null;
        var ranking = (await scans.GetRankingAsync(found.Run.RunId, ct))!;
        var levels = ranking.Rows.SelectMany(r => r.LevelOne).GroupBy(l => l.Id).Select(g => g.First()).ToList();
        var sb = new StringBuilder();
        sb.Append("<p class=\"c\">").Append(T(found.Run.SystemName)).Append(" · 评估日期 ").Append(Date(found.Run.AsOf))
          .Append(" · 第").Append(found.Run.RunId).Append("次 · ").Append(T(RunStateText(found.Run.State)))
          .Append(" · 分数为复核后的有效得分</p>");
        var e = found.Evaluation.Id;
        var q = $"?run={found.Run.RunId}";
        sb.Append("<p>导出：<a href=\"/office/e/").Append(e).Append("/ranking.xlsx").Append(q).Append("\">排名 Excel</a> · ")
          .Append("<a href=\"/office/e/").Append(e).Append("/ranking.csv").Append(q).Append("\">排名 CSV</a> · ")
          .Append("<a href=\"/office/e/").Append(e).Append("/findings.xlsx").Append(q).Append("\">排名与检查结果 Excel</a> · ")
          .Append("<a href=\"/office/e/").Append(e).Append("/findings.csv").Append(q).Append("\">检查结果 CSV</a> · ")
          .Append("<a href=\"/api/evaluations/").Append(e).Append("/ranking?run=").Append(found.Run.RunId).Append("\">JSON</a> · ")
          .Append("<a href=\"/office/e/").Append(e).Append("/runs\">扫描记录</a></p>");
        sb.Append("<div class=\"scroll\"><table id=\"ranking\"><tr><th>名次</th><th>单位</th><th>总分</th><th>等次</th>");
        foreach (var l in levels) sb.Append("<th>").Append(T(l.Name)).Append("</th>");
        sb.Append("<th>待人工评分</th><th>趋势</th></tr>");
        foreach (var r in ranking.Rows)
        {
            sb.Append("<tr><td class=\"n\">").Append(r.Rank).Append("</td><td><a href=\"/units/").Append(e).Append('/').Append(U(r.Unit.Id))
              .Append("?run=").Append(found.Run.RunId).Append("\">").Append(T(r.Unit.Name)).Append("</a></td><td class=\"n total\">")
              .Append(Points(r.Total)).Append(" / ").Append(Points(r.Possible)).Append("</td><td class=\"grade\">").Append(T(r.Grade))
              .Append(r.Vetoed ? "（否决）" : "").Append("</td>");
            foreach (var l in levels)
                sb.Append("<td class=\"n\">").Append(r.LevelOne.FirstOrDefault(x => x.Id == l.Id) is { } s ? $"{Points(s.Earned)} / {Points(s.Possible)}" : "")
                  .Append("</td>");
            sb.Append("<td class=\"n\">").Append(Points(r.ManualPointsPending)).Append("</td><td><a href=\"/units/").Append(e).Append('/')
              .Append(U(r.Unit.Id)).Append("/trend\">趋势</a></td></tr>");
        }
        sb.Append("</table></div>");
        if (ranking.Rows.Count == 0) sb.Append("<p>本次评估尚无已评分的单位。</p>");
        return ($"{found.Evaluation.Name} · 排名", sb.ToString());
    }

    private static async Task<IResult> Runs(HttpContext http, Layout layout, EvaluationStore evaluations, ScanStore scans, long evaluationId,
        CancellationToken ct)
    {
        var evaluation = await evaluations.GetEvaluationAsync(evaluationId, ct);
        if (evaluation is null) return layout.Message(http, "未找到", "该评估不存在。", 404);
        var runs = await scans.GetRunHistoryAsync(evaluation.Name, ct);
        var sb = new StringBuilder("<div class=\"scroll\"><table id=\"runs\"><tr><th>批次</th><th>评估日期</th><th>开始</th><th>结束</th><th>状态</th><th>进度</th><th>完成</th><th>失败</th></tr>");
        foreach (var r in runs)
        {
            var done = r.UnitsCompleted + r.UnitsFailed;
            sb.Append("<tr><td><a href=\"/office/runs/").Append(r.RunId).Append("\">第").Append(r.RunId).Append("次</a></td><td>").Append(Date(r.AsOf))
              .Append("</td><td>").Append(Time(r.StartedAt)).Append("</td><td>").Append(Time(r.FinishedAt)).Append("</td><td>")
              .Append(T(RunStateText(r.State))).Append("</td><td><progress max=\"").Append(Math.Max(1, r.UnitsPlanned)).Append("\" value=\"")
              .Append(done).Append("\"></progress> ").Append(done).Append('/').Append(r.UnitsPlanned).Append("</td><td class=\"n\">")
              .Append(r.UnitsCompleted).Append("</td><td class=\"n\">").Append(r.UnitsFailed).Append("</td></tr>");
        }
        sb.Append("</table></div>");
        return layout.Page(http, $"{evaluation.Name} · 扫描记录", sb.ToString());
    }

    private static async Task<IResult> RunUnits(HttpContext http, Layout layout, EvaluationStore evaluations, ScanStore scans, long runId,
        CancellationToken ct)
    {
        var run = await scans.GetRunAsync(runId, ct);
        if (run is null) return layout.Message(http, "未找到", "该评估批次不存在。", 404);
        var evaluationId = (await evaluations.GetEvaluationsAsync(ct)).First(e => e.Name == run.Evaluation).Id;
        var units = await evaluations.GetRunUnitsAsync(runId, ct);
        var sb = new StringBuilder();
        sb.Append("<p>").Append(T(run.Evaluation)).Append(" · ").Append(T(RunStateText(run.State))).Append(" · 计划 ").Append(run.UnitsPlanned)
          .Append(" 个单位，完成 ").Append(run.UnitsCompleted).Append("，失败 ").Append(run.UnitsFailed).Append("，未开始或进行中 ")
          .Append(Math.Max(0, run.UnitsPlanned - run.UnitsCompleted - run.UnitsFailed)).Append("</p>");
        sb.Append("<div class=\"scroll\"><table id=\"run-units\"><tr><th>单位</th><th>状态</th><th>页面（成功/失败）</th><th>得分</th><th>保存时间</th><th>说明</th></tr>");
        foreach (var u in units)
            sb.Append("<tr><td><a href=\"/units/").Append(evaluationId).Append('/').Append(U(u.Unit.Id)).Append("?run=").Append(runId).Append("\">")
              .Append(T(u.Unit.Name)).Append("</a></td><td>").Append(u.State == UnitScanState.Completed ? "完成" : "<span class=\"s s-fail\">失败</span>")
              .Append("</td><td class=\"n\">").Append(u.PagesFetched).Append(" / ").Append(u.PagesFailed).Append("</td><td class=\"n\">")
              .Append(u.Total is { } t ? $"{Points(t)} {T(u.Grade)}" : "—").Append("</td><td>").Append(Time(u.SavedAt)).Append("</td><td>")
              .Append(T(u.Message)).Append("</td></tr>");
        sb.Append("</table></div>");
        return layout.Page(http, $"第{runId}次评估的单位", sb.ToString());
    }

    /// <param name="done">what the action just posted did (never taken from the query string)</param>
    private static async Task<IResult> Schedule(HttpContext http, Layout layout, string? done, CancellationToken ct)
    {
        var control = http.RequestServices.GetService<IScheduleControl>();
        var sb = new StringBuilder();
        if (done is not null) sb.Append("<p class=\"ok\">").Append(T(done)).Append("</p>");
        if (control is null)
        {
            sb.Append("<p>本进程未运行调度器。以 <code>crawler serve</code> 配合调度（或 <code>crawler worker</code>）运行后，这里显示各计划的下次、上次运行时间和结果。</p>");
            return layout.Page(http, "调度", sb.ToString());
        }
        var entries = await control.ListAsync(ct);
        if (entries.Count == 0) sb.Append("<p>尚无调度计划（<code>crawler schedule add</code>）。</p>");
        sb.Append("<div class=\"scroll\"><table id=\"schedule\"><tr><th>计划</th><th>评估</th><th>单位</th><th>Cron（时区）</th><th>状态</th><th>下次运行</th><th>上次运行</th><th>上次结果</th><th>操作</th></tr>");
        foreach (var e in entries)
        {
            sb.Append("<tr><td>").Append(T(e.Key)).Append("</td><td>").Append(T(e.Evaluation)).Append("</td><td>").Append(T(e.UnitId ?? "全部"))
              .Append("</td><td>").Append(T(e.Cron)).Append("（").Append(T(e.TimeZone)).Append("）</td><td>").Append(e.Paused ? "已暂停" : "运行中")
              .Append("</td><td>").Append(Time(e.NextFireAt)).Append("</td><td>").Append(Time(e.LastFireAt)).Append("</td><td>")
              .Append(T(e.LastOutcome)).Append("</td><td>");
            var key = $"<input type=\"hidden\" name=\"key\" value=\"{T(e.Key)}\">";
            sb.Append(layout.Form(http, "/office/schedule", key + "<button name=\"action\" value=\"run-now\">立即运行</button>", "inline")).Append(' ');
            sb.Append(layout.Form(http, "/office/schedule", key + (e.Paused
                ? "<button name=\"action\" value=\"resume\">恢复</button>"
                : "<button name=\"action\" value=\"pause\">暂停</button>"), "inline"));
            sb.Append("</td></tr>");
        }
        sb.Append("</table></div>");
        return layout.Page(http, "调度", sb.ToString());
    }

    private static async Task<IResult> ScheduleAction(HttpContext http, Layout layout, CancellationToken ct)
    {
        var control = http.RequestServices.GetService<IScheduleControl>();
        if (control is null) return layout.Message(http, "调度", "本进程未运行调度器。", 409);
        var form = await http.Request.ReadFormAsync(ct);
        var key = form["key"].ToString();
        if (!(await control.ListAsync(ct)).Any(e => e.Key == key)) return layout.Message(http, "调度", "没有这个调度计划。", 404);
        string done;
        switch (form["action"].ToString())
        {
            case "run-now": await control.RunNowAsync(key, ct); done = $"已触发 {key} 立即运行。"; break;
            case "pause": await control.PauseAsync(key, ct); done = $"已暂停 {key}。"; break;
            case "resume": await control.ResumeAsync(key, ct); done = $"已恢复 {key}。"; break;
            default: return layout.Message(http, "调度", "未知操作。", 400);
        }
        return await Schedule(http, layout, done, ct);
    }

    public static string RunStateText(RunState s) => s switch
    {
        RunState.Running => "进行中", RunState.Completed => "已完成", _ => "失败",
    };
}
