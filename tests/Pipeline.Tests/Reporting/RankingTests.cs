using System.Text;
using AngleSharp.Html.Parser;
using NUnit.Framework;
using Openness.Reporting;

namespace Openness.Pipeline.Tests.Reporting;

[TestFixture]
public sealed class RankingTests
{
    private ReportTestStore _t = null!;
    private string _html = "";
    private string _csvPath = "";

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _t = await ReportTestStore.CreateAsync();
        var ranking = await _t.Store.GetRankingAsync(_t.RunId);
        (var html, _csvPath) = await new RankingWriter().WriteAsync(ranking!, _t.Out("reports"));
        _html = await File.ReadAllTextAsync(html);
    }

    [OneTimeTearDown]
    public async Task TearDown() => await _t.DisposeAsync();

    [Test]
    public void Ranking_html_orders_units_by_total_and_links_each_report()
    {
        var doc = new HtmlParser().ParseDocument(_html);
        var rows = doc.QuerySelectorAll("table tr").Skip(1).ToList();
        Assert.That(rows, Has.Count.EqualTo(3));
        var units = rows.Select(r => r.QuerySelectorAll("td")[1].TextContent).ToList();
        Assert.That(units[0], Is.EqualTo("优秀县人民政府"));
        Assert.That(units[1], Is.EqualTo("缺栏目县人民政府"));
        Assert.That(units[2], Does.StartWith("恶意县"));
        Assert.That(rows.Select(r => r.QuerySelectorAll("td")[0].TextContent), Is.EqualTo(new[] { "1", "2", "3" }));
        Assert.That(rows.Select(r => r.QuerySelector("a")!.GetAttribute("href")), Is.EqualTo(new[] { "good-unit.html", "missing-column.html", "hostile.html" }));
        var header = doc.QuerySelectorAll("table th").Select(h => h.TextContent).ToList();
        Assert.That(header, Is.EqualTo(new[] { "名次", "单位", "总分", "等次", "平台建设", "依申请公开", "待人工评分" }));
        Assert.That(rows[0].QuerySelectorAll("td")[4].TextContent, Is.EqualTo("20 / 20"));
        Assert.That(_html, Does.Not.Contain("<script").And.Not.Contain("<img"));
        Assert.That(_html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    [Test]
    public void Ranking_csv_is_utf8_with_bom_and_lists_units_in_rank_order()
    {
        var bytes = File.ReadAllBytes(_csvPath);
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("名次,单位编号,单位名称,分组,总分,满分,等次,否决,平台建设,依申请公开,待人工评分"));
        Assert.That(lines[1], Is.EqualTo("1,good-unit,优秀县人民政府,county,20,30,合格,否,20,0,10"));
        Assert.That(lines[2], Is.EqualTo("2,missing-column,缺栏目县人民政府,county,5,30,不合格,否,5,0,10"));
        // The hostile unit's name has quotes: it is quoted, its quotes doubled, and it stays on one line.
        Assert.That(lines, Has.Length.EqualTo(4));
        Assert.That(lines[3], Does.StartWith("3,hostile,\"恶意县<script>alert(1)</script>\"\"><img src=x onerror=alert(1)>\""));
    }
}
