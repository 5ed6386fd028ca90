using NUnit.Framework;
using Openness.Crawler.Crawling;
using static Openness.Crawler.Tests.Crawling.CrawlHarness;

namespace Openness.Crawler.Tests.Crawling;

public class SiteCrawlerTests
{
    [Test]
    public async Task Crawls_breadth_first_and_stops_at_the_depth_budget()
    {
        await using var h = await StartAsync(new Dictionary<string, string>
        {
            ["/index.html"] = Page("首页", "/a1.html", "/a2.html"),
            ["/a1.html"] = Page("A1", "/b1.html"),
            ["/a2.html"] = Page("A2", "/b2.html"),
            ["/b1.html"] = Page("B1", "/c1.html"),
            ["/b2.html"] = Page("B2"),
            ["/c1.html"] = Page("C1", "/d1.html"),
            ["/d1.html"] = Page("D1"),
        });
        var summary = await h.CrawlAsync(FastOptions with { PerHostConcurrency = 1, MaxDepth = 2 });

        Assert.That(h.PageRequests.Select(r => r.Path), Is.EqualTo(new[] { "/index.html", "/a1.html", "/a2.html", "/b1.html", "/b2.html" }));
        Assert.That(summary.PagesFetched, Is.EqualTo(5));
        Assert.That(summary.SkippedBy[SkipReason.Depth], Is.EqualTo(1), "c1 is at depth 3");
        Assert.That(h.Store.Get(h.Url("/b1.html"))!.Depth, Is.EqualTo(2));
        Assert.That(h.Server.CountPath("/c1.html"), Is.Zero);
    }

    [Test]
    public async Task Stops_at_the_page_budget_and_says_so()
    {
        var portal = Openness.Fixtures.Portals.PortalGenerator.Generate(new() { Documents = 60, Traps = false });
        await using var h = await StartAsync(portal, unit: u => u with { MaxPages = 10 });
        var summary = await h.CrawlAsync();

        Assert.That(h.Store.PageCount(), Is.EqualTo(10));
        Assert.That(h.PageRequests, Has.Count.EqualTo(10));
        Assert.That(summary.StoppedBy, Is.EqualTo("page-budget"));
        Assert.That(summary.SkippedBy[SkipReason.PageBudget], Is.GreaterThan(0));
        Assert.That(h.Store.PendingCount(), Is.Zero, "what the budget cut is marked skipped, not left pending");
    }

    [Test]
    public async Task Never_requests_links_outside_the_units_scope()
    {
        await using var h = await StartAsync(new Dictionary<string, string>());
        // Same server, other host names: only the scope stands between the crawler and these.
        var port = h.Server.BaseUrl.Port;
        h.Server.Portal.AddPage("/index.html", Page("首页", "/in.html", $"http://localhost:{port}/secret.html",
            "http://www.gov.cn/", $"http://127.0.0.1:{port + 1}/other-port.html"));
        h.Server.Portal.AddPage("/in.html", Page("本站", $"http://localhost:{port}/secret2.html"));
        h.Server.Portal.AddPage("/secret.html", Page("站外"));

        var summary = await h.CrawlAsync();

        Assert.That(h.Server.CountPath("/in.html"), Is.EqualTo(1));
        Assert.That(h.Server.Requests.Where(r => !r.Host.StartsWith("127.0.0.1", StringComparison.Ordinal)), Is.Empty);
        Assert.That(h.Server.CountPath("/secret.html") + h.Server.CountPath("/secret2.html"), Is.Zero);
        Assert.That(summary.SkippedBy[SkipReason.OutOfScope], Is.EqualTo(4));
        Assert.That(h.Store.PageCount(), Is.EqualTo(2));
    }

