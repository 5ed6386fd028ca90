using NUnit.Framework;
using Openness.Crawler.Crawling;

namespace Openness.Crawler.Tests.Crawling;

public class UrlAndRulesTests
{
    private static readonly Uri Base = new("http://www.qingshan.gov.cn/zwgk/zcwj/index.html");

    [TestCase("./202611/t20261120_1.html", "http://www.qingshan.gov.cn/zwgk/zcwj/202611/t20261120_1.html")]
    [TestCase("HTTP://WWW.QingShan.GOV.CN:80/a.html#top", "http://www.qingshan.gov.cn/a.html")]
    [TestCase("https://www.qingshan.gov.cn:443/", "https://www.qingshan.gov.cn/")]
    [TestCase("/a.jsp;jsessionid=0A1B2C3D?id=5", "http://www.qingshan.gov.cn/a.jsp?id=5")]
    [TestCase("/a.php?PHPSESSID=abc&id=5&sid=xyz", "http://www.qingshan.gov.cn/a.php?id=5")]
    [TestCase("/a.html?utm_source=wx&utm_campaign=x&b=2&a=1", "http://www.qingshan.gov.cn/a.html?b=2&a=1")]
    [TestCase("/%7euser/%e6%94%bf.html", "http://www.qingshan.gov.cn/~user/%E6%94%BF.html")]
    [TestCase("/搜索?q=政务公开", "http://www.qingshan.gov.cn/%E6%90%9C%E7%B4%A2?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80")]
    [TestCase(" ../zcjd/\n\tindex.html ", "http://www.qingshan.gov.cn/zwgk/zcjd/index.html")]
    public void Normalises_to_one_spelling(string href, string expected) =>
        Assert.That(UrlNormalizer.Normalize(href, Base), Is.EqualTo(expected));

    [TestCase("javascript:void(0)")]
    [TestCase("mailto:zwgk@qingshan.gov.cn")]
    [TestCase("tel:0791-12345678")]
    [TestCase("#top")]
    [TestCase("")]
    public void Ignores_links_that_are_not_pages(string href) => Assert.That(UrlNormalizer.Normalize(href, Base), Is.Null);

    [Test]
    public void Extracts_links_frames_refresh_and_base_href()
    {
        var page = ParsedPage.Parse("""
            <html><head><base href="http://www.qingshan.gov.cn/xxgk/"><meta http-equiv="Refresh" content="5; URL='new/index.html'"></head>
            <body><a href="a.html">甲</a><a href="javascript:;">乙</a><map><area href="/map.html"></map>
            <iframe src="frame.html"></iframe><a href="P020261120.pdf">附件</a><a href="a.html#x">甲again</a></body></html>
            """, Base);
        var links = LinkExtractor.Extract(page);

        Assert.That(links.Select(l => (l.Url.AbsoluteUri, l.Kind)), Is.EquivalentTo(new[]
        {
            ("http://www.qingshan.gov.cn/xxgk/a.html", LinkKind.Page),
            ("http://www.qingshan.gov.cn/map.html", LinkKind.Page),
            ("http://www.qingshan.gov.cn/xxgk/frame.html", LinkKind.Frame),
            ("http://www.qingshan.gov.cn/xxgk/P020261120.pdf", LinkKind.Attachment),
            ("http://www.qingshan.gov.cn/xxgk/new/index.html", LinkKind.Refresh),
        }));
    }

    [Test]
    public void Finds_get_search_forms_and_builds_the_query()
    {
        var page = ParsedPage.Parse("""
            <form method="post" action="/post-search"><input type="text" name="q"></form>
            <form action="/was5/web/search"><input type="hidden" name="channelid" value="2"><input name="searchword"></form>
            """, Base);
        var form = LinkExtractor.SearchForms(page).Single();
        Assert.That(LinkExtractor.SearchUrl(form, "政务公开").AbsoluteUri,
            Is.EqualTo("http://www.qingshan.gov.cn/was5/web/search?channelid=2&searchword=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80"));
    }

