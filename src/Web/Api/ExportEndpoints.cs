using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Openness.Reporting;
using Openness.Storage;
using Openness.Storage.Reviews;
using Openness.Web.Auth;
using Openness.Web.Pages;
using static Openness.Web.Rendering.H;

namespace Openness.Web.Api;

/// <summary>Downloads: the ranking and findings of a run (staff), and a unit's report, rectification list and findings (that unit and staff).</summary>
public static class ExportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/office/e/{evaluationId:long}").RequireAuthorization(Access.Staff);
        staff.MapGet("/ranking.csv", RankingCsv);
        staff.MapGet("/findings.csv", RunFindingsCsv);
        var unit = app.MapGroup("/units/{evaluationId:long}/{unitKey}").RequireAuthorization();
        unit.MapGet("/report.html", ReportHtml);
        unit.MapGet("/rectification.csv", RectificationCsv);
        unit.MapGet("/findings.csv", UnitFindingsCsv);
    }

    private static async Task<IResult> RankingCsv(EvaluationStore evaluations, ScanStore scans, long evaluationId, long? run, CancellationToken ct)
    {
        var found = await RunLookup.FindAsync(evaluations, scans, evaluationId, run, ct);
        if (found is null) return Results.NotFound();
        var ranking = (await scans.GetRankingAsync(found.Run.RunId, ct))!;
        return Csv.File(new RankingWriter().RenderCsv(ranking), $"ranking-{found.Run.RunId}.csv");
    }

    private static async Task<IResult> RunFindingsCsv(EvaluationStore evaluations, ScanStore scans, ReviewStore reviews, long evaluationId, long? run,
        CancellationToken ct)
    {
        var found = await RunLookup.FindAsync(evaluations, scans, evaluationId, run, ct);
        if (found is null) return Results.NotFound();
        var rows = new List<ReviewItem>();
        foreach (var u in await evaluations.GetRunUnitsAsync(found.Run.RunId, ct))
            rows.AddRange(await reviews.GetUnitFindingsAsync(found.Run.RunId, u.Unit.Id, ct));
        return Csv.File(FindingsCsv(rows), $"findings-{found.Run.RunId}.csv");
    }

    private static async Task<IResult> ReportHtml(HttpContext http, EvaluationStore evaluations, ScanStore scans, long evaluationId, string unitKey,
        long? run, CancellationToken ct)
    {
        if (!http.User.CanSeeUnit(unitKey)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var result = await UnitResults.FindAsync(evaluations, scans, evaluationId, unitKey, run, ct);
        if (result is null) return Results.NotFound();
        // The standalone report carries its own inline stylesheet; still no script, no framing.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(new UnitReportWriter().Render(result), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> RectificationCsv(HttpContext http, EvaluationStore evaluations, ScanStore scans, ReviewStore reviews,
        long evaluationId, string unitKey, long? run, CancellationToken ct)
    {
        if (!http.User.CanSeeUnit(unitKey)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var result = await UnitResults.FindAsync(evaluations, scans, evaluationId, unitKey, run, ct);
        if (result is null) return Results.NotFound();
        var items = Rectification.For(result, await reviews.GetUnitFindingsAsync(result.Run.RunId, unitKey, ct));
        var rows = new List<IReadOnlyList<string>> { new[] { "序号", "任务", "完成情况", "存在问题", "整改措施", "责任单位" } };
        rows.AddRange(items.Select(i => (IReadOnlyList<string>)[i.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Task, i.State,
            string.Join("；", i.Problems), i.Measure, i.ResponsibleBody]));
        return Csv.File(Csv.Build(rows), $"rectification-{ReportFiles.SafeName(unitKey)}-{result.Run.RunId}.csv");
    }

    private static async Task<IResult> UnitFindingsCsv(HttpContext http, EvaluationStore evaluations, ScanStore scans, ReviewStore reviews,
        long evaluationId, string unitKey, long? run, CancellationToken ct)
    {
        if (!http.User.CanSeeUnit(unitKey)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var result = await UnitResults.FindAsync(evaluations, scans, evaluationId, unitKey, run, ct);
        if (result is null) return Results.NotFound();
        return Csv.File(FindingsCsv(await reviews.GetUnitFindingsAsync(result.Run.RunId, unitKey, ct)),
            $"findings-{ReportFiles.SafeName(unitKey)}-{result.Run.RunId}.csv");
    }

    private static string FindingsCsv(IEnumerable<ReviewItem> items)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "单位编号", "单位名称", "指标编号", "指标", "检查", "对象", "状态", "变化", "发现", "佐证网址", "本项得分", "满分", "复核", "复核理由" },
        };
        rows.AddRange(items.Select(i => (IReadOnlyList<string>)[i.Unit.Id, i.Unit.Name, i.IndicatorId, i.IndicatorName, i.CheckId, i.Subject,
            Labels.Status(i.Status), Labels.Change(i.Change), i.Message, string.Join(" ", i.Evidence.Select(e => e.Url)), Points(i.LeafPoints),
            Points(i.LeafPossible), i.LatestReview is { } r ? UnitReportPage.DecisionText(r.Decision) : "", i.LatestReview?.Reason ?? ""]));
        return Csv.Build(rows);
    }
}
