using AngleSharp.Html.Parser;
using NUnit.Framework;
using Openness.Reporting;

namespace Openness.Pipeline.Tests.Reporting;

[TestFixture]
public sealed class HtmlReportTests
{
    private ReportTestStore _t = null!;
    private PublishedReports _published = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _t = await ReportTestStore.CreateAsync();
        _published = await new ReportPublisher(_t.Store).WriteRunAsync(_t.RunId, _t.Out("reports"), _t.Out("export"));
    }

    [OneTimeTearDown]
    public async Task TearDown() => await _t.DisposeAsync();

    private string Report(string unitId) => File.ReadAllText(_t.Out(Path.Combine("reports", unitId + ".html")));

    [Test]
    public void Writes_one_report_per_unit_and_the_ranking()
    {
        Assert.That(_published.UnitReports.Select(Path.GetFileName), Is.EquivalentTo(new[] { "good-unit.html", "missing-column.html", "hostile.html" }));
        Assert.That(File.Exists(_published.RankingHtml) && File.Exists(_published.RankingCsv));
        Assert.That(Path.GetFileName(_published.RankingXlsx), Is.EqualTo("ranking.xlsx"));
        using (var x = new XlsxReader(File.ReadAllBytes(_published.RankingXlsx)))
            Assert.That(x.SheetNames, Is.EqualTo(new[] { "排名", "检查结果" }));
        Assert.That(File.ReadAllText(_published.FindingsCsv), Does.Contain(ReportTestStore.MissingColumnMessage));
        Assert.That(_published.Exports, Has.Count.EqualTo(3));
    }

    [Test]
    public void Hostile_text_is_shown_escaped_in_every_place_and_never_as_markup()
    {
        var html = Report("hostile");
        Assert.That(html, Does.Not.Contain("<script"), "no script element in any form");
        Assert.That(html, Does.Not.Contain("<img"), "no img element from crawled text");
        Assert.That(html, Does.Not.Contain("onerror=alert(1)>"), "attribute text never appears unescaped");
        Assert.That(html, Does.Not.Contain("href=\"javascript:"));
        Assert.That(html, Does.Not.Contain("href=\"data:"));

        const string escapedScript = "&lt;script&gt;alert(1)&lt;/script&gt;";
        const string escapedImg = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;";
        var doc = new HtmlParser().ParseDocument(html);
        // Unit name (title and heading), leaf names, check message, evidence text, column name, grade, group, adjustment.
        Assert.That(doc.Title, Does.Contain(ReportTestStore.ScriptTitle));
        Assert.That(doc.QuerySelector("h1")!.TextContent, Does.Contain(ReportTestStore.ScriptTitle).And.Contain(ReportTestStore.ImgTitle));
        Assert.That(doc.Body!.TextContent, Does.Contain(ReportTestStore.ScriptTitle + "栏目设置"), "indicator name shown as text");
        Assert.That(doc.Body.TextContent, Does.Contain($"栏目{ReportTestStore.ScriptTitle}缺失{ReportTestStore.ImgTitle}"), "check message shown as text");
        Assert.That(doc.QuerySelectorAll("table td").Select(td => td.TextContent), Does.Contain(ReportTestStore.ScriptTitle + ReportTestStore.ImgTitle), "column name as shown");
        Assert.That(doc.QuerySelectorAll(".summary .big").Select(e => e.TextContent), Does.Contain(ReportTestStore.ImgTitle), "grade");
        Assert.That(html, Does.Contain(escapedScript));
        Assert.That(html, Does.Contain(escapedImg));
        // The parsed document has no element the crawled text could have injected.
        Assert.That(doc.QuerySelectorAll("script, img, iframe, object, embed"), Is.Empty);
        Assert.That(doc.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Evidence_links_only_http_and_https_and_open_without_referrer()
    {
        var doc = new HtmlParser().ParseDocument(Report("hostile"));
        var links = doc.QuerySelectorAll("a[href]").ToList();
        Assert.That(links, Is.Not.Empty);
        Assert.That(links.Select(a => new Uri(a.GetAttribute("href")!).Scheme), Is.All.AnyOf("http", "https"));
        Assert.That(links.Select(a => a.GetAttribute("rel")), Is.All.EqualTo("noopener noreferrer"));
        // Shown in the rectification list and in the indicator table.
        var evidence = links.Where(a => a.GetAttribute("href")!.Contains("/hostile/a.html")).ToList();
        Assert.That(evidence, Has.Count.EqualTo(2));
        Assert.That(evidence.Select(a => a.TextContent), Is.All.Contain("<script>alert(1)</script>"), "the URL is shown as text");
        Assert.That(evidence.Select(a => a.GetAttribute("href")), Is.All.Not.Contain("<"), "the href is percent-encoded");
        // javascript: and data: evidence are shown, as text only.
        var spans = doc.QuerySelectorAll("span.url").Select(s => s.TextContent).ToList();
        Assert.That(spans, Does.Contain("javascript:alert(1)"));
        Assert.That(spans, Does.Contain("data:text/html,<script>alert(1)</script>"));
    }

    [Test]
    public void Report_carries_a_strict_content_security_policy_and_no_script()
    {
        foreach (var unit in new[] { "good-unit", "missing-column", "hostile" })
        {
            var doc = new HtmlParser().ParseDocument(Report(unit));
            var csp = doc.QuerySelector("meta[http-equiv='Content-Security-Policy']");
            Assert.That(csp?.GetAttribute("content"), Is.EqualTo("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:"), unit);
            Assert.That(doc.QuerySelector("meta[name=viewport]"), Is.Not.Null, unit);
            Assert.That(doc.QuerySelectorAll("script, link[rel=stylesheet]"), Is.Empty, unit);
        }
    }

    [Test]
    public void Missing_column_shows_as_fail_with_its_message_in_the_rectification_list()
    {
        var doc = new HtmlParser().ParseDocument(Report("missing-column"));
        var heading = doc.QuerySelectorAll("h2").Single(h => h.TextContent == "整改清单");
        Assert.That(heading.NextElementSibling!.TextContent, Is.EqualTo("督察对象：缺栏目县人民政府　督察时间：2026-11-20"));
        var table = doc.QuerySelector("table.rect")!;
        Assert.That(table.QuerySelectorAll("thead th").Select(th => th.TextContent),
            Is.EqualTo(new[] { "序号", "工作任务", "完成情况", "存在问题", "整改措施", "整改责任主体", "材料提供部门" }), "seed 004's columns");
        var items = table.QuerySelectorAll("tbody tr").ToList();
        Assert.That(items, Has.Count.EqualTo(2), "the failed and the partial leaf");
        var missing = items.Single(tr => tr.TextContent.Contains("栏目设置"));
        var cells = missing.QuerySelectorAll("td").ToDictionary(td => td.GetAttribute("data-label")!, td => td);
        Assert.That(cells["序号"].TextContent, Is.EqualTo("1"));
        Assert.That(cells["工作任务"].TextContent, Does.Contain("1.1 栏目设置").And.Contain("扣 10 分").And.Contain("评估要点：评估要点:栏目设置"));
        Assert.That(cells["完成情况"].QuerySelector(".s")!.TextContent, Is.EqualTo("未完成"));
        Assert.That(cells["存在问题"].TextContent, Does.Contain(ReportTestStore.MissingColumnMessage).And.Contain("“页面所见文字”"));
        Assert.That(cells["存在问题"].QuerySelector("a")!.GetAttribute("href"), Is.EqualTo("http://127.0.0.1:8080/missing-column/"));
        Assert.That(cells["整改措施"].QuerySelectorAll("li"), Has.Length.EqualTo(1));
        Assert.That(cells["整改责任主体"].TextContent, Is.EqualTo("缺栏目县人民政府"));
        var partial = items.Single(tr => tr.TextContent.Contains("栏目更新"));
        Assert.That(partial.QuerySelector("td[data-label=完成情况] .s")!.TextContent, Is.EqualTo("部分完成"));

        // The indicator table shows the leaf as 不通过 with 0 / 10 and the message.
        var row = doc.QuerySelectorAll("table.detail tr").Single(tr => tr.QuerySelector("td")?.TextContent == "1.1");
        Assert.That(row.TextContent, Does.Contain("不通过").And.Contain("0 / 10").And.Contain(ReportTestStore.MissingColumnMessage));
        Assert.That(row.TextContent, Does.Contain("实际验证"));
    }

    [Test]
    public void Report_draws_the_units_trend_from_its_stored_runs()
    {
        var doc = new HtmlParser().ParseDocument(Report("good-unit"));
        var heading = doc.QuerySelectorAll("h2").Single(h => h.TextContent == "得分趋势");
        var svg = heading.NextElementSibling!.QuerySelector("svg")!;
        Assert.That(svg.QuerySelectorAll("circle title").Select(t => t.TextContent), Is.EqualTo(new[] { "2026-11-20 总分 20 / 30 合格" }), "the one stored run");
    }

    [Test]
    public void Report_shows_scores_manual_items_and_the_column_table()
    {
        var doc = new HtmlParser().ParseDocument(Report("good-unit"));
        Assert.That(doc.QuerySelector("h1")!.TextContent, Does.Contain("优秀县人民政府"));
        var big = doc.QuerySelectorAll(".summary .big").Select(e => e.TextContent).ToList();
        Assert.That(big[0], Is.EqualTo("20"));
        Assert.That(big[1], Is.EqualTo("合格"));
        Assert.That(doc.Body!.TextContent, Does.Contain("未发现需整改的问题"));

        var manualTable = doc.QuerySelectorAll("h2").Single(h => h.TextContent == "待人工评分项").NextElementSibling!;
        Assert.That(manualTable.TextContent, Does.Contain("依申请公开办理").And.Contain("提交材料"));

        var columns = doc.QuerySelectorAll("h2").Single(h => h.TextContent == "栏目情况").NextElementSibling!.QuerySelectorAll("tr").Skip(1).ToList();
        Assert.That(columns, Has.Count.EqualTo(2));
        var cells = columns[0].QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.That(cells, Is.EqualTo(new[] { "notices", "通知公告", "http://127.0.0.1:8080/good-unit/tzgg/", "2", "2026-11-18" }));
        Assert.That(columns[1].QuerySelectorAll("td")[0].TextContent, Is.EqualTo("未对应"));

        var levelOne = doc.QuerySelectorAll("h2").Single(h => h.TextContent == "一级指标得分").NextElementSibling!.QuerySelectorAll("tr").Skip(1)
            .Select(tr => string.Join("|", tr.QuerySelectorAll("td").Select(td => td.TextContent))).ToList();
        Assert.That(levelOne, Is.EqualTo(new[] { "平台建设|通过|20|20", "依申请公开|人工评分|0|10" }));
    }
}
