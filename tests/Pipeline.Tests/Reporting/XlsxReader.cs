using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Openness.Pipeline.Tests.Reporting;

/// <summary>Reads a produced .xlsx back with the OpenXML SDK, as Excel would see it.</summary>
internal sealed class XlsxReader : IDisposable
{
    private readonly MemoryStream _stream;
    public SpreadsheetDocument Document { get; }

    public XlsxReader(byte[] bytes)
    {
        _stream = new MemoryStream(bytes, writable: false);
        Document = SpreadsheetDocument.Open(_stream, isEditable: false);
    }

    public IReadOnlyList<string> SheetNames =>
        Document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    public Worksheet Sheet(string name)
    {
        var sheet = Document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)Document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet;
    }

    public static Cell? Cell(Worksheet sheet, string reference) =>
        sheet.Descendants<Cell>().SingleOrDefault(c => c.CellReference == reference);

    /// <summary>The cell's text whichever way it is stored (inline, shared string, or a value).</summary>
    public string Text(Worksheet sheet, string reference)
    {
        var cell = Cell(sheet, reference);
        if (cell is null) return "";
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString!.InnerText;
        if (cell.DataType?.Value == CellValues.SharedString)
            return Document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.ElementAt(int.Parse(cell.CellValue!.Text)).InnerText;
        return cell.CellValue?.Text ?? "";
    }

    /// <summary>A number cell's value; fails when the cell holds text.</summary>
    public static double Number(Worksheet sheet, string reference)
    {
        var cell = Cell(sheet, reference) ?? throw new InvalidOperationException($"no cell {reference}");
        if (cell.DataType is not null && cell.DataType.Value != CellValues.Number)
            throw new InvalidOperationException($"{reference} is {cell.DataType.Value}, not a number");
        return double.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<string> Row(Worksheet sheet, int row) =>
        sheet.Descendants<Row>().Single(r => r.RowIndex! == (uint)row).Elements<Cell>().Select(c => Text(sheet, c.CellReference!)).ToList();

    public CellFormat Format(Cell cell) =>
        Document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));

    public void Dispose()
    {
        Document.Dispose();
        _stream.Dispose();
    }
}
