using Openness.Storage;

namespace Openness.Scheduling.Tests;

/// <summary>What a test reads back from the store: the same queries the reports use.</summary>
internal static class StoreQueries
{
    public static async Task<IReadOnlyList<RunSummary>> RunsAsync(StorageOptions storage, string evaluation)
    {
        var store = await ScanStore.OpenAsync(storage);
        return await store.GetRunHistoryAsync(evaluation);
    }

    public static async Task<RunSummary> WaitForRunAsync(StorageOptions storage, string evaluation, Func<RunSummary, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        RunSummary? last = null;
        while (DateTime.UtcNow < deadline)
        {
            // Bounded: a store that cannot be read (a held lock) must fail the test, not hang the run.
            var runs = await RunsAsync(storage, evaluation).WaitAsync(TimeSpan.FromSeconds(60));
            last = runs.FirstOrDefault();
            if (last is not null && done(last)) return last;
            await Task.Delay(500);
        }
        throw new TimeoutException($"run of '{evaluation}' not done in {timeout}; last seen: {last}");
    }

    /// <summary>Per unit: (unit scans of the run, findings, distinct finding fingerprints, page outcomes, distinct page URLs).</summary>
    public static async Task<Dictionary<string, UnitRows>> RowsAsync(StorageOptions storage, long runId)
    {
        var store = await ScanStore.OpenAsync(storage);
        var result = new Dictionary<string, UnitRows>();
        foreach (var unit in await store.GetUnitResultsAsync(runId))
        {
            var pages = await store.GetPageOutcomesAsync(runId, unit.Unit.Id);
            result.Add(unit.Unit.Id, new UnitRows(unit.Crawl.State, unit.Findings.Count,
                unit.Findings.Select(f => f.Fingerprint).Distinct().Count(), pages.Count, pages.Select(p => p.Url).Distinct().Count(),
                unit.Findings.Select(f => $"{f.Fingerprint}:{f.Status}").Order(StringComparer.Ordinal).ToList()));
        }
        return result;
    }
}

internal sealed record UnitRows(UnitScanState State, int Findings, int DistinctFindings, int Pages, int DistinctPages, IReadOnlyList<string> FindingKeys);
