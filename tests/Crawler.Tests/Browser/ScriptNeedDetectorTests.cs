using NUnit.Framework;
using Openness.Crawler.Fetching;

namespace Openness.Crawler.Tests.Browser;

/// <summary>The detector against real government pages from the corpus and hand-written pages of each family.</summary>
[TestFixture]
public sealed class ScriptNeedDetectorTests
{
    private static readonly string CorpusRoot = Openness.Fixtures.RealPages.Root;
    private static readonly Uri Page = new("https://www.example.gov.cn/zwgk/index.html");

    private static string Corpus(string relative)
    {
        var path = Path.Combine(CorpusRoot, relative);
        Assert.That(File.Exists(path), Is.True, $"corpus file missing: {path}");
        return File.ReadAllText(path);
    }

    private static (bool Needs, string Reason) Detect(string html, Uri? url = null)
    {
        bool needs = ScriptNeedDetector.NeedsScript(html, url ?? Page, out var reason);
        return (needs, reason);
    }

    [Test]
    public void Pingtan_annual_report_list_with_avalon_dynamic_paging_needs_script()
    {
        var (needs, reason) = Detect(Corpus("changwu_pingtan-gov-zwgk-archive/zwgk_zfxxgk_zfxxgknb__lists_index.html"));

        Assert.That(needs, Is.True);
        Assert.That(reason, Does.Contain("ms-repeat"));
    }

    [Test]
    public void Pingtan_policy_detail_with_relnews_sidebar_from_the_search_api_needs_script()
    {
        var (needs, reason) = Detect(Corpus("changwu_pingtan-gov-zwgk-archive/zwgk_zfxxgk_gwhwj_hzgfxwj_201705_t20170518_79834_detail.html"));

        Assert.That(needs, Is.True);
        Assert.That(reason, Does.Contain("/fjdzapp/search"));
    }

    [Test]
    public void Pingtan_guide_page_needs_script()
    {
        var (needs, _) = Detect(Corpus("changwu_pingtan-gov-zwgk-archive/zwgk_zfxxgk_zfxxgkzn_202311_t20231104_51587_guide.html"));

        Assert.That(needs, Is.True);
    }

    [Test]
    public void Handan_list_with_countPage_document_write_pager_needs_script()
    {
        var (needs, reason) = Detect(Corpus("kevin3691_renmin/hd_list.html"));

        Assert.That(needs, Is.True);
        Assert.That(reason, Does.Contain("countPage"));
    }

    [TestCase("kevin3691_renmin/hd_details.html")]
    [TestCase("kevin3691_renmin/hd_gkzn.html")]
    public void Handan_static_pages_with_only_badge_scripts_do_not_need_script(string file)
    {
        // Both carry a document.write for the 党政机关 badge, which is not a pager.
        var (needs, reason) = Detect(Corpus(file));

        Assert.That(needs, Is.False, reason);
    }

    [Test]
    public void Zhangshu_trs_fragment_with_createPageHTML_needs_script()
    {
        var (needs, reason) = Detect(Corpus("unresolved_zhangshu_gov_cn/zhangshu_trs_list_tail.fragment.html"));

        Assert.That(needs, Is.True);
        Assert.That(reason, Does.Contain("createPageHTML"));
    }

    [TestCase("govcn_zhengce_content_5346276.wrap.html")]
    [TestCase("govcn_zhengce_content_5354222.wrap.html")]
    [TestCase("govcn_zhengce_content_5355822.wrap.html")]
    [TestCase("govcn_zhengce_content_5360002.wrap.html")]
    [TestCase("govcn_zhengce_content_5365341.wrap.html")]
    [TestCase("govcn_zhengce_content_5365945.wrap.html")]
    public void Govcn_policy_pages_are_static(string file)
    {
        var (needs, reason) = Detect(Corpus(Path.Combine("ZhouYNF_platform-1", file)));

        Assert.That(needs, Is.False, reason);
    }

    [Test]
    public void Nfra_angular_portal_needs_script()
    {
        var (needs, reason) = Detect(Corpus("Yuhamixli_nfra.gov.cn/tests_page_source_debug.html"));

        Assert.That(needs, Is.True);
        Assert.That(reason, Does.Contain("ng-repeat"));
    }