    [Test]
    public async Task Fetches_a_page_once_whatever_its_spelling()
    {
        await using var h = await StartAsync(new Dictionary<string, string>());
        var port = h.Server.BaseUrl.Port;
        h.Server.Portal.AddPage("/index.html", Page("首页",
            "/zwgk/doc.html", "./zwgk/doc.html#content", "zwgk/doc.html;jsessionid=0A1B2C3D4E5F6071",
            "/zwgk/doc.html?utm_source=weixin&utm_medium=share", $"HTTP://127.0.0.1:{port}/zwgk/%64oc.html",
            "/zwgk/list.html?page=2", "/zwgk/list.html?page=2&PHPSESSID=abc123"));
        h.Server.Portal.AddPage("/zwgk/doc.html", Page("文件", "../index.html", "/zwgk/./doc.html"));
        h.Server.Portal.AddPage("/zwgk/list.html", Page("列表"));

        await h.CrawlAsync();

        Assert.That(h.Server.CountPath("/zwgk/doc.html"), Is.EqualTo(1));
        Assert.That(h.Server.CountPath("/index.html"), Is.EqualTo(1));
        Assert.That(h.Server.CountTarget("/zwgk/list.html?page=2"), Is.EqualTo(1), "other query strings are kept");
        Assert.That(h.Server.CountPath("/zwgk/list.html"), Is.EqualTo(1));
        Assert.That(h.Store.PageCount(), Is.EqualTo(3));
    }

    [Test]
    public async Task Honours_robots_txt_for_our_user_agent()
    {
        const string robots = """
            User-agent: *
            Disallow: /

            User-agent: OpennessCrawler
            Disallow: /secret/
            Allow: /secret/public.html
            """;
        await using var h = await StartAsync(new Dictionary<string, string>
        {
            ["/index.html"] = Page("首页", "/secret/a.html", "/secret/public.html", "/open.html"),
            ["/secret/a.html"] = Page("内部"),
            ["/secret/public.html"] = Page("公开"),
            ["/open.html"] = Page("公开2"),
        }, robots);
        var summary = await h.CrawlAsync();

        Assert.That(h.Server.CountPath("/robots.txt"), Is.EqualTo(1));
        Assert.That(h.Server.CountPath("/secret/a.html"), Is.Zero);
        Assert.That(h.Server.CountPath("/secret/public.html"), Is.EqualTo(1), "Allow is the longer match");
        Assert.That(h.Server.CountPath("/open.html"), Is.EqualTo(1), "our group overrides the * group");
        Assert.That(summary.SkippedBy[SkipReason.Robots], Is.EqualTo(1));
        Assert.That(h.Store.Get(h.Url("/secret/a.html")), Is.Null);
        Assert.That(h.Store.GetMeta("skip:" + h.Url("/secret/a.html")), Does.StartWith("Robots"));
    }

    [Test]
    public async Task Ignores_robots_txt_when_told_to()
    {
        await using var h = await StartAsync(new Dictionary<string, string>
        {
            ["/index.html"] = Page("首页", "/secret/a.html"),
            ["/secret/a.html"] = Page("内部"),
        }, "User-agent: *\nDisallow: /secret/\n");
        await h.CrawlAsync(FastOptions with { HonourRobotsTxt = false });

        Assert.That(h.Server.CountPath("/robots.txt"), Is.Zero);
        Assert.That(h.Server.CountPath("/secret/a.html"), Is.EqualTo(1));
    }

    [Test]
    public async Task Searches_the_site_once_and_notes_the_query()
    {
        var portal = Openness.Fixtures.Portals.PortalGenerator.Generate(new() { Documents = 20, Traps = false });
        await using var h = await StartAsync(portal);
        await h.CrawlAsync();

        var searches = h.Server.Requests.Where(r => r.Path == "/search/search.html").ToList();
        Assert.That(searches, Has.Count.EqualTo(1));
        Assert.That(Uri.UnescapeDataString(searches[0].Target), Does.Contain("searchword=政务公开").And.Contain("channelid=1"));
        var page = h.Store.Pages().Single(p => p.Notes.ContainsKey(SiteCrawler.NoteSearchQuery));
        Assert.That(page.Notes[SiteCrawler.NoteSearchQuery], Is.EqualTo("政务公开"));
        Assert.That(page.Html, Does.Contain("关键词“政务公开”的搜索结果"));
    }

