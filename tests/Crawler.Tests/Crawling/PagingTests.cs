using NUnit.Framework;
using Openness.Crawler.Crawling;
using Openness.Fixtures.Portals;
using static Openness.Crawler.Tests.Crawling.CrawlHarness;

namespace Openness.Crawler.Tests.Crawling;

public class PagingTests
{
    /// <summary>A TRS column whose pager exists only as a createPageHTML call: no anchor to index_1 … index_4.</summary>
    private static Dictionary<string, string> TrsColumn(int pages)
    {
        var site = new Dictionary<string, string> { ["/index.html"] = Page("首页", "/zwgk/zcwj/index.html") };
        for (var k = 0; k < pages; k++)
        {
            var name = k == 0 ? "index.html" : $"index_{k}.html";
            site[$"/zwgk/zcwj/{name}"] =
                $"<html><body><ul><li><a href=\"./202611/t20261120_{k}.html\">文件{k}</a><span>2026-11-20</span></li></ul>" +
                $"<div class=\"page\"><script>createPageHTML({pages}, {k}, \"index\", \"html\");</script></div></body></html>";
            site[$"/zwgk/zcwj/202611/t20261120_{k}.html"] = Page($"文件{k}");
        }
        return site;
    }

    [Test]
    public async Task Fetches_every_page_of_a_TRS_createPageHTML_list()
    {
        await using var h = await StartAsync(TrsColumn(5));
        await h.CrawlAsync();

        foreach (var k in Enumerable.Range(1, 4))
        {
            Assert.That(h.Server.CountPath($"/zwgk/zcwj/index_{k}.html"), Is.EqualTo(1), $"index_{k}.html");
            Assert.That(h.Server.CountPath($"/zwgk/zcwj/202611/t20261120_{k}.html"), Is.EqualTo(1));
        }
        Assert.That(h.Store.Get(h.Url("/zwgk/zcwj/index_3.html"))!.Depth, Is.EqualTo(1), "list pages share the column's depth");
    }

    [Test]
    public async Task Caps_the_list_pages_of_a_column()
    {
        await using var h = await StartAsync(TrsColumn(5));
        await h.CrawlAsync(FastOptions with { MaxListPagesPerColumn = 3 });

        Assert.That(h.Server.CountPath("/zwgk/zcwj/index_1.html"), Is.EqualTo(1));
        Assert.That(h.Server.CountPath("/zwgk/zcwj/index_2.html"), Is.EqualTo(1));
        Assert.That(h.Server.CountPath("/zwgk/zcwj/index_3.html") + h.Server.CountPath("/zwgk/zcwj/index_4.html"), Is.Zero);
    }

    [Test]
    public async Task Follows_plain_next_page_links_up_to_the_cap()
    {
        await using var h = await StartAsync(new Dictionary<string, string> { ["/index.html"] = Page("首页", "/news/list_1.html") });
        for (var p = 1; p <= 10; p++)
            h.Server.Portal.AddPage($"/news/list_{p}.html", $"<html><body><a href=\"d{p}.html\">文{p}</a><a href=\"list_{p + 1}.html\">下一页</a><a href=\"list_10.html\">尾页</a></body></html>");
        await h.CrawlAsync(FastOptions with { MaxListPagesPerColumn = 4, MaxDepth = 2 });

        var lists = h.PageRequests.Count(r => r.Path.StartsWith("/news/list_", StringComparison.Ordinal));
        Assert.That(lists, Is.EqualTo(4), "list_1 plus three pages reached through 下一页/尾页");
        Assert.That(h.Server.CountPath("/news/list_2.html"), Is.EqualTo(1));
        Assert.That(h.Server.CountPath("/news/list_10.html"), Is.EqualTo(1), "尾页 is a list page of the column too");
    }

