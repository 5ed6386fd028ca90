using NUnit.Framework;
using Openness.Rules.SiteModel;

namespace Openness.Rules.Tests.Sites;

public class ProbeTests
{
    [Test]
    public void Probe()
    {
        var pages = new[]
        {
            TestSites.Page("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/", TestSites.Corpus("changwu_pingtan-gov-zwgk-archive/zwgk_zfxxgk_zfxxgknb__lists_index.html")),
            TestSites.Page("https://www.pingtan.gov.cn/zwgk/zfxxgk/gwhwj/hzgfxwj/201705/t20170518_79834.htm", TestSites.Corpus("changwu_pingtan-gov-zwgk-archive/zwgk_zfxxgk_gwhwj_hzgfxwj_201705_t20170518_79834_detail.html")),
            TestSites.Page("http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200802_1.html", TestSites.Corpus("kevin3691_renmin/hd_details.html")),
            TestSites.Page("http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/index.html", TestSites.Corpus("kevin3691_renmin/hd_list.html")),
            TestSites.Page("http://www.gov.cn/zhengce/content/2019-02/15/content_5365945.htm", TestSites.Corpus("ZhouYNF_platform-1/govcn_zhengce_content_5365945.wrap.html")),
            TestSites.Page("https://www.nfra.gov.cn/cn/view/pages/ItemDetail.html?docId=1&itemId=4113", TestSites.Corpus("Yuhamixli_nfra.gov.cn/tests_page_source_debug.html")),
        };
        var model = SiteModelBuilder.Build(TestSites.Unit("https://www.pingtan.gov.cn/"), pages, TestSites.Catalogue);
        foreach (var c in model.Columns)
            TestContext.Out.WriteLine($"COL {c.CatalogueId} [{c.NameAsShown}] {c.Url} parent={c.ParentUrl} visited={c.Visited} script={c.ItemsNeedScript} items={c.ItemCount} newest={c.NewestDate}");
        foreach (var c in model.Columns.Where(c => c.Visited)) foreach (var i in c.Items) TestContext.Out.WriteLine($"   ITEM {i.Title} {i.Url} {i.Date}");
        foreach (var d in model.Documents)
            TestContext.Out.WriteLine($"DOC {d.Url}\n  title={d.Title}\n  idx={d.IndexNumber} body={d.IssuingBody} w={d.WrittenDate} p={d.PublishedDate} no={d.DocumentNumber} topic={d.Topic} valid={d.Validity}\n  col={d.ColumnName} cols={string.Join(",", d.ColumnUrls)} att={d.Attachments.Count} interp={string.Join(",", d.InterpretationUrls)} orig={string.Join(",", d.OriginalDocumentUrls)} script={d.InterpretationLinksViaScript}");
        TestContext.Out.WriteLine("SEARCH " + string.Join("\n", model.SearchUrls));
        Assert.That(model.Columns, Is.Not.Empty);
    }
}
