using Openness.Storage;

namespace Openness.Reporting;

/// <summary>Where a run's reports were written.</summary>
public sealed record PublishedReports(IReadOnlyList<string> UnitReports, string RankingHtml, string RankingCsv, IReadOnlyList<string> Exports)
{
    /// <summary>ranking.xlsx: sheet 排名 and sheet 检查结果 (every unit's findings).</summary>
    public string RankingXlsx { get; init; } = "";
    /// <summary>findings.csv: every unit's findings, as the 检查结果 sheet.</summary>
    public string FindingsCsv { get; init; } = "";
}

/// <summary>Reads a run from the store and writes every report: store → reports, nothing recomputed.</summary>
/// <param name="supervision">the run's supervision table (seed 004): its tasks go into every unit's rectification list</param>
public sealed class ReportPublisher(ScanStore store, Openness.Rules.Indicators.SupervisionTable? supervision = null)
{
    private readonly UnitReportWriter _unitReports = new(supervision);
    private readonly RankingWriter _ranking = new();
    private readonly JsonExportWriter _export = new();

    public const string RankingXlsxFileName = "ranking.xlsx";
    public const string FindingsCsvFileName = "findings.csv";

    /// <param name="reportsDirectory">gets &lt;unit-id&gt;.html, ranking.html, ranking.csv, ranking.xlsx and findings.csv</param>
    /// <param name="exportDirectory">gets &lt;unit-id&gt;.json; null writes no export</param>
    public async Task<PublishedReports> WriteRunAsync(long runId, string reportsDirectory, string? exportDirectory, CancellationToken ct = default)
    {
        var ranking = await store.GetRankingAsync(runId, ct) ?? throw new InvalidOperationException($"Scan run {runId} does not exist.");
        var units = await store.GetUnitResultsAsync(runId, ct);
        var reports = new List<string>(units.Count);
        var exports = new List<string>();
        foreach (var unit in units)
        {
            // The trend ends at this run, also when an older run's reports are written again.
            var history = (await store.GetUnitHistoryAsync(unit.Run.Evaluation, unit.Unit.Id, ct)).Where(h => h.RunId <= runId).ToList();
            reports.Add(await _unitReports.WriteAsync(unit, history, reportsDirectory, ct));
            if (exportDirectory is not null) exports.Add(await _export.WriteAsync(unit, exportDirectory, ct));
        }
        var (html, csv) = await _ranking.WriteAsync(ranking, reportsDirectory, ct);
        var xlsx = Path.Combine(reportsDirectory, RankingXlsxFileName);
        await File.WriteAllBytesAsync(xlsx, new XlsxExport().RankingAndFindings(ranking, units), ct);
        var findings = Path.Combine(reportsDirectory, FindingsCsvFileName);
        await File.WriteAllBytesAsync(findings, new CsvExport().Findings(units), ct);
        return new PublishedReports(reports, html, csv, exports) { RankingXlsx = xlsx, FindingsCsv = findings };
    }
}
