using Openness.Storage;
using Openness.Storage.Reviews;

namespace Openness.Web.Pages;

/// <summary>An evaluation by id and one of its runs: the one asked for (only if it belongs to the evaluation) or the latest.</summary>
public sealed record EvaluationRun(EvaluationInfo Evaluation, RunSummary Run);

public static class RunLookup
{
    public static async Task<EvaluationRun?> FindAsync(EvaluationStore evaluations, ScanStore scans, long evaluationId, long? runId,
        CancellationToken ct)
    {
        var evaluation = await evaluations.GetEvaluationAsync(evaluationId, ct);
        if (evaluation is null) return null;
        var run = runId is { } id ? await scans.GetRunAsync(id, ct) : evaluation.LatestRun;
        if (run is null || run.Evaluation != evaluation.Name) return null;
        return new EvaluationRun(evaluation, run);
    }
}
