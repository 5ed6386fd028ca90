using NUnit.Framework;
using Openness.Crawler.Crawling;
using Openness.Fixtures.Portals;
using static Openness.Crawler.Tests.Crawling.CrawlHarness;

namespace Openness.Crawler.Tests.Crawling;

public class PortalGeneratorTests
{
    [TestCase(PortalFamily.TrsWcm)]
    [TestCase(PortalFamily.Hanweb)]
    [TestCase(PortalFamily.Avalon)]
    public void Builds_benchmark_sized_portals_of_each_family(PortalFamily family)
    {
        var portal = PortalGenerator.Generate(PortalSpec.WithPageCount(family, 2000));
        var pages = family == PortalFamily.Avalon ? portal.PagePaths : portal.CrawlablePaths;
        Assert.That(pages.Count, Is.InRange(2000, 2100));
        Assert.That(portal.Columns.Select(c => c.Name), Does.Contain("政府信息公开指南").And.Contain("政府信息公开年报").And.Contain("政策解读"));
        var doc = portal.Resources[portal.DocumentPaths[^1]].Body;
        Assert.That(doc, Does.Contain("<meta name=\"PubDate\"").And.Contain("青山县"));
    }

    [Test]
    public void TRS_documents_follow_the_WCM_url_scheme_with_catalogue_metadata()
    {
        var portal = PortalGenerator.Generate(new PortalSpec { Documents = 50 });
        Assert.That(portal.DocumentPaths, Has.All.Match(@"^/[a-z/]+/\d{6}/t\d{8}_\d+\.html$"));
        var policy = portal.Columns.Single(c => c.Name == "政策文件");
        var html = portal.Resources[policy.Documents[0]].Body;
        Assert.That(html, Does.Contain("索 引 号").And.Contain("发文字号").And.Contain("政发〔2026〕").And.Contain("【政策解读】"));
        Assert.That(portal.Resources[policy.ListPages[0]].Body, Does.Contain("createPageHTML("));
    }

    [Test]
    public async Task Crawls_a_1000_page_TRS_portal_completely()
    {
        var portal = PortalGenerator.Generate(PortalSpec.WithPageCount(PortalFamily.TrsWcm, 1000, traps: false));
        await using var h = await StartAsync(portal);
        var summary = await h.CrawlAsync(FastOptions with { MaxPagesPerUnit = 1500, MaxListPagesPerColumn = portal.ListPagesNeededPerColumn });

        Assert.That(portal.CrawlablePaths.Where(p => h.Server.CountPath(p) != 1), Is.Empty);
        Assert.That(summary.PagesFetched, Is.EqualTo(portal.CrawlablePaths.Count + 1), "plus the site search");
        Assert.That(summary.Failed, Is.Zero);
        TestContext.Out.WriteLine($"{summary.PagesFetched} pages in {summary.Elapsed.TotalSeconds:F1} s");
    }
}
