using Openness.Reporting.Rectification;
using Openness.Reporting.Tables;
using Openness.Storage;

namespace Openness.Reporting;

/// <summary>Excel (.xlsx) downloads: the ranking, the findings, both in one workbook, and a unit's rectification list.</summary>
public sealed class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public byte[] Ranking(Ranking ranking) => XlsxWriter.Write(RankingTable.Build(ranking));

    public byte[] Findings(IEnumerable<UnitResult> units) => XlsxWriter.Write(FindingsTable.Build(units));

    /// <summary>The office's one-file download: sheet 排名, then sheet 检查结果.</summary>
    public byte[] RankingAndFindings(Ranking ranking, IEnumerable<UnitResult> units) =>
        XlsxWriter.Write(RankingTable.Build(ranking), FindingsTable.Build(units));

    /// <summary>The form's title, 督察对象 and 督察时间 above seed 004's header row (frozen below it).</summary>
    public byte[] Rectification(RectificationList list) => XlsxWriter.Write(RectificationTable.Build(list));
}
