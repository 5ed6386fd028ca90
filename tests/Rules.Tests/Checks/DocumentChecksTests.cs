using NUnit.Framework;
using Openness.Rules.Findings;
using Openness.Rules.SiteModel;
using Openness.Rules.Tests.Sites;
using static Openness.Rules.Tests.Checks.CheckTesting;

namespace Openness.Rules.Tests.Checks;

public class DocumentChecksTests
{
    private const string PolicyPath = "/zwgk/zcwj/202609/t20260930_3001.html";
    private const string OtherPath = "/zwgk/zcwj/202609/t20260915_3000.html";

    /// <summary>Two policy documents; the first has an interpretation published on <paramref name="interpretationDate"/>.</summary>
    private static Rules.SiteModel.SiteModel Policies(string interpretationDate, bool secondLinked, bool linkBackOnly = false)
    {
        var interpretationPath = $"/zwgk/zcjd/202610/t{interpretationDate.Replace("-", "")}_4001.html";
        var related = $"""<div class="xgjd"><h3>相关解读</h3><ul><li><a href="{interpretationPath}">一图读懂促进民营经济发展若干措施</a></li></ul></div>""";
        return new Portal()
            .Column("政策文件", "/zwgk/zcwj/", [R("测试县促进民营经济发展若干措施", "./202609/t20260930_3001.html", "2026-09-30"),
                                               R("测试县城乡环境综合整治实施方案", "./202609/t20260915_3000.html", "2026-09-15")])
            .Column("政策解读", "/zwgk/zcjd/", [R("《测试县促进民营经济发展若干措施》政策解读", "." + interpretationPath[10..], interpretationDate)])
            .Detail(new Doc(PolicyPath, "测试县促进民营经济发展若干措施", "政策文件", "/zwgk/zcwj/")
                { Written = "2026-09-25", Published = "2026-09-30", Related = linkBackOnly ? "" : related })
            .Detail(new Doc(OtherPath, "测试县城乡环境综合整治实施方案", "政策文件", "/zwgk/zcwj/")
            {
                Written = "2026-08-03", Published = "2026-09-15", IndexNumber = null, Topic = null,
                Related = secondLinked ? """<div class="xgjd"><h3>相关解读</h3><ul><li><a href="/zwgk/zcjd/202609/t20260916_4000.html">城乡环境综合整治实施方案解读</a></li></ul></div>""" : "",
            })
            .Detail(new Doc(interpretationPath, "《测试县促进民营经济发展若干措施》政策解读", "政策解读", "/zwgk/zcjd/")
            {
                Published = interpretationDate, DocumentNumber = null,
                Related = $"""<div class="ywlj"><span>原文链接：</span><a href="{PolicyPath}">测试县促进民营经济发展若干措施</a></div>""",
            })
            .Build();
    }

