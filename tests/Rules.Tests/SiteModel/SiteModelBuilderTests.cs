using NUnit.Framework;
using Openness.Core.Snapshots;
using Openness.Rules.SiteModel;

namespace Openness.Rules.Tests.Sites;

public class SiteModelBuilderTests
{
    private static Row R(string title, string path, string? date) => new(title, path, date);

    [Test]
    public void List_pages_of_one_column_merge_into_one_column()
    {
        var site = new Portal()
            .Column("通知公告", "/zwgk/tzgg/", [R("关于2026年冬季森林防火工作的通知", "./202611/t20261118_1001.html", "2026-11-18"),
                                               R("关于开展安全生产大检查的通知", "./202611/t20261105_1000.html", "2026-11-05")])
            .Column("通知公告", "/zwgk/tzgg/", [R("关于做好国庆假期值班工作的通知", "./202609/t20260928_0990.html", "2026-09-28")], page: 1)
            .Build();
        var column = site.ColumnsFor("notices").Single();
        Assert.That(column.Url, Is.EqualTo("http://www.csx.gov.cn/zwgk/tzgg/"));
        Assert.That(column.PageUrls, Is.EqualTo(new[] { "http://www.csx.gov.cn/zwgk/tzgg/", "http://www.csx.gov.cn/zwgk/tzgg/index_1.html" }));
        Assert.That(column.Items.Select(i => i.Date), Is.EqualTo(new DateOnly?[] { new(2026, 11, 18), new(2026, 11, 5), new(2026, 9, 28) }));
        Assert.That(column.Items[0].Url, Is.EqualTo("http://www.csx.gov.cn/zwgk/tzgg/202611/t20261118_1001.html"));
        Assert.That(column.NewestDate, Is.EqualTo(new DateOnly(2026, 11, 18)));
        Assert.That(column.Visited, Is.True);
    }

    [Test]
    public void Blank_column_script_column_and_unvisited_column_are_told_apart()
    {
        var site = new Portal()
            .Column("双随机一公开", "/zwgk/ssjygk/", [])
            .ScriptColumn("工作动态", "/zwgk/gzdt/")
            .Nav("人事信息", "/zwgk/rsxx/")
            .Build();
        var blank = site.ColumnsFor("double-random").Single();
        Assert.That((blank.Visited, blank.ItemCount, blank.ItemsNeedScript), Is.EqualTo((true, 0, false)));
        var scripted = site.ColumnsFor("work-news").Single();
        Assert.That((scripted.Visited, scripted.ItemCount, scripted.ItemsNeedScript), Is.EqualTo((true, 0, true)));
        var linked = site.ColumnsFor("personnel").Single();
        Assert.That((linked.Visited, linked.ItemCount), Is.EqualTo((false, 0)));
    }

    [Test]
    public void Homepage_blocks_give_columns_items_dates_and_search()
    {
        var site = new Portal()
            .HomeBlock("工作动态", "/zwgk/gzdt/", R("县长主持召开县政府常务会议", "/zwgk/gzdt/202611/t20261119_2001.html", "11-19"),
                                                R("全县冬季安全生产工作会议召开", "/zwgk/gzdt/202611/t20261112_2000.html", "11-12"))
            .HomeBlock("通知公告", "/zwgk/tzgg/", R("关于2026年冬季森林防火工作的通知", "/zwgk/tzgg/202611/t20261118_1001.html", "2026-11-18"))
            .Build();
        Assert.That(site.Homepage, Is.Not.Null);
        Assert.That(site.HomepageDates.Max(), Is.EqualTo(new DateOnly(2026, 11, 19)));
        var news = site.ColumnsFor("work-news").Single();
        Assert.That(news.Url, Is.EqualTo("http://www.csx.gov.cn/zwgk/gzdt/"));
        Assert.That(news.Items.Select(i => i.Title), Is.EqualTo(new[] { "县长主持召开县政府常务会议", "全县冬季安全生产工作会议召开" }));
        Assert.That(news.Visited, Is.False);
        Assert.That(site.ColumnsFor("notices").Single().Items, Has.Count.EqualTo(1));
        Assert.That(site.SearchUrls, Is.EqualTo(new[] { "http://www.csx.gov.cn/search/index.jsp?searchword={q}&siteid=7" }));
    }

