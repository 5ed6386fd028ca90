using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using NUnit.Framework;
using Openness.Reporting;
using Openness.Reporting.Rectification;
using Openness.Storage;

namespace Openness.Pipeline.Tests.Reporting;

[TestFixture]
public sealed class XlsxExportTests
{
    private ReportTestStore _t = null!;
    private Ranking _ranking = null!;
    private IReadOnlyList<UnitResult> _units = null!;
    private IReadOnlyList<UnitResult> _secondUnits = null!;
    private readonly XlsxExport _xlsx = new();

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _t = await ReportTestStore.CreateAsync();
        _ranking = (await _t.Store.GetRankingAsync(_t.RunId))!;
        _units = await _t.Store.GetUnitResultsAsync(_t.RunId);
        var second = await _t.AddSecondRunAsync();
        _secondUnits = await _t.Store.GetUnitResultsAsync(second);
    }

    [OneTimeTearDown]
    public async Task TearDown() => await _t.DisposeAsync();

    [Test]
    public void Workbook_is_valid_openxml_with_both_sheets()
    {
        using var x = new XlsxReader(_xlsx.RankingAndFindings(_ranking, _units));
        Assert.That(x.SheetNames, Is.EqualTo(new[] { "排名", "检查结果" }));
        var errors = new OpenXmlValidator().Validate(x.Document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Ranking_sheet_holds_rank_unit_group_scores_grade_and_level_one_columns_as_numbers()
    {
        using var x = new XlsxReader(_xlsx.Ranking(_ranking));
        var sheet = x.Sheet("排名");
        Assert.That(x.Row(sheet, 1), Is.EqualTo(new[] { "名次", "单位编号", "单位名称", "分组", "总分", "满分", "等次", "否决", "平台建设", "依申请公开", "待人工评分" }));
        Assert.That(XlsxReader.Number(sheet, "A2"), Is.EqualTo(1));
        Assert.That(x.Text(sheet, "C2"), Is.EqualTo("优秀县人民政府"));
        Assert.That(x.Text(sheet, "D2"), Is.EqualTo("county"));
        Assert.That(XlsxReader.Number(sheet, "E2"), Is.EqualTo(20));
        Assert.That(XlsxReader.Number(sheet, "F2"), Is.EqualTo(30));
        Assert.That(x.Text(sheet, "G2"), Is.EqualTo("合格"));
        Assert.That(XlsxReader.Number(sheet, "I2"), Is.EqualTo(20), "平台建设");
        Assert.That(XlsxReader.Number(sheet, "J2"), Is.EqualTo(0), "依申请公开");
        Assert.That(x.Text(sheet, "C3"), Is.EqualTo("缺栏目县人民政府"));
        Assert.That(XlsxReader.Number(sheet, "E3"), Is.EqualTo(5));
        Assert.That(XlsxReader.Number(sheet, "A4"), Is.EqualTo(3));
        Assert.That(() => XlsxReader.Number(sheet, "C2"), Throws.InvalidOperationException, "names are text");
    }

    [Test]
    public void Sheets_have_real_column_widths_a_frozen_header_and_a_filter()
    {
        using var x = new XlsxReader(_xlsx.RankingAndFindings(_ranking, _units));
        foreach (var name in x.SheetNames)
        {
            var sheet = x.Sheet(name);
            var columns = sheet.Descendants<Column>().ToList();
            Assert.That(columns, Is.Not.Empty, name);
            Assert.That(columns.Select(c => c.CustomWidth?.Value), Is.All.True, name);
            Assert.That(columns.Select(c => c.Width!.Value), Is.All.GreaterThanOrEqualTo(6), name);
            Assert.That(columns.Select(c => c.Width!.Value).Distinct().Count(), Is.GreaterThan(1), name + ": widths follow the content");
            var pane = sheet.Descendants<Pane>().Single();
            Assert.That(pane.State!.Value, Is.EqualTo(PaneStateValues.Frozen), name);
            Assert.That(pane.VerticalSplit!.Value, Is.EqualTo(1), name + ": one frozen row");
            Assert.That(pane.TopLeftCell!.Value, Is.EqualTo("A2"), name);
            Assert.That(sheet.Descendants<AutoFilter>().Single().Reference!.Value, Does.StartWith("A1:"), name);
            var header = sheet.Descendants<Row>().First().Elements<Cell>().First();
            Assert.That(x.Format(header).FontId!.Value, Is.Not.EqualTo(0u), name + ": the header is bold");
        }
        var findings = x.Sheet("检查结果");
        var width = findings.Descendants<Column>().Single(c => c.Min! == 10u).Width!.Value;
        Assert.That(width, Is.GreaterThan(30), "the message column is wide");
    }

    [Test]
    public void Findings_sheet_lists_each_check_with_indicator_points_evidence_and_change()
    {
        using var x = new XlsxReader(_xlsx.Findings(_secondUnits));
        var sheet = x.Sheet("检查结果");
        Assert.That(x.Row(sheet, 1), Is.EqualTo(new[] { "单位编号", "单位名称", "指标编号", "指标名称", "检查项", "检查对象", "状态", "得分", "满分", "检查结果", "佐证网址", "变化" }));
        var rows = sheet.Descendants<Row>().Skip(1).Select(r => (int)r.RowIndex!.Value).ToList();
        var missing = rows.Where(r => x.Text(sheet, $"A{r}") == "missing-column").ToList();
        Assert.That(missing, Has.Count.EqualTo(3));

        int Find(string subject) => missing.Single(r => x.Text(sheet, $"F{r}") == subject);
        var fixedRow = Find("interpretations");
        Assert.That(x.Text(sheet, $"C{fixedRow}"), Is.EqualTo("1.1"));
        Assert.That(x.Text(sheet, $"D{fixedRow}"), Is.EqualTo("栏目设置"));
        Assert.That(x.Text(sheet, $"E{fixedRow}"), Is.EqualTo("column-exists"));
        Assert.That(x.Text(sheet, $"G{fixedRow}"), Is.EqualTo("通过"));
        Assert.That(XlsxReader.Number(sheet, $"H{fixedRow}"), Is.EqualTo(10));
        Assert.That(XlsxReader.Number(sheet, $"I{fixedRow}"), Is.EqualTo(10));
        Assert.That(x.Text(sheet, $"K{fixedRow}"), Is.EqualTo("http://127.0.0.1:8080/missing-column/zcjd/"));
        Assert.That(x.Text(sheet, $"L{fixedRow}"), Is.EqualTo("已整改"), "missing before, present now");

        var stale = Find("notices");
        Assert.That(x.Text(sheet, $"G{stale}"), Is.EqualTo("部分"));
        Assert.That(x.Text(sheet, $"J{stale}"), Is.EqualTo("通知公告超过14天未更新"));
        Assert.That(x.Text(sheet, $"L{stale}"), Is.EqualTo("与上次相同"));
        Assert.That(XlsxReader.Number(sheet, $"H{stale}"), Is.EqualTo(2.5), "leaf 1.2 earns 10 × mean(0.5, 0)");
        Assert.That(x.Text(sheet, $"L{Find("work-news")}"), Is.EqualTo("新发现"));
        Assert.That(rows.Where(r => x.Text(sheet, $"A{r}") == "hostile"), Is.Empty, "a unit that was not scored has no findings");
    }

    [Test]
    public void Rectification_workbook_carries_seed_004_headings_below_the_unit_and_date()
    {
        var missing = _units.Single(u => u.Unit.Id == "missing-column");
        using var x = new XlsxReader(_xlsx.Rectification(RectificationListBuilder.Build(missing)));
        var sheet = x.Sheet("整改清单");
        Assert.That(x.Text(sheet, "A2"), Is.EqualTo("督察对象：缺栏目县人民政府"));
        Assert.That(x.Text(sheet, "A3"), Is.EqualTo("督察时间：2026-11-20"));
        Assert.That(x.Row(sheet, 4), Is.EqualTo(new[] { "序号", "工作任务", "完成情况", "存在问题", "整改措施", "整改责任主体", "材料提供部门" }));
        Assert.That(sheet.Descendants<Pane>().Single().TopLeftCell!.Value, Is.EqualTo("A5"), "frozen below the header");
        Assert.That(XlsxReader.Number(sheet, "A5"), Is.EqualTo(1));
        Assert.That(x.Text(sheet, "B5"), Does.StartWith("1.1 栏目设置（扣10分）").And.Contain("评估要点:栏目设置"));
        Assert.That(x.Text(sheet, "C5"), Is.EqualTo("未完成"));
        Assert.That(x.Text(sheet, "D5"), Does.Contain("1. 缺少“政策解读”栏目").And.Contain("佐证：http://127.0.0.1:8080/missing-column/"));
        Assert.That(x.Text(sheet, "E5"), Does.StartWith("1. 按政府信息公开专栏目录开设该栏目"));
        Assert.That(x.Text(sheet, "F5"), Is.EqualTo("缺栏目县人民政府"));
        Assert.That(x.Text(sheet, "C6"), Is.EqualTo("部分完成"));
    }

    [Test]
    public void Hostile_text_stays_text_and_can_never_become_a_formula()
    {
        var hostile = _units.Single(u => u.Unit.Id == "hostile");
        var formulaName = hostile with { Unit = hostile.Unit with { Name = "=HYPERLINK(\"http://evil/\",\"点击\")" } };
        foreach (var (name, bytes) in new[]
        {
            ("ranking+findings", _xlsx.RankingAndFindings(_ranking, [.. _units, formulaName])),
            ("rectification", _xlsx.Rectification(RectificationListBuilder.Build(hostile))),
            ("formula rectification", _xlsx.Rectification(RectificationListBuilder.Build(formulaName))),
        })
        {
            using var x = new XlsxReader(bytes);
            var cells = x.SheetNames.SelectMany(s => x.Sheet(s).Descendants<Cell>().Select(c => (Sheet: x.Sheet(s), Cell: c))).ToList();
            Assert.That(cells.Where(c => c.Cell.CellFormula is not null), Is.Empty, name + ": no formula cells");
            var texts = cells.Select(c => x.Text(c.Sheet, c.Cell.CellReference!)).ToList();
            Assert.That(texts, Has.Some.Contain(ReportTestStore.ScriptTitle).And.Some.Contain(ReportTestStore.ImgTitle),
                name + ": the crawled text is kept as it was");
            if (name != "rectification")
                Assert.That(texts, Has.Some.StartsWith("=HYPERLINK("), name + ": a formula-like name is kept, as text");
            foreach (var (sheet, cell) in cells.Where(c => x.Text(c.Sheet, c.Cell.CellReference!).StartsWith('=')))
            {
                Assert.That(cell.DataType!.Value, Is.EqualTo(CellValues.InlineString), name);
                Assert.That(x.Format(cell).QuotePrefix?.Value, Is.True, $"{name} {cell.CellReference}: Excel's quote prefix keeps it text");
            }
        }
        using (var x = new XlsxReader(_xlsx.Ranking(_ranking with { Rows = [.. _ranking.Rows.Select(r => r with { Unit = r.Unit with { Name = "=1+1" } })] })))
        {
            var cell = XlsxReader.Cell(x.Sheet("排名"), "C2")!;
            Assert.That(x.Text(x.Sheet("排名"), "C2"), Is.EqualTo("=1+1"));
            Assert.That(x.Format(cell).QuotePrefix?.Value, Is.True);
        }
    }
}
