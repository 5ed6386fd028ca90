using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Openness.Reporting;
using Openness.Reporting.Rectification;
using Openness.Storage;
using Openness.Storage.Reviews;
using Openness.Web.Auth;
using Openness.Web.Pages;

namespace Openness.Web.Api;

/// <summary>
/// The JSON API (same cookie sign-in, same rules): evaluations, a run's ranking (staff), and per unit its report
/// (docs/export.md's format, effective scores), findings with reviews, and rectification list.
/// </summary>
public static class ApiEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/evaluations", Evaluations);
        api.MapGet("/evaluations/{evaluationId:long}/ranking", Ranking).RequireAuthorization(Access.Staff);
        api.MapGet("/evaluations/{evaluationId:long}/units/{unitKey}", UnitReport);
        api.MapGet("/evaluations/{evaluationId:long}/units/{unitKey}/findings", UnitFindings);
        api.MapGet("/evaluations/{evaluationId:long}/units/{unitKey}/rectification", UnitRectification);
        api.MapGet("/findings/{findingId:long}", Finding);
    }

    /// <summary>Staff see every evaluation; a unit user only those its unit is in.</summary>
    private static async Task<IResult> Evaluations(HttpContext http, EvaluationStore evaluations, CancellationToken ct)
    {
        var list = new List<object>();
        foreach (var e in await evaluations.GetEvaluationsAsync(ct))
        {
            if (!http.User.IsStaff() && !(await evaluations.GetUnitsAsync(e.Id, ct)).Any(u => http.User.CanSeeUnit(u.Id))) continue;
            list.Add(new { e.Id, e.Name, e.Units, LatestRun = e.LatestRun is { } r ? new { r.RunId, r.AsOf, r.State, r.SystemId, r.SystemName } : null });
        }
        return Results.Json(list, Json);
    }

    private static async Task<IResult> Ranking(EvaluationStore evaluations, ScanStore scans, long evaluationId, long? run, CancellationToken ct)
    {
        var found = await RunLookup.FindAsync(evaluations, scans, evaluationId, run, ct);
        if (found is null) return Results.NotFound();
        var ranking = (await scans.GetRankingAsync(found.Run.RunId, ct))!;
        return Results.Json(new
        {
            Evaluation = found.Evaluation.Name, found.Run.RunId, found.Run.AsOf, found.Run.SystemId, found.Run.SystemHash,
            Rows = ranking.Rows.Select(r => new
            {
                r.Rank, Unit = new { r.Unit.Id, r.Unit.Name, r.Unit.Group }, r.Total, r.Possible, r.Grade, r.Vetoed, r.ManualPointsPending,
                LevelOne = r.LevelOne,
            }),
        }, Json);
    }

    private static async Task<IResult> UnitReport(HttpContext http, EvaluationStore evaluations, ScanStore scans, long evaluationId, string unitKey,
        long? run, CancellationToken ct)
    {
        if (!http.User.CanSeeUnit(unitKey)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var result = await UnitResults.FindAsync(evaluations, scans, evaluationId, unitKey, run, ct);
        return result is null ? Results.NotFound() : Results.Bytes(new JsonExportWriter().Render(result), "application/json; charset=utf-8");
    }

    private static async Task<IResult> UnitFindings(HttpContext http, EvaluationStore evaluations, ScanStore scans, ReviewStore reviews,
        long evaluationId, string unitKey, long? run, CancellationToken ct)
    {
        if (!http.User.CanSeeUnit(unitKey)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var result = await UnitResults.FindAsync(evaluations, scans, evaluationId, unitKey, run, ct);
        if (result is null) return Results.NotFound();
        return Results.Json((await reviews.GetUnitFindingsAsync(result.Run.RunId, unitKey, ct)).Select(Shape), Json);
    }

    private static async Task<IResult> UnitRectification(HttpContext http, EvaluationStore evaluations, ScanStore scans, UnitSupervision supervision,
        long evaluationId, string unitKey, long? run, CancellationToken ct)
    {
        if (!http.User.CanSeeUnit(unitKey)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var result = await UnitResults.FindAsync(evaluations, scans, evaluationId, unitKey, run, ct);
        if (result is null) return Results.NotFound();
        return Results.Json(RectificationListBuilder.Build(result, supervision.For(result)), Json);
    }

    private static async Task<IResult> Finding(HttpContext http, ReviewStore reviews, long findingId, CancellationToken ct)
    {
        var f = await reviews.GetFindingAsync(findingId, ct);
        if (f is null) return Results.NotFound();
        if (!http.User.CanSeeUnit(f.Unit.Id)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        return Results.Json(Shape(f), Json);
    }

    /// <summary>Screenshot paths are local files: the API names their URL in the app instead.</summary>
    private static object Shape(ReviewItem f) => new
    {
        f.FindingId, f.Evaluation, f.RunId, f.AsOf, Unit = new { f.Unit.Id, f.Unit.Name }, f.IndicatorId, f.IndicatorName, f.Criteria, f.CheckId,
        f.Subject, f.Status, f.Message, f.Change, f.NeedsReReview,
        Evidence = f.Evidence.Select((e, n) => new { e.Url, e.Text, e.SeenAt, Screenshot = e.ScreenshotPath is null ? null : $"/screenshots/{f.FindingId}/{n}" }),
        f.LeafPoints, f.LeafAutomaticPoints, f.LeafPossible, f.LatestReview,
    };
}
