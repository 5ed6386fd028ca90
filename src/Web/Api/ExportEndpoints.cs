using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Openness.Reporting;
using Openness.Reporting.Rectification;
using Openness.Storage;
using Openness.Web.Auth;
using Openness.Web.Pages;

namespace Openness.Web.Api;

/// <summary>
/// Downloads, made by src/Reporting's producers from effective scores: the ranking and findings of a run (staff),
/// and a unit's report (HTML, PDF), rectification list and findings (that unit and staff), in CSV and .xlsx.
/// </summary>
public static class ExportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/office/e/{evaluationId:long}").RequireAuthorization(Access.Staff);
        staff.MapGet("/ranking.csv", (EvaluationStore e, ScanStore s, long evaluationId, long? run, CancellationToken ct) =>
            RunExport(e, s, evaluationId, run, ct, (r, _) => File(new CsvExport().Ranking(r), CsvExport.ContentType, $"ranking-{r.Run.RunId}.csv")));
        staff.MapGet("/ranking.xlsx", (EvaluationStore e, ScanStore s, long evaluationId, long? run, CancellationToken ct) =>
            RunExport(e, s, evaluationId, run, ct, (r, _) => File(new XlsxExport().Ranking(r), XlsxExport.ContentType, $"ranking-{r.Run.RunId}.xlsx")));
        staff.MapGet("/findings.csv", (EvaluationStore e, ScanStore s, long evaluationId, long? run, CancellationToken ct) =>
            RunExport(e, s, evaluationId, run, ct, (r, units) => File(new CsvExport().Findings(units), CsvExport.ContentType, $"findings-{r.Run.RunId}.csv")));
        staff.MapGet("/findings.xlsx", (EvaluationStore e, ScanStore s, long evaluationId, long? run, CancellationToken ct) =>
            RunExport(e, s, evaluationId, run, ct, (r, units) => File(new XlsxExport().RankingAndFindings(r, units), XlsxExport.ContentType, $"ranking-findings-{r.Run.RunId}.xlsx")));

        var unit = app.MapGroup("/units/{evaluationId:long}/{unitKey}").RequireAuthorization();
        unit.MapGet("/report.html", (HttpContext http, EvaluationStore e, ScanStore s, UnitSupervision sup, long evaluationId, string unitKey, long? run, CancellationToken ct) =>
            UnitExport(http, e, s, evaluationId, unitKey, run, ct, async (u, history) =>
            {
                // The standalone report carries its own inline stylesheet; still no script, no framing.
                http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";
                return Results.Content(new UnitReportWriter(sup.For(u)).Render(u, await history()), UnitReportWriter.ContentType);
            }));
        unit.MapGet("/report.pdf", (HttpContext http, EvaluationStore e, ScanStore s, UnitReportPdf pdf, UnitSupervision sup, long evaluationId, string unitKey,
            long? run, CancellationToken ct) => UnitExport(http, e, s, evaluationId, unitKey, run, ct, async (u, history) =>
                File(await pdf.RenderHtmlAsync(new UnitReportWriter(sup.For(u)).Render(u, await history()), ct), UnitReportPdf.ContentType, ReportFiles.UnitFileName(u.Unit.Id, "pdf"))));
        unit.MapGet("/rectification.csv", (HttpContext http, EvaluationStore e, ScanStore s, UnitSupervision sup, long evaluationId, string unitKey, long? run, CancellationToken ct) =>
            UnitExport(http, e, s, evaluationId, unitKey, run, ct, (u, _) => Task.FromResult(
                File(new CsvExport().Rectification(RectificationListBuilder.Build(u, sup.For(u))), CsvExport.ContentType, $"rectification-{ReportFiles.SafeName(u.Unit.Id)}.csv"))));
        unit.MapGet("/rectification.xlsx", (HttpContext http, EvaluationStore e, ScanStore s, UnitSupervision sup, long evaluationId, string unitKey, long? run, CancellationToken ct) =>
            UnitExport(http, e, s, evaluationId, unitKey, run, ct, (u, _) => Task.FromResult(
                File(new XlsxExport().Rectification(RectificationListBuilder.Build(u, sup.For(u))), XlsxExport.ContentType, $"rectification-{ReportFiles.SafeName(u.Unit.Id)}.xlsx"))));
        unit.MapGet("/findings.csv", (HttpContext http, EvaluationStore e, ScanStore s, long evaluationId, string unitKey, long? run, CancellationToken ct) =>
            UnitExport(http, e, s, evaluationId, unitKey, run, ct, (u, _) => Task.FromResult(
                File(new CsvExport().Findings([u]), CsvExport.ContentType, $"findings-{ReportFiles.SafeName(u.Unit.Id)}.csv"))));
        unit.MapGet("/findings.xlsx", (HttpContext http, EvaluationStore e, ScanStore s, long evaluationId, string unitKey, long? run, CancellationToken ct) =>
            UnitExport(http, e, s, evaluationId, unitKey, run, ct, (u, _) => Task.FromResult(
                File(new XlsxExport().Findings([u]), XlsxExport.ContentType, $"findings-{ReportFiles.SafeName(u.Unit.Id)}.xlsx"))));
        unit.MapGet("/trend.svg", (HttpContext http, EvaluationStore e, ScanStore s, long evaluationId, string unitKey, CancellationToken ct) =>
            UnitExport(http, e, s, evaluationId, unitKey, null, ct, async (u, history) =>
                Results.Text(new TrendChart().Render(await history(), u.Unit.Name), TrendChart.ContentType)));
    }

    private static IResult File(byte[] bytes, string contentType, string name) => Results.File(bytes, contentType, name);

    private static async Task<IResult> RunExport(EvaluationStore evaluations, ScanStore scans, long evaluationId, long? run, CancellationToken ct,
        Func<Ranking, IReadOnlyList<UnitResult>, IResult> produce)
    {
        var found = await RunLookup.FindAsync(evaluations, scans, evaluationId, run, ct);
        if (found is null) return Results.NotFound();
        var ranking = (await scans.GetRankingAsync(found.Run.RunId, ct))!;
        return produce(ranking, await scans.GetUnitResultsAsync(found.Run.RunId, ct));
    }

    /// <summary>Refuses another unit's user before anything is read, then hands the producer the unit's result and a way to its history.</summary>
    private static async Task<IResult> UnitExport(HttpContext http, EvaluationStore evaluations, ScanStore scans, long evaluationId, string unitKey,
        long? run, CancellationToken ct, Func<UnitResult, Func<Task<IReadOnlyList<UnitHistoryEntry>>>, Task<IResult>> produce)
    {
        if (!http.User.CanSeeUnit(unitKey)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var result = await UnitResults.FindAsync(evaluations, scans, evaluationId, unitKey, run, ct);
        if (result is null) return Results.NotFound();
        return await produce(result, () => scans.GetUnitHistoryAsync(result.Run.Evaluation, unitKey, ct));
    }
}