    [Test]
    public void More_link_below_the_rows_is_named_by_the_block_heading_not_by_a_row()
    {
        const string home = """
            <html><head><title>测试县人民政府</title></head><body>
            <div class="main"><div class="box">
              <h3><span class="tit">政策解读</span></h3>
              <ul><li><a href="/zwgk/zcjd/202611/t20261110_4100.html"><span class="title">图解医保新政</span></a><span class="time">2026-11-10</span></li>
                  <li><a href="/zwgk/zcjd/202611/t20261102_4099.html">解读供暖方案</a><span>2026-11-02</span></li></ul>
              <div class="more-line"><a href="/zwgk/zcjd/">更多</a></div>
            </div></div></body></html>
            """;
        var site = new Portal().WithoutHomepage().Raw("/", home).Build();
        var column = site.ColumnsFor("policy-interpretation").Single();
        Assert.That(column.NameAsShown, Is.EqualTo("政策解读"));
        Assert.That(column.Url, Is.EqualTo("http://www.csx.gov.cn/zwgk/zcjd/"));
        Assert.That(column.Items, Has.Count.EqualTo(2));
        Assert.That(site.HomepageDates, Has.Count.EqualTo(2));
    }

    [Test]
    public void Hanweb_datastore_records_and_dataproxy_pages_are_one_column()
    {
        const string column = """
            <html><head><meta name="ColumnName" content="政策文件"><title>政策文件</title></head><body>
            <div id="4567890"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=20&path=/&columnid=1229&unitid=4567890"></a>]]></nextgroup>
            <recordset>
            <record><![CDATA[<li><a href='/art/2026/11/11/art_1229_558001.html' title='测试县关于印发冬季供暖保障方案的通知'>测试县关于印发冬季供暖保障方案的通知</a><span>2026-11-11</span></li>]]></record>
            <record><![CDATA[<li><a href='/art/2026/10/9/art_1229_557001.html' title='测试县关于进一步优化营商环境的若干措施'>测试县关于进一步优化营商环境的若干措施</a><span>2026-10-09</span></li>]]></record>
            </recordset></datastore></script></div></body></html>
            """;
        const string proxy = """
            <datastore><totalrecord>3</totalrecord><recordset>
            <record><![CDATA[<li><a href='/art/2026/8/3/art_1229_550001.html' title='测试县农村人居环境整治实施方案'>测试县农村人居环境整治实施方案</a><span>2026-08-03</span></li>]]></record>
            </recordset></datastore>
            """;
        var portal = new Portal("http://www.hwx.gov.cn/");
        var site = portal
            .Raw("/col/col1229/index.html", column)
            .Raw("/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=15", proxy,
                new Dictionary<string, string> { [SiteModelBuilder.ListOfNote] = "http://www.hwx.gov.cn/col/col1229/index.html" })
            .Build();
        var policy = site.ColumnsFor("policy-documents").Single();
        Assert.That(policy.Url, Is.EqualTo("http://www.hwx.gov.cn/col/col1229/"));
        Assert.That(policy.Items.Select(i => i.Url), Is.EqualTo(new[]
        {
            "http://www.hwx.gov.cn/art/2026/11/11/art_1229_558001.html", "http://www.hwx.gov.cn/art/2026/10/9/art_1229_557001.html",
            "http://www.hwx.gov.cn/art/2026/8/3/art_1229_550001.html",
        }));
        Assert.That(policy.Items[2].Date, Is.EqualTo(new DateOnly(2026, 8, 3)));
        Assert.That(policy.PageUrls, Has.Count.EqualTo(2));
        Assert.That(site.Documents, Is.Empty, "a dataproxy answer is a list, not a document");
    }

