using NUnit.Framework;
using Openness.Rules.SiteModel;

namespace Openness.Rules.Tests.Sites;

/// <summary>The site model read from real government pages (corpus INDEX.md), each built through SiteModelBuilder.</summary>
public class CorpusSiteModelTests
{
    private const string PingtanDetailUrl = "https://www.pingtan.gov.cn/zwgk/zfxxgk/gwhwj/hzgfxwj/201705/t20170518_79834.htm";
    private const string PingtanReportsUrl = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/";

    private static Rules.SiteModel.SiteModel Build(string portal, params (string Url, string File)[] pages) =>
        SiteModelBuilder.Build(TestSites.Unit(portal), pages.Select(p => TestSites.Page(p.Url, TestSites.Corpus(p.File))), TestSites.Catalogue);

    [Test]
    public void Pingtan_policy_document_metadata_is_read_in_full()
    {
        var site = Build("https://www.pingtan.gov.cn/",
            (PingtanDetailUrl, "changwu_pingtan-gov-zwgk-archive/zwgk_zfxxgk_gwhwj_hzgfxwj_201705_t20170518_79834_detail.html"));
        var doc = site.DocumentAt(PingtanDetailUrl)!;
        Assert.That(doc, Is.Not.Null);
        Assert.That(doc.Title, Is.EqualTo("平潭综合实验区管委会关于废止《平潭综合实验区办公建筑和商业建筑规划管理实施细则》的通知"));
        Assert.That(doc.IndexNumber, Is.EqualTo("PZ00101-1700-2023-00068"));
        Assert.That(doc.DocumentNumber, Is.EqualTo("岚综管综〔2017〕117号"));
        Assert.That(doc.WrittenDate, Is.EqualTo(new DateOnly(2017, 5, 18)));
        Assert.That(doc.PublishedDate, Is.EqualTo(new DateOnly(2017, 5, 18)));
        Assert.That(doc.Validity, Is.EqualTo("有效"));
        Assert.That(doc.IssuingBody, Is.EqualTo("平潭综合实验区自然资源与生态环境局"));
        Assert.That(doc.Topic, Is.EqualTo("无"));
        Assert.That(doc.ColumnName, Is.EqualTo("行政规范性文件"));
        Assert.That(doc.Attachments, Has.Count.EqualTo(1).And.All.EndsWith(".pdf"));
        // The relnews sidebar is filled by an API call: no links in the static page, and the model says so.
        Assert.That(doc.InterpretationLinksViaScript, Is.True);
        Assert.That(doc.InterpretationUrls, Is.Empty, "the header's 平潭政策解读 column link is not an interpretation of this document");
        // The breadcrumb names the columns above it, nested.
        var normative = site.Columns.Single(c => c.CatalogueId == "normative-documents");
        Assert.That(normative.Url, Is.EqualTo("https://www.pingtan.gov.cn/zwgk/zfxxgk/gwhwj/hzgfxwj/"));
        Assert.That(normative.ParentUrl, Is.EqualTo("https://www.pingtan.gov.cn/zwgk/zfxxgk/gwhwj/"));
        Assert.That(doc.ColumnUrls, Is.EqualTo(new[] { normative.Url }));
    }

    [Test]
    public void Pingtan_annual_report_list_gives_the_column_its_ten_reports_and_the_left_tree_its_columns()
    {
        var site = Build("https://www.pingtan.gov.cn/",
            (PingtanReportsUrl, "changwu_pingtan-gov-zwgk-archive/zwgk_zfxxgk_zfxxgknb__lists_index.html"));
        var reports = site.ColumnsFor("annual-report").ToList();
        Assert.That(reports, Has.Count.EqualTo(1), "the menu's nlist.htm link and the list page are one column");
        var column = reports[0];
        Assert.That(column.NameAsShown, Is.EqualTo("政府信息公开年报"));
        Assert.That(column.Visited, Is.True);
        Assert.That(column.ItemsNeedScript, Is.False);
        Assert.That(column.Items, Has.Count.EqualTo(10));
        Assert.That(column.Items.All(i => i.Date is not null), Is.True);
        Assert.That(column.NewestDate, Is.EqualTo(new DateOnly(2026, 3, 10)));
        Assert.That(column.Items[0].Title, Is.EqualTo("平潭综合实验区2025年度政府信息公开工作年度报告"));
        Assert.That(column.Items[0].Url, Is.EqualTo("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202603/t20260313_105587.htm"));
        Assert.That(column.Items[^1].Date, Is.EqualTo(new DateOnly(2017, 1, 18)));
        // Left tree names are split by <br>: 政府信息<br>公开指南.
        foreach (var id in new[] { "disclosure-guide", "disclosure-rules", "statutory-content", "policy-documents", "disclosure-on-request" })
            Assert.That(site.ColumnsFor(id).Any(), Is.True, id);
        Assert.That(site.ColumnsFor("disclosure-guide").Single().Url, Is.EqualTo("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgkzn/"));
        Assert.That(site.ColumnsFor("disclosure-guide").Single().Visited, Is.False);
        Assert.That(site.SearchUrls, Has.Some.Contains("{q}"));
    }

