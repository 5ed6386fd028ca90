using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Openness.Reporting.Tables;

/// <summary>
/// Writes <see cref="ExportTable"/>s as sheets of one .xlsx workbook with the OpenXML SDK: set column widths, the header
/// row frozen and filterable, numbers as numbers, text wrapped. Text is only ever a string cell (never a formula), and
/// text that starts like a formula also carries Excel's quote-prefix style, so editing the cell keeps it text.
/// </summary>
internal static class XlsxWriter
{
    // Style indexes into the stylesheet built below.
    private const uint HeaderStyle = 1, TextStyle = 2, NumberStyle = 3, QuotedTextStyle = 4, PreambleStyle = 5, QuotedPreambleStyle = 6;
    private const int MaxCellText = 32767; // Excel's limit per cell

    public static byte[] Write(params IReadOnlyList<ExportTable> sheets)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = doc.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint sheetId = 1;
            foreach (var table in sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                part.Worksheet = Sheet(table, tabSelected: sheetId == 1);
                sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = sheetId++, Name = UniqueName(table.SheetName, names) });
            }
            workbookPart.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Worksheet Sheet(ExportTable table, bool tabSelected)
    {
        var preamble = table.Preamble;
        var headerRow = (uint)preamble.Count + 1;
        var lastColumn = ColumnName(table.Columns.Count);

        var view = new SheetView { WorkbookViewId = 0, TabSelected = tabSelected };
        view.Append(new Pane
        {
            VerticalSplit = headerRow, TopLeftCell = $"A{headerRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        });
        view.Append(new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{headerRow + 1}", SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{headerRow + 1}" } });

        var columns = new Columns();
        for (var i = 0; i < table.Columns.Count; i++)
            columns.Append(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = table.Columns[i].Width, CustomWidth = true });

        var data = new SheetData();
        uint r = 1;
        foreach (var line in preamble)
        {
            var row = new Row { RowIndex = r };
            row.Append(TextCell($"A{r}", line, SpreadsheetText.LooksLikeFormula(line) ? QuotedPreambleStyle : PreambleStyle));
            data.Append(row);
            r++;
        }
        var header = new Row { RowIndex = r };
        for (var i = 0; i < table.Columns.Count; i++) header.Append(TextCell($"{ColumnName(i + 1)}{r}", table.Columns[i].Heading, HeaderStyle));
        data.Append(header);
        foreach (var cells in table.Rows)
        {
            r++;
            var row = new Row { RowIndex = r };
            for (var i = 0; i < cells.Count; i++)
            {
                var reference = $"{ColumnName(i + 1)}{r}";
                var cell = cells[i];
                if (cell.Number is { } n)
                    row.Append(new Cell { CellReference = reference, StyleIndex = NumberStyle, CellValue = new CellValue(n.ToString("R", CultureInfo.InvariantCulture)) });
                else
                    row.Append(TextCell(reference, cell.Text ?? "", SpreadsheetText.LooksLikeFormula(cell.Text) ? QuotedTextStyle : TextStyle));
            }
            data.Append(row);
        }

        var sheet = new Worksheet();
        sheet.Append(new SheetViews(view));
        sheet.Append(new SheetFormatProperties { DefaultRowHeight = 16.5 });
        sheet.Append(columns);
        sheet.Append(data);
        sheet.Append(new AutoFilter { Reference = $"A{headerRow}:{lastColumn}{Math.Max(r, headerRow)}" });
        return sheet;
    }

    private static Cell TextCell(string reference, string text, uint style) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        StyleIndex = style,
        InlineString = new InlineString(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }),
    };

    /// <summary>Crawled text may hold characters XML 1.0 cannot carry (control characters, lone surrogates): drop them.</summary>
    internal static string XmlSafe(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, MaxCellText));
        for (var i = 0; i < text.Length && sb.Length < MaxCellText; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (sb.Length + 2 > MaxCellText) break;
                sb.Append(c).Append(text[++i]);
            }
            else if (c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xFFFD && !char.IsSurrogate(c)))
                sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>1 → A, 27 → AA.</summary>
    internal static string ColumnName(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26) name = (char)('A' + (number - 1) % 26) + name;
        return name;
    }

    /// <summary>Excel's sheet-name rules: at most 31 characters, none of : \ / ? * [ ], unique in the workbook.</summary>
    private static string UniqueName(string wanted, HashSet<string> taken)
    {
        var clean = new string(wanted.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? '_' : c).ToArray()).Trim('\'');
        if (clean.Length == 0) clean = "Sheet";
        if (clean.Length > 31) clean = clean[..31];
        var name = clean;
        for (var n = 2; !taken.Add(name); n++) name = clean[..Math.Min(clean.Length, 28)] + $"({n})";
        return name;
    }

    private static Stylesheet Styles()
    {
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Microsoft YaHei" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Microsoft YaHei" }));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFEDEDED" }) { PatternType = PatternValues.Solid }));
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FFBFBFBF" } },
            new RightBorder { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FFBFBFBF" } },
            new TopBorder { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FFBFBFBF" } },
            new BottomBorder { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FFBFBFBF" } },
            new DiagonalBorder());
        var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin);
        CellFormat Format(uint font, uint fill, uint border, bool wrap, VerticalAlignmentValues vertical, bool quote = false) => new(
            new Alignment { WrapText = wrap, Vertical = vertical })
        {
            FontId = font, FillId = fill, BorderId = border, NumberFormatId = 0, ApplyFont = true, ApplyFill = fill > 0,
            ApplyBorder = border > 0, ApplyAlignment = true, QuotePrefix = quote ? true : null,
        };
        var formats = new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 },
            Format(1, 2, 1, true, VerticalAlignmentValues.Center),
            Format(0, 0, 1, true, VerticalAlignmentValues.Top),
            Format(0, 0, 1, false, VerticalAlignmentValues.Top),
            Format(0, 0, 1, true, VerticalAlignmentValues.Top, quote: true),
            Format(1, 0, 0, false, VerticalAlignmentValues.Center),
            Format(1, 0, 0, false, VerticalAlignmentValues.Center, quote: true));
        return new Stylesheet(fonts, fills, borders, new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 }), formats);
    }
}