    [Test]
    public void Robots_groups_and_longest_match()
    {
        var rules = RobotsRules.Parse("""
            # comment
            User-agent: Googlebot
            Disallow: /

            User-agent: *
            Disallow: /admin
            Disallow: /*.jsp$
            Allow: /admin/public
            """, RobotsRules.ProductToken("OpennessCrawler/1.0 (+contact)"));
        Assert.That(rules.IsAllowed(new Uri("http://x.gov.cn/index.html")), Is.True);
        Assert.That(rules.IsAllowed(new Uri("http://x.gov.cn/admin/login")), Is.False);
        Assert.That(rules.IsAllowed(new Uri("http://x.gov.cn/admin/public/a.html")), Is.True);
        Assert.That(rules.IsAllowed(new Uri("http://x.gov.cn/search.jsp")), Is.False);
        Assert.That(rules.IsAllowed(new Uri("http://x.gov.cn/search.jsp?q=1")), Is.True, "$ anchors the end");
        Assert.That(RobotsRules.ProductToken("OpennessCrawler/1.0 (+contact)"), Is.EqualTo("OpennessCrawler"));
    }

    private static string Corpus(string relative)
    {
        var path = Openness.Fixtures.RealPages.PathOf(relative);
        Assert.That(File.Exists(path), Is.True, $"real-page corpus file missing: {path}");
        return File.ReadAllText(path);
    }

    [Test]
    public void Computes_the_list_pages_of_real_TRS_pagers()
    {
        // hd.gov.cn: `var countPage=56` with a document.write loop building "index"+"_"+i+"."+"html".
        var hd = ParsedPage.Parse(Corpus("kevin3691_renmin/hd_list.html"), new Uri("http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index.html"));
        var hdPages = PagingDiscovery.TrsListPages(hd, 100);
        Assert.That(hdPages, Has.Count.EqualTo(56));
        Assert.That(hdPages[^1].AbsoluteUri, Is.EqualTo("http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index_55.html"));

        // zhangshu.gov.cn: the classic WCM createPageHTML(21, 0, "index", "html").
        var zs = ParsedPage.Parse(Corpus("unresolved_zhangshu_gov_cn/zhangshu_trs_list_tail.fragment.html"), new Uri("http://www.zhangshu.gov.cn/zwgk/index.html"));
        var zsPages = PagingDiscovery.TrsListPages(zs, 10);
        Assert.That(zsPages, Has.Count.EqualTo(10), "capped");
        Assert.That(zsPages.Select(p => p.AbsolutePath), Does.Contain("/zwgk/index_9.html").And.Contain("/zwgk/index.html"));
    }

    [Test]
    public void Reads_a_Hanweb_datastore()
    {
        const string html = """
            <div id="5809"><script type="text/xml"><datastore>
            <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=38&path=/&columnid=1809&unitid=5809&webname=%E9%9D%92%E5%B1%B1&permissiontype=0"></a>]]></nextgroup>
            <recordset><record><![CDATA[<li><a href='/art/2026/9/11/art_1809_1.html' title='甲'>甲</a><span>2026-09-11</span></li>]]></record>
            <record><![CDATA[<li><a href='/art/2026/9/10/art_1809_2.html'>乙</a></li>]]></record></recordset></datastore></script></div>
            <script>$('#5809').jpage({ perPage: 20, totalRecord: 130 });</script>
            """;
        var store = PagingDiscovery.Datastore(html, new Uri("http://www.qs.gov.cn/col/col1809/index.html"))!;
        Assert.That(store.RecordLinks.Select(l => l.AbsolutePath), Is.EqualTo(new[] { "/art/2026/9/11/art_1809_1.html", "/art/2026/9/10/art_1809_2.html" }));
        Assert.That(store.TotalRecords, Is.EqualTo(130));
        Assert.That(store.PerPage, Is.EqualTo(20));
        Assert.That(store.ProxyForm["webname"], Is.EqualTo("青山"));
        Assert.That(store.ProxyForm["col"], Is.EqualTo("1"));
        var group = PagingDiscovery.Group(store.ProxyUrl!, store.ProxyForm, store.PerPage, 2);
        Assert.That(group.ProxyUrl.PathAndQuery, Is.EqualTo("/module/web/jpage/dataproxy.jsp?startrecord=121&endrecord=180&perpage=20"));
    }
}
