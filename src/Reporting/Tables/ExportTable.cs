using System.Globalization;

namespace Openness.Reporting.Tables;

/// <summary>A column of an exported table: its heading and its width in Excel character units (the CSV ignores it).</summary>
public sealed record ExportColumn(string Heading, double Width);

/// <summary>
/// One cell: a number (written as a number in .xlsx) or text. Text is kept exactly as crawled; each format
/// neutralises what could run as a formula in its own way.
/// </summary>
public readonly record struct ExportCell(string? Text, double? Number)
{
    public static readonly ExportCell Empty = new(null, null);
    public static ExportCell Of(string? text) => new(text ?? "", null);
    public static ExportCell Of(double number) => new(null, number);
    public static ExportCell Of(double? number) => number is { } n ? new(null, n) : Empty;

    public bool IsNumber => Number is not null;

    /// <summary>How the cell reads as text: numbers invariant with at most two decimals, as in the reports.</summary>
    public string Display => Number is { } n ? n.ToString("0.##", CultureInfo.InvariantCulture) : Text ?? "";
}

/// <summary>
/// A sheet of an export (排名, 问题清单, 整改清单): what CSV and .xlsx are both written from, so the two formats always
/// carry the same headings and values. <see cref="Preamble"/> lines (督察对象, 督察时间) go above the header row.
/// </summary>
public sealed record ExportTable(string SheetName, IReadOnlyList<ExportColumn> Columns, IReadOnlyList<IReadOnlyList<ExportCell>> Rows)
{
    public IReadOnlyList<string> Preamble { get; init; } = [];
}
