using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NUnit.Framework;
using Openness.Core.Units;
using Openness.Scheduling.Tests.Support;

namespace Openness.Scheduling.Tests;

/// <summary>`crawler units import` on the lists offices keep: a GB18030 CSV from Excel and an .xlsx, good and bad.</summary>
[TestFixture]
public sealed class UnitsImportTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(60);

    [Test]
    public async Task An_xlsx_list_becomes_a_units_file_that_reads_back()
    {
        await using var site = TestSite.Create();
        var list = Path.Combine(site.Root, "名单.xlsx");
        WriteXlsx(list, [
            ["序号", "单位名称", "门户网站", "分组"],
            ["1", "示范县人民政府", "https://www.sfx.gov.cn/", "县"],
            ["2", "示范县教育局", "http://jyj.sfx.gov.cn/xxgk/", "部门"],
            ["3", "示范区管委会", "https://www.sfq.gov.cn/", "A组"],
        ]);
        var output = Path.Combine(site.Root, "out", "units.yaml");
        var rules = Path.Combine(TestSite.RepositoryRoot, "rules", "jilin-2017-county.yaml");
        var run = await CrawlerProcess.RunAsync(site.Root, Short,
            "units", "import", list, "--out", output, "--evaluation", "2026年度政务公开评估", "--rules", rules);
        Assert.That(run.ExitCode, Is.Zero, run.Output);

        var units = UnitsFileReader.Read(output);
        Assert.That(units.Evaluation, Is.EqualTo("2026年度政务公开评估"));
        Assert.That(units.IndicatorSystem, Is.EqualTo(rules));
        Assert.That(units.Units.Select(u => (u.Id, u.Name, u.Group, u.Portal.AbsoluteUri)), Is.EqualTo(new[]
        {
            ("sfx-gov-cn", "示范县人民政府", "county", "https://www.sfx.gov.cn/"),
            ("jyj-sfx-gov-cn-xxgk", "示范县教育局", "department", "http://jyj.sfx.gov.cn/xxgk/"),
            ("sfq-gov-cn", "示范区管委会", "group-a", "https://www.sfq.gov.cn/"),
        }));
    }

    [Test]
    public async Task Bad_rows_of_a_gb18030_csv_are_reported_by_file_and_row_and_nothing_is_written()
    {
        await using var site = TestSite.Create();
        var list = Path.Combine(site.Root, "units.csv");
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        await File.WriteAllTextAsync(list,
            "单位名称,分组,网址\r\n示范县人民政府,县,https://www.sfx.gov.cn/\r\n,部门,https://tjj.sfx.gov.cn/\r\n\"示范县\"\"卫健局\"\"\",部门,www.wjj.gov.cn\r\n示范县财政局,部门,https://www.sfx.gov.cn/\r\n",
            System.Text.Encoding.GetEncoding("GB18030"));
        var output = Path.Combine(site.Root, "units.yaml");
        var run = await CrawlerProcess.RunAsync(site.Root, Short, "units", "import", list, "--out", output, "--evaluation", "评估",
            "--rules", Path.Combine(TestSite.RepositoryRoot, "rules", "jilin-2017-county.yaml"));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
        Assert.That(run.Output, Does.Contain($"{list}:3:1: name is empty"));
        Assert.That(run.Output, Does.Contain($"{list}:4:3: 'www.wjj.gov.cn' is not a portal URL: expected an absolute http(s) URL"));
        Assert.That(run.Output, Does.Contain($"{list}:5:3: portal https://www.sfx.gov.cn/ is already the portal of row 2"));
        Assert.That(File.Exists(output), Is.False);
    }

    private static void WriteXlsx(string path, string[][] rows)
    {
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var book = doc.AddWorkbookPart();
        book.Workbook = new Workbook();
        var sheetPart = book.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Length; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Length; c++)
                row.Append(new Cell
                {
                    CellReference = $"{(char)('A' + c)}{r + 1}", DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(rows[r][c])),
                });
            data.Append(row);
        }
        sheetPart.Worksheet = new Worksheet(data);
        book.Workbook.AppendChild(new Sheets(new Sheet { Id = book.GetIdOfPart(sheetPart), SheetId = 1, Name = "单位" }));
    }
}
