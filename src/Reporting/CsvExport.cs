using System.Text;
using Openness.Reporting.Rectification;
using Openness.Reporting.Tables;
using Openness.Storage;

namespace Openness.Reporting;

/// <summary>
/// CSV downloads (RFC 4180, CRLF rows, UTF-8 with BOM so Excel opens the Chinese correctly): the ranking, the findings
/// and a unit's rectification list. Text a spreadsheet would run as a formula gets a leading apostrophe.
/// </summary>
public sealed class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    public byte[] Ranking(Ranking ranking) => Render(RankingTable.Build(ranking));

    public byte[] Findings(IEnumerable<UnitResult> units) => Render(FindingsTable.Build(units));

    /// <summary>With the form's 督察对象 and 督察时间 lines above the header, as the printed table has them.</summary>
    public byte[] Rectification(RectificationList list) => Render(RectificationTable.Build(list));

    /// <summary>The table's preamble lines (one field each), its header row, then its rows.</summary>
    public static byte[] Render(ExportTable table)
    {
        var sb = new StringBuilder(4096);
        foreach (var line in table.Preamble) AppendRow(sb, [line]);
        AppendRow(sb, table.Columns.Select(c => c.Heading));
        foreach (var row in table.Rows) AppendRow(sb, row.Select(c => c.Display));
        return ReportFiles.Utf8WithBom.GetPreamble().Concat(ReportFiles.Utf8NoBom.GetBytes(sb.ToString())).ToArray();
    }

    internal static string Text(ExportTable table) => Encoding.UTF8.GetString(Render(table)).TrimStart('\uFEFF');

    private static void AppendRow(StringBuilder sb, IEnumerable<string> cells) => sb.AppendJoin(',', cells.Select(Cell)).Append("\r\n");

    /// <summary>RFC 4180 quoting, after neutralising formula-like text with a leading apostrophe.</summary>
    private static string Cell(string value)
    {
        if (SpreadsheetText.LooksLikeFormula(value)) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
