using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Openness.Storage;
using Openness.Storage.Reviews;
using Openness.Web.Auth;
using Openness.Web.Rendering;
using static Openness.Web.Rendering.H;

namespace Openness.Web.Pages;

/// <summary>
/// Unit-scoped pages: a unit's report, its trend, its screenshots. Every handler asks <see cref="Access.CanSeeUnit"/>
/// before it reads anything, so another unit's user gets 403 whether or not the unit exists.
/// </summary>
public static class UnitPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").RequireAuthorization();
        group.MapGet("/unit", OwnUnit);
        group.MapGet("/units/{evaluationId:long}/{unitKey}", Report);
        group.MapGet("/units/{evaluationId:long}/{unitKey}/trend", Trend);
        group.MapGet("/screenshots/{findingId:long}/{index:int}", Screenshot);
    }

    /// <summary>A unit user's start page: its report in the newest evaluation that has it.</summary>
    private static async Task<IResult> OwnUnit(HttpContext http, Layout layout, EvaluationStore evaluations, CancellationToken ct)
    {
        if (http.User.IsStaff()) return Results.Redirect("/office");
        var own = http.User.UnitKey();
        if (own is null) return Results.Forbid();
        foreach (var e in (await evaluations.GetEvaluationsAsync(ct)).Reverse())
            if ((await evaluations.GetUnitsAsync(e.Id, ct)).Any(u => u.Id == own))
                return Results.Redirect($"/units/{e.Id}/{U(own)}");
        return layout.Message(http, "本单位报告", "本单位尚无评估结果。", 404);
    }

    private static async Task<IResult> Report(HttpContext http, Layout layout, PageCache cache, UnitReportPage page, EvaluationStore evaluations,
        ScanStore scans, ReviewStore reviews, long evaluationId, string unitKey, long? run, CancellationToken ct)
    {
        // Access first: the cache is only ever asked on behalf of someone who may see the unit.
        if (!http.User.CanSeeUnit(unitKey)) return layout.Message(http, "无权访问", "您只能查看本单位的评估结果。", 403);
        var staff = http.User.IsStaff();
        var body = await cache.GetAsync($"unit:{evaluationId}:{unitKey}:{run}:{(staff ? "staff" : "unit")}", async () =>
        {
            var result = await UnitResults.FindAsync(evaluations, scans, evaluationId, unitKey, run, ct);
            if (result is null) return null;
            var findings = await reviews.GetUnitFindingsAsync(result.Run.RunId, unitKey, ct);
            return ($"{result.Unit.Name} 评估报告", page.Render(staff, evaluationId, result, findings));
        });
        return body is null ? layout.Message(http, "未找到", "该单位在此评估中没有结果。", 404) : layout.Page(http, body.Title, body.Body);
    }

    private static async Task<IResult> Trend(HttpContext http, Layout layout, EvaluationStore evaluations, ScanStore scans, long evaluationId,
        string unitKey, CancellationToken ct)
    {
        if (!http.User.CanSeeUnit(unitKey)) return layout.Message(http, "无权访问", "您只能查看本单位的评估结果。", 403);
        var evaluation = await evaluations.GetEvaluationAsync(evaluationId, ct);
        var unit = evaluation is null ? null : (await evaluations.GetUnitsAsync(evaluationId, ct)).FirstOrDefault(u => u.Id == unitKey);
        if (evaluation is null || unit is null) return layout.Message(http, "未找到", "该单位在此评估中没有结果。", 404);
        var history = await scans.GetUnitHistoryAsync(evaluation.Name, unitKey, ct);
        var sb = new System.Text.StringBuilder();
        sb.Append("<p class=\"chart\"><img id=\"trend\" alt=\"").Append(T(unit.Name)).Append(" 得分趋势\" src=\"/units/").Append(evaluationId).Append('/')
          .Append(U(unitKey)).Append("/trend.svg\"></p>");
        sb.Append("<div class=\"scroll\"><table id=\"history\"><tr><th>批次</th><th>评估日期</th><th>状态</th><th>得分</th><th>等次</th></tr>");
        foreach (var h in history)
            sb.Append("<tr><td><a href=\"/units/").Append(evaluationId).Append('/').Append(U(unitKey)).Append("?run=").Append(h.RunId).Append("\">第")
              .Append(h.RunId).Append("次</a></td><td>").Append(Date(h.AsOf)).Append("</td><td>").Append(h.State == UnitScanState.Completed ? "完成" : "失败")
              .Append("</td><td class=\"n\">").Append(h.Total is { } t ? $"{Points(t)} / {Points(h.Possible ?? 0)}" : "—").Append("</td><td>")
              .Append(T(h.Grade)).Append("</td></tr>");
        sb.Append("</table></div>");
        return layout.Page(http, $"{unit.Name} · 得分趋势", sb.ToString());
    }

    /// <summary>A finding's screenshot, only to those who may see its unit, and only from below the data folder.</summary>
    private static async Task<IResult> Screenshot(HttpContext http, ReviewStore reviews, WebAppOptions options, long findingId, int index,
        CancellationToken ct)
    {
        var finding = await reviews.GetFindingAsync(findingId, ct);
        if (finding is null) return Results.NotFound();
        if (!http.User.CanSeeUnit(finding.Unit.Id)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        if (index < 0 || index >= finding.Evidence.Count || finding.Evidence[index].ScreenshotPath is not { } path) return Results.NotFound();
        var full = Path.GetFullPath(path, options.DataDir);
        var root = Path.GetFullPath(options.DataDir).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal) || !File.Exists(full)) return Results.NotFound();
        return Results.File(full, "image/png");
    }
}

/// <summary>A unit's stored result in an evaluation: the run asked for (if it belongs there) or the unit's newest scored scan.</summary>
public static class UnitResults
{
    public static async Task<UnitResult?> FindAsync(EvaluationStore evaluations, ScanStore scans, long evaluationId, string unitKey, long? run,
        CancellationToken ct)
    {
        var evaluation = await evaluations.GetEvaluationAsync(evaluationId, ct);
        if (evaluation is null) return null;
        if (run is { } id)
        {
            var summary = await scans.GetRunAsync(id, ct);
            return summary is null || summary.Evaluation != evaluation.Name ? null : await scans.GetUnitResultAsync(id, unitKey, ct);
        }
        return await scans.GetLatestUnitResultAsync(evaluation.Name, unitKey, ct);
    }
}