    [Test]
    public void Policy_and_interpretation_link_each_other_in_the_right_direction()
    {
        var portal = new Portal();
        var site = portal
            .Column("政策文件", "/zwgk/zcwj/", [R("测试县促进民营经济发展若干措施", "./202609/t20260930_3001.html", "2026-09-30")])
            .Detail(new Doc("/zwgk/zcwj/202609/t20260930_3001.html", "测试县促进民营经济发展若干措施", "政策文件", "/zwgk/zcwj/")
            {
                Written = "2026-09-25", Published = "2026-09-30",
                Related = """<div class="xgjd"><h3>相关解读</h3><ul><li><a href="/zwgk/zcjd/202610/t20261009_4001.html">一图读懂促进民营经济发展若干措施</a></li></ul></div>""",
            })
            .Detail(new Doc("/zwgk/zcjd/202610/t20261009_4001.html", "《测试县促进民营经济发展若干措施》政策解读", "政策解读", "/zwgk/zcjd/")
            {
                Published = "2026-10-09", Written = null, DocumentNumber = null,
                Related = """<div class="ywlj"><span>原文链接：</span><a href="/zwgk/zcwj/202609/t20260930_3001.html">测试县促进民营经济发展若干措施</a></div>""",
            })
            .Build();
        var policy = site.DocumentAt(portal.Url("/zwgk/zcwj/202609/t20260930_3001.html"))!;
        var interpretation = site.DocumentAt(portal.Url("/zwgk/zcjd/202610/t20261009_4001.html"))!;
        Assert.That(policy.InterpretationUrls, Is.EqualTo(new[] { interpretation.Url }));
        Assert.That(policy.OriginalDocumentUrls, Is.Empty);
        Assert.That(policy.InterpretationLinksViaScript, Is.False);
        Assert.That(interpretation.OriginalDocumentUrls, Is.EqualTo(new[] { policy.Url }));
        Assert.That(interpretation.InterpretationUrls, Is.Empty);
        Assert.That(policy.ColumnUrls, Is.EqualTo(new[] { portal.Url("/zwgk/zcwj/") }));
        Assert.That(policy.WrittenDate, Is.EqualTo(new DateOnly(2026, 9, 25)));
        Assert.That(policy.IndexNumber, Is.EqualTo("11350128MB0000000X/2026-00001"));
        Assert.That(interpretation.ColumnName, Is.EqualTo("政策解读"));
    }

    [Test]
    public void Snapshot_note_marks_interpretations_drawn_by_script()
    {
        var portal = new Portal();
        var notes = new Dictionary<string, string> { ["interpretations-via-script"] = "relnews API not called" };
        const string html = """
            <html><head><meta name="ArticleTitle" content="测试县关于调整城乡居民医保缴费标准的通知"><meta name="PubDate" content="2026-11-02 10:00"></head>
            <body><h1>测试县关于调整城乡居民医保缴费标准的通知</h1><div class="content">正文</div></body></html>
            """;
        var site = portal.Raw("/zwgk/zcwj/202611/t20261102_3100.html", html, notes).Build();
        Assert.That(site.Documents.Single().InterpretationLinksViaScript, Is.True);
        var plain = new Portal().Raw("/zwgk/zcwj/202611/t20261102_3100.html", html).Build();
        Assert.That(plain.Documents.Single().InterpretationLinksViaScript, Is.False);
    }

    [Test]
    public void Failed_pages_keep_their_outcome_and_a_broken_column_link_is_not_visited()
    {
        var site = new Portal()
            .Nav("财政预决算", "/zwgk/czyjs/")
            .Failed("/zwgk/czyjs/", PageErrorKind.HttpStatus, 404)
            .Build();
        var column = site.ColumnsFor("budget-final-accounts").Single();
        Assert.That(column.Visited, Is.False);
        Assert.That(site.PageAt(column.Url)!.Outcome.Status, Is.EqualTo(404));
        Assert.That(site.Pages.All(p => p.Html is null), Is.True);
    }

    [Test]
    public void Unreachable_portal_is_the_homepage_with_its_failure()
    {
        var site = new Portal().WithoutHomepage().Failed("/", PageErrorKind.DnsFailure).Build();
        Assert.That(site.Homepage, Is.Not.Null);
        Assert.That(site.Homepage!.Outcome.Error, Is.EqualTo(PageErrorKind.DnsFailure));
        Assert.That(site.Columns, Is.Empty);
    }

    [Test]
    public void Large_snapshot_streams_through_the_builder()
    {
        var portal = new Portal();
        var rows = Enumerable.Range(0, 20).Select(i => R($"测试县第{i}号工作动态信息标题", $"./202611/t20261101_{i}.html", "2026-11-01")).ToArray();
        IEnumerable<SnapshotPage> Pages()
        {
            for (int p = 0; p < 2000; p++)
            {
                var one = new Portal().Column("工作动态", "/zwgk/gzdt/", rows.Select(r => r with { Path = $"./202611/t20261101_{p}_{r.Path[^6..]}" }).ToArray(), page: p)
                    .WithoutHomepage().Pages();
                foreach (var page in one) yield return page;
            }
        }
        var started = DateTime.UtcNow;
        var site = SiteModelBuilder.Build(TestSites.Unit(portal.BaseUrl), Pages(), TestSites.Catalogue);
        Assert.That(site.ColumnsFor("work-news").Single().PageUrls, Has.Count.EqualTo(2000));
        Assert.That(site.Pages, Has.Count.EqualTo(2000));
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(60)));
    }
}