    [Test]
    public void Handan_detail_page_ignores_commented_out_written_date()
    {
        const string url = "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200802_1352104.html";
        var site = Build("http://hdzfxxgk.hd.gov.cn/", (url, "kevin3691_renmin/hd_details.html"));
        var doc = site.DocumentAt(url)!;
        Assert.That(doc.IndexNumber, Is.EqualTo("000014348/2020-35147"));
        Assert.That(doc.IssuingBody, Is.EqualTo("邯郸市教育局"));
        Assert.That(doc.PublishedDate, Is.EqualTo(new DateOnly(2020, 8, 2)));
        Assert.That(doc.WrittenDate, Is.Null, "成文日期 is inside an HTML comment");
        Assert.That(doc.Validity, Is.Null, "有效期 is inside an HTML comment");
        Assert.That(doc.Topic, Is.EqualTo("教育"));
        Assert.That(doc.DocumentNumber, Is.EqualTo("无"));
        Assert.That(doc.InterpretationUrls, Is.Empty, "the footer menu's 政策解读 column is not an interpretation");
        Assert.That(site.ColumnsFor("policy-interpretation").Any(), Is.True, "but it is a column");
    }

    [Test]
    public void Handan_list_reads_the_index_number_table_and_breadcrumb()
    {
        const string url = "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index.html";
        var site = Build("http://hdzfxxgk.hd.gov.cn/", (url, "kevin3691_renmin/hd_list.html"));
        var column = site.Columns.Single(c => c.Url == "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/");
        Assert.That(column.NameAsShown, Is.EqualTo("近期信息公开"));
        Assert.That(column.Visited, Is.True);
        Assert.That(column.PageUrls, Is.EqualTo(new[] { url }));
        Assert.That(column.ParentUrl, Is.EqualTo("http://hdzfxxgk.hd.gov.cn/zfwj/"));
        Assert.That(column.Items, Has.Count.EqualTo(1), "footer links (网站声明, 联系我们) are not list rows");
        Assert.That(column.Items[0].Title, Is.EqualTo("邯郸市教育局关于印发《邯郸市学校安全工作目标管理考核办法》的通知"));
        Assert.That(column.Items[0].Date, Is.EqualTo(new DateOnly(2020, 8, 5)));
        Assert.That(site.ColumnsFor("policy-documents").Single().Url, Is.EqualTo("http://hdzfxxgk.hd.gov.cn/zfwj/"));
    }

    [Test]
    public void Handan_guide_page_left_nav_gives_the_standard_columns()
    {
        var site = Build("http://hdzfxxgk.hd.gov.cn/", ("http://hdzfxxgk.hd.gov.cn/zfxxgkzn/", "kevin3691_renmin/hd_gkzn.html"));
        foreach (var id in new[] { "disclosure-guide", "disclosure-rules", "statutory-content", "annual-report", "disclosure-on-request" })
            Assert.That(site.ColumnsFor(id).Any(), Is.True, id);
        Assert.That(site.ColumnsFor("disclosure-guide").Any(c => c.Visited), Is.True);
    }

