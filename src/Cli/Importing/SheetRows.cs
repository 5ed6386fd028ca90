using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Openness.Cli.Importing;

/// <summary>A row of an office's unit list as read from the file, with its 1-based row number.</summary>
public sealed record SheetRow(int Number, IReadOnlyList<string> Cells);

/// <summary>Reads the rows of a CSV file (RFC 4180 quoting, UTF-8 with or without BOM, or GB18030) or of an .xlsx's first sheet.</summary>
public static class SheetRows
{
    public static IReadOnlyList<SheetRow> Read(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".xlsx" => ReadXlsx(path),
            ".csv" or ".txt" => ReadCsv(path),
            var other => throw new FormatException($"'{other}' files are not read: expected .csv or .xlsx"),
        };

    private static IReadOnlyList<SheetRow> ReadCsv(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = DecodeCsv(bytes);
        var rows = new List<SheetRow>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false, any = false;
        int line = 1, rowStart = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; cell.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; any = true; break;
                case ',': cells.Add(cell.ToString()); cell.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    EndRow();
                    line++;
                    rowStart = line;
                    break;
                default: cell.Append(c); any = true; break;
            }
        }
        EndRow();
        return rows;

        void EndRow()
        {
            if (any || cell.Length > 0)
            {
                cells.Add(cell.ToString());
                rows.Add(new SheetRow(rowStart, cells.ToList()));
            }
            cells.Clear();
            cell.Clear();
            any = false;
        }
    }

    /// <summary>Excel on a Chinese Windows saves "CSV" as GB18030 (ANSI); anything that is not valid UTF-8 is read so.</summary>
    private static string DecodeCsv(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    private static IReadOnlyList<SheetRow> ReadXlsx(string path)
    {
        using var doc = SpreadsheetDocument.Open(path, isEditable: false);
        var book = doc.WorkbookPart ?? throw new FormatException("no workbook in the file");
        var first = book.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new FormatException("the workbook has no sheet");
        var sheet = (WorksheetPart)book.GetPartById(first.Id!.Value!);
        var shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var rows = new List<SheetRow>();
        foreach (var row in sheet.Worksheet.Descendants<Row>())
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value);
                while (cells.Count < column) cells.Add(""); // skipped (empty) cells keep their columns
                cells.Add(CellText(cell, shared));
            }
            if (cells.Any(c => c.Length > 0)) rows.Add(new SheetRow((int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1)), cells));
        }
        return rows;
    }

    private static string CellText(Cell cell, IReadOnlyList<string> shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var i) && i >= 0 && i < shared.Count) return shared[i];
        if (type == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        return cell.CellValue?.Text ?? "";
    }

    /// <summary>"C7" → 2 (zero-based).</summary>
    private static int ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return 0;
        var n = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter)) n = n * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return Math.Max(0, n - 1);
    }
}