    [Test]
    public void Plain_static_list_does_not_need_script()
    {
        const string html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><script src="/js/jquery.min.js"></script>
            <script>var _hmt = _hmt || [];</script></head><body>
            <div class="news-list"><ul>
              <li><a href="./202601/t20260110_1.html">关于印发2026年政务公开工作要点的通知</a><span>2026-01-10</span></li>
              <li><a href="./202512/t20251220_2.html">2025年第四季度政府网站检查情况通报</a><span>2025-12-20</span></li>
            </ul></div>
            <div class="page">共2条 <a href="index_1.html">下一页</a></div></body></html>
            """;

        var (needs, reason) = Detect(html);

        Assert.That(needs, Is.False, reason);
    }

    [Test]
    public void Hanweb_datastore_column_needs_script()
    {
        const string html = """
            <html><body><div id="4028"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=1&columnid=1229&unitid=4028"></a>]]></nextgroup>
            <recordset><record><![CDATA[<li><a href='/art/2026/1/5/art_1229_1.html'>通知</a><span>2026-01-05</span></li>]]></record></recordset></datastore></script></div>
            <script src="/module/jslib/jquery/jquery.js"></script></body></html>
            """;

        var (needs, reason) = Detect(html);

        Assert.That(needs, Is.True);
        Assert.That(reason, Does.Contain("datastore"));
    }

    [Test]
    public void Vue_list_template_needs_script()
    {
        const string html = """
            <html><body><div id="app"><ul class="list"><li v-for="item in items"><a :href="item.url">{{ item.title }}</a></li></ul></div>
            <script src="/js/vue.min.js"></script><script>new Vue({ el: '#app', data: { items: [] } });</script></body></html>
            """;

        var (needs, reason) = Detect(html);

        Assert.That(needs, Is.True);
        Assert.That(reason, Does.Contain("v-for"));
    }

    [Test]
    public void Avalon_controller_with_bindings_needs_script_but_an_unbound_one_does_not()
    {
        const string bound = """
            <html><body><div ms-controller="relnews"><div class="jd_box"><a ms-attr-href="el.url" ms-text="el.title"></a></div></div>
            <script src="/images/avalon.js"></script></body></html>
            """;
        const string unbound = """
            <html><body><div ms-controller="toolbar"><a href="/wza/">无障碍浏览</a></div><script src="/images/avalon.js"></script></body></html>
            """;

        var (boundNeeds, reason) = Detect(bound);
        var (unboundNeeds, unboundReason) = Detect(unbound);

        Assert.That(boundNeeds, Is.True);
        Assert.That(reason, Does.Contain("relnews"));
        Assert.That(unboundNeeds, Is.False, unboundReason);
    }

    [Test]
    public void Mustache_placeholders_in_a_list_container_need_script()
    {
        const string html = """
            <html><body><table class="xxgk-table"><tbody><tr><td><a href="{{url}}">{{title}}</a></td><td>{{date}}</td></tr></tbody></table>
            <script src="/js/render.js"></script></body></html>
            """;

        var (needs, reason) = Detect(html);

        Assert.That(needs, Is.True);
        Assert.That(reason, Does.Contain("{{"));
    }

    [Test]
    public void Empty_container_filled_by_ajax_needs_script()
    {
        const string html = """
            <html><body><div class="box"><ul id="docs"></ul></div>
            <script>$.ajax({ url: '/api/docs', success: function (d) { $('#docs').html(d); } });</script></body></html>
            """;

        var (needs, reason) = Detect(html);

        Assert.That(needs, Is.True);
        Assert.That(reason, Does.Contain("$.ajax").And.Contain("ul#docs"));
    }

    [Test]
    public void Empty_named_list_container_on_a_scripted_page_needs_script()
    {
        const string html = """
            <html><body><div class="news_list"></div><script src="/js/app.js"></script></body></html>
            """;

        var (needs, reason) = Detect(html);

        Assert.That(needs, Is.True);
        Assert.That(reason, Does.Contain("div.news_list"));
    }

    [Test]
    public void Empty_container_without_any_script_is_just_empty()
    {
        const string html = """<html><body><div class="news_list"></div><p>本栏目暂无信息</p></body></html>""";

        var (needs, reason) = Detect(html);

        Assert.That(needs, Is.False, reason);
    }

    [Test]
    public void Documents_are_never_rendered()
    {
        var (needs, _) = Detect("<html><body><div class=\"news_list\"></div><script>fetch('/x')</script></body></html>",
            new Uri("https://www.example.gov.cn/xxgk/2025nb.pdf"));

        Assert.That(needs, Is.False);
    }
}
