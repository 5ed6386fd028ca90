using System.Text;
using NUnit.Framework;
using Openness.Reporting;
using Openness.Reporting.Rectification;
using Openness.Storage;

namespace Openness.Pipeline.Tests.Reporting;

[TestFixture]
public sealed class CsvExportTests
{
    private ReportTestStore _t = null!;
    private Ranking _ranking = null!;
    private IReadOnlyList<UnitResult> _units = null!;
    private readonly CsvExport _csv = new();

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _t = await ReportTestStore.CreateAsync();
        _ranking = (await _t.Store.GetRankingAsync(_t.RunId))!;
        _units = await _t.Store.GetUnitResultsAsync(_t.RunId);
    }

    [OneTimeTearDown]
    public async Task TearDown() => await _t.DisposeAsync();

    private static List<List<string>> Read(byte[] bytes)
    {
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 BOM, so Excel reads the Chinese");
        return Rfc4180.Parse(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3));
    }

    [Test]
    public void Ranking_csv_reads_back_with_one_record_per_unit()
    {
        var rows = Read(_csv.Ranking(_ranking));
        Assert.That(rows[0], Is.EqualTo(new[] { "名次", "单位编号", "单位名称", "分组", "总分", "满分", "等次", "否决", "平台建设", "依申请公开", "待人工评分" }));
        Assert.That(rows, Has.Count.EqualTo(4));
        Assert.That(rows[1], Is.EqualTo(new[] { "1", "good-unit", "优秀县人民政府", "county", "20", "30", "合格", "否", "20", "0", "10" }));
        Assert.That(rows[3][2], Is.EqualTo("恶意县" + ReportTestStore.ScriptTitle + ReportTestStore.ImgTitle), "quotes round-trip");
    }

    [Test]
    public void Findings_csv_keeps_multi_line_evidence_in_one_field()
    {
        var rows = Read(_csv.Findings(_units));
        Assert.That(rows[0], Is.EqualTo(new[] { "单位编号", "单位名称", "指标编号", "指标名称", "检查项", "检查对象", "状态", "得分", "满分", "检查结果", "佐证网址", "变化" }));
        Assert.That(rows.Skip(1).Select(r => r.Count), Is.All.EqualTo(12));
        var missing = rows.Single(r => r[0] == "missing-column" && r[5] == "interpretations");
        Assert.That(missing[6], Is.EqualTo("不通过"));
        Assert.That(missing[7], Is.EqualTo("0"));
        Assert.That(missing[9], Is.EqualTo(ReportTestStore.MissingColumnMessage));
        Assert.That(missing[11], Is.EqualTo("新发现"));
        var evil = rows.Single(r => r[0] == "hostile" && r[4] == "column-exists");
        Assert.That(evil[10].Split('\n'), Is.EqualTo(new[]
        {
            "javascript:alert(1)", "http://127.0.0.1:8080/hostile/a.html?q=\"><script>alert(1)</script>", "data:text/html,<script>alert(1)</script>",
        }), "three evidence URLs, one per line, in one field");
    }

    [Test]
    public void Rectification_csv_has_the_form_lines_then_seed_004_headings()
    {
        var list = RectificationListBuilder.Build(_units.Single(u => u.Unit.Id == "missing-column"));
        var rows = Read(_csv.Rectification(list));
        Assert.That(rows[0].Single(), Does.StartWith("缺栏目县人民政府 整改清单"));
        Assert.That(rows[1].Single(), Is.EqualTo("督察对象：缺栏目县人民政府"));
        Assert.That(rows[2].Single(), Is.EqualTo("督察时间：2026-11-20"));
        Assert.That(rows[3], Is.EqualTo(new[] { "序号", "工作任务", "完成情况", "存在问题", "整改措施", "整改责任主体", "材料提供部门" }));
        Assert.That(rows, Has.Count.EqualTo(6), "the failed and the partial leaf");
        Assert.That(rows[4][0], Is.EqualTo("1"));
        Assert.That(rows[4][3], Does.Contain(ReportTestStore.MissingColumnMessage).And.Contain("佐证：http://127.0.0.1:8080/missing-column/ “页面所见文字”（2026-11-20 01:02）"));
        Assert.That(rows[5][2], Is.EqualTo("部分完成"));
    }

    [TestCase("=cmd|' /C calc'!A0")]
    [TestCase("+1+1")]
    [TestCase("-2+3")]
    [TestCase("@SUM(A1)")]
    [TestCase("\t=1")]
    [TestCase("\r=1")]
    public void Formula_like_text_is_neutralised_in_every_csv(string hostile)
    {
        var unit = _units.Single(u => u.Unit.Id == "missing-column");
        var renamed = unit with { Unit = unit.Unit with { Name = hostile } };
        var ranking = _ranking with { Rows = [.. _ranking.Rows.Select(r => r with { Unit = r.Unit with { Name = hostile } })] };
        foreach (var bytes in new[] { _csv.Ranking(ranking), _csv.Findings([renamed]), _csv.Rectification(RectificationListBuilder.Build(renamed)) })
        {
            var cells = Read(bytes).SelectMany(r => r).ToList();
            Assert.That(cells, Has.Some.EqualTo("'" + hostile), "prefixed with an apostrophe");
            Assert.That(cells.Where(c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(c, out _)), Is.Empty);
        }
    }

    [Test]
    public void Hostile_markup_in_csv_is_plain_text_and_numbers_stay_numbers()
    {
        var text = Encoding.UTF8.GetString(_csv.Findings(_units));
        Assert.That(text, Does.Contain(ReportTestStore.ScriptTitle), "CSV carries the text as crawled; there is no markup to escape into");
        var rows = Read(_csv.Ranking(_ranking with { Rows = [.. _ranking.Rows.Select(r => r with { Total = -1 })] }));
        Assert.That(rows.Skip(1).Select(r => r[4]), Is.All.EqualTo("-1"), "a negative number is not mistaken for a formula");
    }
}
