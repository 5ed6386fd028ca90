using NUnit.Framework;
using Openness.Core.Snapshots;
using Openness.Rules.Findings;
using Openness.Rules.SiteModel;
using Openness.Rules.Tests.Sites;
using static Openness.Rules.Tests.Checks.CheckTesting;

namespace Openness.Rules.Tests.Checks;

public class SiteChecksTests
{
    [Test]
    public void Site_reachable_passes_when_the_homepage_answers()
    {
        var result = Run("site-reachable", new Portal().Build(), Today);
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Pass));
        Assert.That(result.Evidence.Single().Url, Is.EqualTo("http://www.csx.gov.cn/"));
        Assert.That(result.Evidence.Single().SeenAt, Is.EqualTo(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void Evidence_carries_the_pages_screenshot()
    {
        var portal = new Portal().HomeBlock("通知公告", "/zwgk/tzgg/", R("关于2026年冬季森林防火工作的通知", "/zwgk/tzgg/202611/t20261118_1001.html", "2026-11-18"));
        var pages = portal.Pages();
        pages[0] = pages[0] with { ScreenshotPath = "screenshots/home.png" };
        var site = SiteModelBuilder.Build(TestSites.Unit(portal.BaseUrl), pages, TestSites.Catalogue);
        var result = Run("homepage-updated", site, Today);
        Assert.That(result.Evidence.Single().ScreenshotPath, Is.EqualTo("screenshots/home.png"));
        Assert.That(result.Evidence.Single().Text, Does.Contain("2026-11-18"));
    }

    [TestCase(PageErrorKind.DnsFailure, null, "站点无法访问：域名无法解析")]
    [TestCase(PageErrorKind.HttpStatus, 503, "站点无法访问：返回HTTP 503错误")]
    [TestCase(PageErrorKind.Timeout, null, "站点无法访问：访问超时")]
    public void Site_reachable_fails_with_the_outcome_in_words(PageErrorKind error, int? status, string expected)
    {
        var result = Run("site-reachable", new Portal().WithoutHomepage().Failed("/", error, status).Build(), Today);
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Fail));
        Assert.That(result.Message, Does.StartWith(expected));
        Assert.That(result.Subject, Is.EqualTo("http://www.csx.gov.cn/"));
    }

    private static Rules.SiteModel.SiteModel HomeWithNews() => new Portal()
        .HomeBlock("工作动态", "/zwgk/gzdt/", R("县长主持召开县政府常务会议", "/zwgk/gzdt/202611/t20261109_2001.html", "2026-11-09"),
                                            R("全县秋季农业生产现场会召开", "/zwgk/gzdt/202610/t20261020_2000.html", "2026-10-20"))
        .Build();

    [Test]
    public void Homepage_updated_passes_within_two_weeks()
    {
        var result = Run("homepage-updated", HomeWithNews(), Today);
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Pass));
        Assert.That(result.Message, Does.Contain("2026-11-09"));
    }

    [Test]
    public void Homepage_updated_fails_when_the_newest_date_is_older_than_the_interval()
    {
        var result = Run("homepage-updated", HomeWithNews(), new DateOnly(2026, 11, 24));
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Fail));
        Assert.That(result.Message, Does.Contain("首页信息更新不及时").And.Contain("2026-11-09").And.Contain("2周"));
        var custom = Run("homepage-updated", HomeWithNews(), new DateOnly(2026, 11, 24), P(("within", "30d")));
        Assert.That(custom.Status, Is.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public void Search_works_passes_when_the_search_listed_results()
    {
        const string results = """
            <html><body><div class="search-result"><ul>
            <li><a href="/zwgk/tzgg/202611/t20261118_1001.html">关于推进政务公开标准化规范化工作的通知</a><span>2026-11-18</span></li>
            <li><a href="/zwgk/gzdt/202610/t20261012_2001.html">县政务公开工作推进会召开</a><span>2026-10-12</span></li>
            </ul></div></body></html>
            """;
        var site = new Portal().Raw("/search/index.jsp?searchword=政务公开&siteid=7", results,
            new Dictionary<string, string> { [SiteModelBuilder.SearchQueryNote] = "政务公开" }).Build();
        Assert.That(site.SearchRuns.Single().ResultCount, Is.EqualTo(2));
        var result = Run("search-works", site, Today);
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Pass));
        Assert.That(result.Message, Does.Contain("2条"));
    }

    [Test]
    public void Search_works_fails_on_an_empty_result_and_needs_review_when_no_search_ran()
    {
        var empty = new Portal().Raw("/search/index.jsp?searchword=政务公开", "<html><body><p>没有找到相关结果</p></body></html>",
            new Dictionary<string, string> { [SiteModelBuilder.SearchQueryNote] = "政务公开" }).Build();
        Assert.That(Run("search-works", empty, Today).Status, Is.EqualTo(FindingStatus.Fail));
        var none = Run("search-works", new Portal().Build(), Today);
        Assert.That(none.Status, Is.EqualTo(FindingStatus.NeedsReview));
        Assert.That(none.Fraction, Is.Null);
        Assert.That(none.Message, Does.Contain("searchword=政务公开"));
    }

    private static Rules.SiteModel.SiteModel SiteWithBroken(int broken)
    {
        var portal = new Portal();
        for (int i = 0; i < 99 - broken; i++)
            portal.Raw($"/zwgk/gzdt/202611/t20261101_{i}.html", "<html><body><h1>工作动态</h1></body></html>");
        for (int i = 0; i < broken; i++)
            portal.Failed($"/zwgk/old/{i}.html", PageErrorKind.HttpStatus, 404, "/zwgk/gzdt/");
        portal.Failed("/external", PageErrorKind.OutOfScope);
        return portal.Build();
    }

    [Test]
    public void Broken_links_pass_under_the_tolerated_ratio()
    {
        var result = Run("broken-links", SiteWithBroken(1), Today);
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Pass));
        Assert.That(result.Measured, Is.EqualTo(1));
        Assert.That(result.Expected, Is.EqualTo(100), "the out-of-scope link is not counted");
    }

    [Test]
    public void Broken_links_fall_linearly_to_zero_at_five_times_the_ratio()
    {
        var result = Run("broken-links", SiteWithBroken(6), Today);
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Partial));
        Assert.That(result.Fraction, Is.EqualTo(0.5).Within(1e-9));
        Assert.That(result.Evidence[0].Text, Does.Contain("HTTP 404").And.Contain("/zwgk/gzdt/"));
        Assert.That(Run("broken-links", SiteWithBroken(10), Today).Status, Is.EqualTo(FindingStatus.Fail));
    }
}