public class MetadataShapesTests
{
    [Test]
    public void Several_label_value_pairs_in_one_line_are_all_read()
    {
        const string html = """
            <html><head><title>测试县关于做好冬季供暖保障工作的通知_通知公告_测试县人民政府</title></head><body>
            <h1>测试县关于做好冬季供暖保障工作的通知</h1>
            <div class="info"><span>来源：测试县住建局 发布日期：2026-11-16 浏览次数：128</span></div>
            <ul class="meta"><li><span>索引号：</span><span>11350128MB0000000X/2026-00123</span></li>
                <li>发文机关：测试县人民政府办公室 成文日期：2026年11月12日</li>
                <li><b>文　　号</b>：测政办〔2026〕45号</li></ul>
            <div class="content"><p>各乡镇人民政府：</p></div></body></html>
            """;
        var portal = new Portal();
        var doc = portal.WithoutHomepage().Raw("/zwgk/tzgg/202611/t20261116_1200.html", html).Build().Documents.Single();
        Assert.That(doc.Title, Is.EqualTo("测试县关于做好冬季供暖保障工作的通知"));
        Assert.That(doc.PublishedDate, Is.EqualTo(new DateOnly(2026, 11, 16)));
        Assert.That(doc.IndexNumber, Is.EqualTo("11350128MB0000000X/2026-00123"));
        Assert.That(doc.IssuingBody, Is.EqualTo("测试县人民政府办公室"));
        Assert.That(doc.WrittenDate, Is.EqualTo(new DateOnly(2026, 11, 12)));
        Assert.That(doc.DocumentNumber, Is.EqualTo("测政办〔2026〕45号"));
        Assert.That(doc.Topic, Is.Null);
    }
}

public class LateLinkTests
{
    [Test]
    public void A_page_read_before_any_link_to_it_still_becomes_the_linked_column()
    {
        // The blank 建议提案办理 page is read before the homepage that links it (snapshot order is crawl order, not link order).
        const string blank = "<html><head><title>测试县人民政府</title></head><body><div class=\"list\"><p>暂无信息</p></div></body></html>";
        var portal = new Portal().WithoutHomepage().Raw("/zwgk/jytabl/", blank)
            .Raw("/", "<html><body><div class=\"nav\"><ul><li><a href=\"/zwgk/jytabl/\">建议提案办理</a></li><li><a href=\"/about/\">关于本站</a></li></ul></div></body></html>");
        var site = portal.Build();
        var column = site.ColumnsFor("proposals-handling").Single();
        Assert.That((column.Visited, column.ItemCount, column.ItemsNeedScript), Is.EqualTo((true, 0, false)));
        Assert.That(column.PageUrls, Is.EqualTo(new[] { portal.Url("/zwgk/jytabl/") }));
    }
}

public class RedirectTests
{
    [Test]
    public void A_menu_link_that_redirects_is_the_column_it_lands_on()
    {
        const string list = """
            <html><head><title>政策解读_测试县人民政府</title></head><body>
            <div class="list"><h2>政策解读</h2><ul><li><a href="./202611/t20261110_4100.html">《测试县医保新政》政策解读</a><span>2026-11-10</span></li></ul></div></body></html>
            """;
        var portal = new Portal().Nav("政策解读", "/zwgk/zcjd");
        var home = portal.Pages()[0];
        var landed = TestSites.Page(portal.Url("/zwgk/zcjd"), list) with { FinalUrl = portal.Url("/zwgk/jdhy/index.html") };
        var site = SiteModelBuilder.Build(TestSites.Unit(portal.BaseUrl), [home, landed], TestSites.Catalogue);
        var column = site.ColumnsFor("policy-interpretation").Single();
        Assert.That(column.Url, Is.EqualTo("http://www.csx.gov.cn/zwgk/jdhy/"));
        Assert.That(column.Visited, Is.True);
        Assert.That(column.Items.Single().Url, Is.EqualTo("http://www.csx.gov.cn/zwgk/jdhy/202611/t20261110_4100.html"));
    }
}