    [Test]
    public void Interpretation_linked_passes_when_every_policy_links_one()
    {
        var result = Run("policy-interpretation-linked", Policies("2026-10-09", secondLinked: true), Today);
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Pass));
        Assert.That(result.Message, Does.Contain("政策文件2件").And.Contain("已关联解读2件"));
    }

    [Test]
    public void Interpretation_linked_names_the_unlinked_policy()
    {
        var result = Run("policy-interpretation-linked", Policies("2026-10-09", secondLinked: false), Today);
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Partial));
        Assert.That(result.Fraction, Is.EqualTo(0.5));
        Assert.That(result.Message, Does.Contain("《测试县城乡环境综合整治实施方案》"));
        Assert.That(result.Evidence[0].Url, Is.EqualTo("http://www.csx.gov.cn" + OtherPath));
    }

    [Test]
    public void Interpretation_linking_back_to_the_policy_counts()
    {
        var result = Run("policy-interpretation-linked", Policies("2026-10-09", secondLinked: true, linkBackOnly: true), Today);
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Pass), "the interpretation's 原文链接 links the pair");
    }

    [Test]
    public void Pingtan_policy_with_script_drawn_interpretations_needs_review_not_fail()
    {
        const string url = "https://www.pingtan.gov.cn/zwgk/zfxxgk/gwhwj/hzgfxwj/201705/t20170518_79834.htm";
        var site = SiteModelBuilder.Build(TestSites.Unit("https://www.pingtan.gov.cn/"),
            [TestSites.Page(url, TestSites.Corpus("changwu_pingtan-gov-zwgk-archive/zwgk_zfxxgk_gwhwj_hzgfxwj_201705_t20170518_79834_detail.html"))],
            TestSites.Catalogue);
        // The document sits in 行政规范性文件 under 管委会文件 (a policy-documents alias): the default parameters find it.
        var result = Run("policy-interpretation-linked", site, new DateOnly(2017, 12, 31));
        Assert.That(result.Status, Is.EqualTo(FindingStatus.NeedsReview));
        Assert.That(result.Fraction, Is.Null);
        Assert.That(result.Message, Does.Contain("脚本").And.Contain("政策文件1件"));
        Assert.That(result.Evidence.Single().Url, Is.EqualTo(url));
    }

    [Test]
    public void Interpretation_after_national_day_is_within_three_working_days()
    {
        // 2026-10-01..10-07 are holidays: 09-30 → 10-09 is nine calendar days but two working days (10-08, 10-09).
        Assert.That(CheckTesting.Calendar.WorkingDaysBetween(new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 9)), Is.EqualTo(2));
        var result = Run("interpretation-timely", Policies("2026-10-09", secondLinked: false), Today);
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Pass));
        Assert.That(result.Evidence.Single().Text, Does.Contain("间隔2个工作日"));
    }

    [Test]
    public void Interpretation_a_week_after_the_holiday_is_late()
    {
        // 10-08, 10-09, 10-10 (adjusted working Saturday), 10-12, 10-13, 10-14: six working days.
        var result = Run("interpretation-timely", Policies("2026-10-14", secondLinked: false), Today);
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Fail));
        Assert.That(result.Message, Does.Contain("晚于3个工作日").And.Contain("测试县促进民营经济发展若干措施"));
        // Both pages of the late pair are cited: the document and its interpretation.
        Assert.That(result.Evidence, Has.Count.EqualTo(2));
        Assert.That(result.Evidence.Select(e => e.Url).Distinct().Count(), Is.EqualTo(2));
        Assert.That(result.Evidence.Select(e => e.Text), Has.All.Contains("间隔6个工作日"));
        Assert.That(Run("interpretation-timely", Policies("2026-10-14", false), Today, P(("within", "10wd"))).Status, Is.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public void Published_timely_compares_written_and_published_dates_in_working_days()
    {
        // 09-25 → 09-30: 3 working days; 08-03 → 09-15: 31 working days.
        var result = Run("document-published-timely", Policies("2026-10-09", false), Today);
        Assert.That(result.Fraction, Is.EqualTo(0.5));
        Assert.That(result.Measured, Is.EqualTo(1));
        Assert.That(result.Message, Does.Contain("测试县城乡环境综合整治实施方案").And.Contain("20个工作日"));
        Assert.That(result.Evidence.Single().Text, Does.Contain("成文 2026-08-03").And.Contain("发布 2026-09-15"));
        var relaxed = Run("document-published-timely", Policies("2026-10-09", false), Today, P(("within", "40wd")));
        Assert.That(relaxed.Status, Is.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public void Published_timely_needs_review_without_written_dates()
    {
        var site = new Portal()
            .Column("政策文件", "/zwgk/zcwj/", [R("测试县促进民营经济发展若干措施", "./202609/t20260930_3001.html", "2026-09-30")])
            .Detail(new Doc(PolicyPath, "测试县促进民营经济发展若干措施", "政策文件", "/zwgk/zcwj/") { Written = null, Published = "2026-09-30" })
            .Build();
        var result = Run("document-published-timely", site, Today);
        Assert.That(result.Status, Is.EqualTo(FindingStatus.NeedsReview));
        Assert.That(result.Message, Does.Contain("成文日期"));
    }

    [Test]
    public void Metadata_complete_averages_fields_per_document()
    {
        var result = Run("metadata-complete", Policies("2026-10-09", false), Today);
        // One document has all six fields, the other lacks 索引号 and 主题分类: (1 + 4/6) / 2.
        Assert.That(result.Fraction, Is.EqualTo((1 + 4.0 / 6) / 2).Within(1e-9));
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Partial));
        Assert.That(result.Evidence.Single().Text, Does.Contain("测试县城乡环境综合整治实施方案").And.Contain("索引号").And.Contain("主题分类"));
        var chosen = Run("metadata-complete", Policies("2026-10-09", false), Today, P(("fields", new[] { "issuing-body", "published-date", "document-number" })));
        Assert.That(chosen.Status, Is.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public void Metadata_complete_on_the_real_handan_page()
    {
        const string handan = "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200802_1352104.html";
        // 邯郸 files its department documents under 部门信息公开: a catalogue alias of the policy column for this test.
        var catalogue = new Openness.Rules.Catalogue.ColumnCatalogue(
            [new("policy-documents", "政策文件", ["部门信息公开"], "monthly", null)], []);
        var hd = SiteModelBuilder.Build(TestSites.Unit("http://hdzfxxgk.hd.gov.cn/"),
            [TestSites.Page(handan, TestSites.Corpus("kevin3691_renmin/hd_details.html"))], catalogue);
        var check = Openness.Rules.Checks.CheckRegistry.Default.Get("metadata-complete")!;
        var context = new Openness.Rules.Checks.CheckContext { Site = hd, Catalogue = catalogue, Calendar = CheckTesting.Calendar, AsOf = Today };
        var r = check.Run(context, Openness.Rules.Checks.CheckParameters.Empty);
        Assert.That(r.Fraction, Is.EqualTo(5.0 / 6).Within(1e-9), "成文日期 is commented out on the 邯郸 page");
        Assert.That(r.Evidence.Single().Text, Does.Contain("成文日期"));
        Assert.That(r.Evidence.Single().Url, Is.EqualTo(handan));
    }
}