    [Test]
    public void GovCn_metadata_table_is_read()
    {
        const string url = "http://www.gov.cn/zhengce/content/2019-02/15/content_5365945.htm";
        var site = Build("http://www.gov.cn/", (url, "ZhouYNF_platform-1/govcn_zhengce_content_5365945.wrap.html"));
        var doc = site.DocumentAt(url)!;
        Assert.That(doc.Title, Is.EqualTo("国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见"));
        Assert.That(doc.IndexNumber, Is.EqualTo("000014349/2019-00007"));
        Assert.That(doc.IssuingBody, Is.EqualTo("国务院"));
        Assert.That(doc.WrittenDate, Is.EqualTo(new DateOnly(2019, 1, 27)));
        Assert.That(doc.PublishedDate, Is.EqualTo(new DateOnly(2019, 2, 15)));
        Assert.That(doc.DocumentNumber, Is.EqualTo("国发〔2019〕5号"));
        Assert.That(doc.Topic, Is.EqualTo(@"市场监管、安全生产监管\工商"));
        Assert.That(doc.InterpretationLinksViaScript, Is.True, "the 相关解读 sidebar is iframe#frame_content, not inlined");
    }

    [TestCase(2017, 9, 26, 2017)]
    [TestCase(2017, 9, 23, 2016)]
    public void Zhangshu_month_day_dates_take_their_year_from_the_fetch_date(int y, int m, int d, int expectedYear)
    {
        // The fragment is the tail of a saved page starting inside the list's <table>; the head was not kept, so the
        // table is reopened here (an HTML parser drops <tr>/<td> outside a table).
        var html = "<html><body><table>" + TestSites.Corpus("unresolved_zhangshu_gov_cn/zhangshu_trs_list_tail.fragment.html");
        var page = TestSites.Page("http://www.zhangshu.gov.cn/zwgk/tzgg/index.html", html, new DateTimeOffset(y, m, d, 8, 0, 0, TimeSpan.Zero));
        var site = SiteModelBuilder.Build(TestSites.Unit("http://www.zhangshu.gov.cn/"), [page], TestSites.Catalogue);
        var column = site.Columns.Single(c => c.Visited);
        Assert.That(column.Url, Is.EqualTo("http://www.zhangshu.gov.cn/zwgk/tzgg/"));
        Assert.That(column.Items, Has.Count.EqualTo(5));
        var first = column.Items.Single(i => i.Url.EndsWith("t20170925_395981.html"));
        Assert.That(first.Title, Is.EqualTo("省综合应急救援工作督导组到樟树督导"));
        Assert.That(first.Date, Is.EqualTo(new DateOnly(expectedYear, 9, 25)));
        Assert.That(column.Items.Single(i => i.Url.EndsWith("t20170922_395692.html")).Date, Is.EqualTo(new DateOnly(2017, 9, 22)));
    }

    [Test]
    public void Nfra_spa_page_gives_its_menu_columns_without_crashing()
    {
        const string url = "https://www.nfra.gov.cn/cn/view/pages/ItemDetail.html?docId=1159371&itemId=4113";
        var started = DateTime.UtcNow;
        var site = Build("https://www.nfra.gov.cn/", (url, "Yuhamixli_nfra.gov.cn/tests_page_source_debug.html"));
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(20)));
        foreach (var id in new[] { "disclosure-guide", "disclosure-rules", "statutory-content", "policy-interpretation", "disclosure-on-request" })
            Assert.That(site.ColumnsFor(id).Any(), Is.True, id);
        var doc = site.DocumentAt(url)!;
        Assert.That(doc.Title, Is.EqualTo("国家金融监督管理总局行政处罚信息公开表(金罚决字〔2024〕36号)"));
        Assert.That(doc.PublishedDate, Is.EqualTo(new DateOnly(2024, 7, 12)));
        Assert.That(doc.IndexNumber, Is.Null);
        Assert.That(doc.InterpretationUrls, Is.Empty, "the mega-menu's 政策解读 list is navigation");
    }

    [Test]
    public void Pages_keep_their_outcomes_without_html()
    {
        var site = Build("https://www.pingtan.gov.cn/",
            (PingtanReportsUrl, "changwu_pingtan-gov-zwgk-archive/zwgk_zfxxgk_zfxxgknb__lists_index.html"),
            (PingtanDetailUrl, "changwu_pingtan-gov-zwgk-archive/zwgk_zfxxgk_gwhwj_hzgfxwj_201705_t20170518_79834_detail.html"));
        Assert.That(site.Pages, Has.Count.EqualTo(2));
        Assert.That(site.Pages.All(p => p.Html is null && p.Outcome.Succeeded), Is.True);
        Assert.That(site.Homepage, Is.Null, "the portal page was not in this snapshot");
    }
}