    [Test]
    public async Task Crawls_a_whole_TRS_portal_with_every_pager_variant_exactly_once()
    {
        var portal = PortalGenerator.Generate(new PortalSpec { Documents = 140, ListPageSize = 5, Traps = false });
        Assert.That(portal.Columns.Single(c => c.Name == "规划计划").ListPages, Has.Count.GreaterThan(1), "renamed createPage column");
        Assert.That(portal.Columns.Single(c => c.Name == "政策解读").ListPages, Has.Count.GreaterThan(1), "countPage loop column");
        Assert.That(portal.Columns.Single(c => c.Name == "财政资金").ListPages[^1], Does.EndWith(".shtml"));
        await using var h = await StartAsync(portal);
        var summary = await h.CrawlAsync();

        var missed = portal.CrawlablePaths.Where(p => h.Server.CountPath(p) != 1).ToList();
        Assert.That(missed, Is.Empty, "every page fetched exactly once");
        foreach (var pdf in portal.AttachmentPaths) Assert.That(h.Server.CountPath(pdf), Is.EqualTo(1), pdf);
        Assert.That(summary.Failed, Is.Zero);
        Assert.That(summary.Outcome, Is.EqualTo(UnitCrawlOutcome.Ok));
    }

    [Test]
    public async Task Reads_Hanweb_datastores_and_pages_through_dataproxy_POSTs()
    {
        var portal = PortalGenerator.Generate(new PortalSpec { Family = PortalFamily.Hanweb, Documents = 600, Traps = false });
        Assert.That(portal.DataProxyPosts, Is.GreaterThan(3));
        await using var h = await StartAsync(portal);
        await h.CrawlAsync(FastOptions with { MaxListPagesPerColumn = 50 });

        var notFetchedOnce = portal.DocumentPaths.Where(p => h.Server.CountPath(p) != 1).ToList();
        Assert.That(notFetchedOnce, Is.Empty, "every record of every group fetched once");
        var posts = h.Server.Requests.Where(r => r.Method == "POST").ToList();
        // A column that hides totalRecord and whose embedded group is full needs one POST to learn there is no more.
        var probes = portal.Columns.Where((c, i) => i % 2 == 1 && c.Documents.Count > 0 && c.Documents.Count % 45 == 0).Count();
        Assert.That(posts, Has.Count.EqualTo(portal.DataProxyPosts + probes));
        Assert.That(posts.Select(p => p.Target + " " + p.Body), Is.Unique, "no group posted twice");
        Assert.That(posts, Has.All.Matches<ServedRequest>(p =>
            p.Path == "/module/web/jpage/dataproxy.jsp" && p.Body!.Contains("webid=38") && p.Body.Contains("col=1") &&
            p.Body.Contains("sourceContentType=1") && p.Body.Contains("unitid=") && p.Body.Contains("webname=青山县人民政府")));

        var gzdt = portal.Columns.Single(c => c.Name == "工作动态");
        var groupPages = h.Store.Pages().Where(p => p.Notes.GetValueOrDefault(SiteCrawler.NoteListOf) == h.Url(gzdt.Path)).ToList();
        Assert.That(groupPages, Has.Count.EqualTo((int)Math.Ceiling(gzdt.Documents.Count / 45.0) - 1));
        Assert.That(groupPages, Has.All.Matches<Openness.Core.Snapshots.SnapshotPage>(p =>
            p.Notes[SiteCrawler.NoteHttpMethod] == "POST" && p.Url.Contains("startrecord=") && p.Url.Contains("columnid=1809")));
        Assert.That(groupPages.Select(p => p.Url), Does.Contain(h.Url("/module/web/jpage/dataproxy.jsp") +
            "?startrecord=46&endrecord=90&perpage=15&appid=1&webid=38&path=%2F&columnid=1809&unitid=5809&webname=%E9%9D%92%E5%B1%B1%E5%8E%BF%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C&permissiontype=0&col=1&sourceContentType=1"));
    }