    [Test]
    public async Task Keeps_attachments_to_a_small_share_of_the_budget()
    {
        var links = Enumerable.Range(1, 30).Select(i => $"/files/P0{i:D3}.pdf").Append("/page.html").ToArray();
        await using var h = await StartAsync(new Dictionary<string, string>
        {
            ["/index.html"] = Page("首页", links),
            ["/page.html"] = Page("正文"),
        }, unit: u => u with { MaxPages = 40 });
        var summary = await h.CrawlAsync(FastOptions with { PerHostConcurrency = 1 });

        var pdfRequests = h.PageRequests.Count(r => r.Path.EndsWith(".pdf", StringComparison.Ordinal));
        Assert.That(pdfRequests, Is.EqualTo(2), "max(2, 40/20) attachments");
        Assert.That(summary.SkippedBy[SkipReason.AttachmentBudget], Is.EqualTo(28));
        Assert.That(h.Server.CountPath("/page.html"), Is.EqualTo(1), "pages come before attachments at the same depth");
        Assert.That(h.PageRequests.Last().Path, Does.EndWith(".pdf"));
    }

    [Test]
    public async Task Records_a_failing_page_and_carries_on()
    {
        await using var h = await StartAsync(new Dictionary<string, string>
        {
            ["/index.html"] = Page("首页", "/missing.html", "/ok.html"),
            ["/ok.html"] = Page("正常"),
        });
        var summary = await h.CrawlAsync();

        Assert.That(summary.Outcome, Is.EqualTo(UnitCrawlOutcome.Ok));
        Assert.That(summary.Failed, Is.EqualTo(1));
        var missing = h.Store.Get(h.Url("/missing.html"))!;
        Assert.That(missing.Outcome.Status, Is.EqualTo(404));
        Assert.That(h.Store.Get(h.Url("/ok.html"))!.Outcome.Succeeded, Is.True);
    }
    [Test]
    public async Task A_redirect_target_is_not_fetched_again()
    {
        var portal = Openness.Fixtures.Portals.GeneratedPortal.FromPages(new Dictionary<string, string>
        {
            ["/index.html"] = Page("首页", "/old.html", "/other.html"),
            ["/other.html"] = Page("其他", "/new.html"),
            ["/new.html"] = Page("新址"),
        });
        await using var h = await StartAsync(portal, new Openness.Fixtures.Portals.PortalServerOptions
            { Redirects = new Dictionary<string, string> { ["/old.html"] = "/new.html" } });
        await h.CrawlAsync(FastOptions with { PerHostConcurrency = 1 });

        Assert.That(h.Server.CountPath("/old.html"), Is.EqualTo(1));
        Assert.That(h.Server.CountPath("/new.html"), Is.EqualTo(1), "fetched through the redirect only");
        var moved = h.Store.Get(h.Url("/old.html"))!;
        Assert.That(moved.FinalUrl, Is.EqualTo(h.Url("/new.html")));
        Assert.That(h.Store.Get(h.Url("/new.html"))!.Url, Is.EqualTo(h.Url("/old.html")), "found by its final URL");
    }

    [Test]
    public async Task Stops_at_the_time_budget_and_a_later_run_continues()
    {
        var portal = Openness.Fixtures.Portals.PortalGenerator.Generate(new() { Documents = 60, Traps = false, AttachmentEvery = 0 });
        await using var h = await StartAsync(portal, new Openness.Fixtures.Portals.PortalServerOptions { ResponseDelay = TimeSpan.FromMilliseconds(100) });
        var first = await h.CrawlAsync(FastOptions with { MaxTimePerUnit = TimeSpan.FromSeconds(1), PerHostConcurrency = 2 });

        Assert.That(first.StoppedBy, Is.EqualTo("time-budget"));
        Assert.That(first.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(first.PagesFetched, Is.InRange(5, 40));
        Assert.That(h.Store.PendingCount(), Is.GreaterThan(0), "unfinished work stays in the frontier");

        var second = await h.CrawlAsync();
        Assert.That(second.Resumed, Is.True);
        Assert.That(second.StoppedBy, Is.Null);
        Assert.That(second.PagesTotal, Is.EqualTo(first.PagesFetched + second.PagesFetched));
        Assert.That(portal.CrawlablePaths.Where(p => h.Server.CountPath(p) != 1), Is.Empty, "nothing fetched twice across the two runs");
    }
}