    [Test]
    public async Task Pages_through_Hanweb_load_more_lists_one_morecolumndataproxy_page_at_a_time()
    {
        var portal = PortalGenerator.Generate(new PortalSpec { Family = PortalFamily.Hanweb, Documents = 300, Traps = false, HanwebLoadMore = true });
        Assert.That(portal.DataProxyPosts, Is.GreaterThan(3));
        await using var h = await StartAsync(portal);
        await h.CrawlAsync(FastOptions with { MaxListPagesPerColumn = 50 });

        Assert.That(portal.DocumentPaths.Where(p => h.Server.CountPath(p) != 1), Is.Empty, "every record of every page fetched once");
        var posts = h.Server.Requests.Where(r => r.Method == "POST").ToList();
        Assert.That(posts, Has.All.Matches<ServedRequest>(p => p.Path == "/module/web/jpage/morecolumndataproxy.jsp" && p.Body!.Contains("columnid=")));
        Assert.That(posts.Select(p => p.Target + " " + p.Body), Is.Unique, "no page posted twice");
        var probes = portal.Columns.Where((c, i) => i % 2 == 1 && c.Documents.Count > 0 && c.Documents.Count % 15 == 0).Count();
        Assert.That(posts, Has.Count.EqualTo(portal.DataProxyPosts + probes));

        var gzdt = portal.Columns.Single(c => c.Name == "工作动态");
        var pages = h.Store.Pages().Where(p => p.Notes.GetValueOrDefault(SiteCrawler.NoteListOf) == h.Url(gzdt.Path)).ToList();
        Assert.That(pages, Has.Count.EqualTo((int)Math.Ceiling(gzdt.Documents.Count / 15.0) - 1), "one request per later page of 15");
        Assert.That(pages.Select(p => new Uri(p.Url).Query), Has.Some.StartsWith("?page=2&perpage=15&"));
    }

    [Test]
    public async Task Caps_Hanweb_load_more_pages_per_column()
    {
        var portal = PortalGenerator.Generate(new PortalSpec { Family = PortalFamily.Hanweb, Documents = 300, Traps = false, HanwebLoadMore = true });
        await using var h = await StartAsync(portal);
        var summary = await h.CrawlAsync(FastOptions with { MaxListPagesPerColumn = 3 });

        var gzdtPosts = h.Server.Requests.Count(r => r.Method == "POST" && r.Body!.Contains("columnid=1809"));
        Assert.That(gzdtPosts, Is.EqualTo(2), "3 list pages = the embedded page and two more");
        Assert.That(summary.SkippedBy[SkipReason.ListPageCap], Is.GreaterThan(0));
    }

    [Test]
    public async Task Caps_Hanweb_groups_per_column()
    {
        var portal = PortalGenerator.Generate(new PortalSpec { Family = PortalFamily.Hanweb, Documents = 600, Traps = false });
        await using var h = await StartAsync(portal);
        var summary = await h.CrawlAsync(FastOptions with { MaxListPagesPerColumn = 6 });

        var gzdtPosts = h.Server.Requests.Count(r => r.Method == "POST" && r.Body!.Contains("columnid=1809"));
        Assert.That(gzdtPosts, Is.EqualTo(1), "6 list pages = the embedded group and one more");
        Assert.That(summary.SkippedBy[SkipReason.ListPageCap], Is.GreaterThan(0));
    }

    [Test]
    public async Task Avalon_portal_static_first_pages_are_crawled_without_script()
    {
        var portal = PortalGenerator.Generate(new PortalSpec { Family = PortalFamily.Avalon, Documents = 150, Traps = false });
        await using var h = await StartAsync(portal);
        await h.CrawlAsync();

        Assert.That(portal.CrawlablePaths.Where(p => h.Server.CountPath(p) != 1), Is.Empty);
        Assert.That(portal.DocumentPaths.Count(p => h.Server.CountPath(p) == 0), Is.GreaterThan(0),
            "later pages need the JSON API, i.e. the browser");
    }
}
