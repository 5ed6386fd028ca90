using NUnit.Framework;
using Openness.Core.Snapshots;
using Openness.Rules.Findings;
using Openness.Rules.Tests.Sites;
using static Openness.Rules.Tests.Checks.CheckTesting;

namespace Openness.Rules.Tests.Checks;

public class ColumnChecksTests
{
    private static Rules.SiteModel.SiteModel County() => new Portal()
        .Column("通知公告", "/zwgk/tzgg/", [R("关于2026年冬季森林防火工作的通知", "./202611/t20261118_1001.html", "2026-11-18"),
                                           R("关于开展双随机一公开联合抽查的通知", "./202610/t20261015_1000.html", "2026-10-15")])
        .Column("工作动态", "/zwgk/gzdt/", [R("全县秋季农业生产现场会召开", "./202610/t20261001_2000.html", "2026-10-01"),
                                           R("县政府召开第三季度经济形势分析会", "./202607/t20260710_1990.html", "2026-07-10")])
        .Column("双随机一公开", "/zwgk/ssjygk/", [])
        .ScriptColumn("人事信息", "/zwgk/rsxx/")
        .Nav("财政预决算", "/zwgk/czyjs/")
        .Failed("/zwgk/czyjs/", PageErrorKind.HttpStatus, 404)
        .Build();

    [Test]
    public void Column_exists_passes_when_every_required_column_is_there()
    {
        var result = Run("column-exists", County(), Today, P(("columns", new[] { "notices", "work-news" })));
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Pass));
        Assert.That((result.Measured, result.Expected), Is.EqualTo(((double?)0, (double?)2)));
        Assert.That(result.Evidence.Select(e => e.Url), Is.EqualTo(new[] { "http://www.csx.gov.cn/zwgk/tzgg/", "http://www.csx.gov.cn/zwgk/gzdt/" }));
        Assert.That(result.Evidence[0].SeenAt, Is.Not.Null);
    }

    [Test]
    public void Column_exists_counts_missing_columns_and_a_dead_column_link()
    {
        var result = Run("column-exists", County(), Today, P(("columns", new[] { "notices", "annual-report", "budget-final-accounts", "double-random" })));
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Partial));
        Assert.That(result.Fraction, Is.EqualTo(0.5));
        Assert.That((result.Measured, result.Expected), Is.EqualTo(((double?)2, (double?)4)));
        Assert.That(result.Message, Does.Contain("政府信息公开年报").And.Contain("财政预决算").And.Contain("HTTP 404"));
        Assert.That(result.Subject, Is.EqualTo("notices,annual-report,budget-final-accounts,double-random"));
    }

    [Test]
    public void Column_exists_from_a_documents_own_column_name()
    {
        const string html = """
            <html><head><meta name="ColumnName" content="建议提案办理"><meta name="ArticleTitle" content="关于县政协十届五次会议第12号提案的答复">
            <meta name="PubDate" content="2026-08-20 10:00"></head><body><h1>关于县政协十届五次会议第12号提案的答复</h1></body></html>
            """;
        var portal = new Portal().WithoutHomepage().Raw("/zwgk/jytabl/202608/t20260820_7001.html", html);
        var result = Run("column-exists", portal.Build(), Today, P(("columns", new[] { "proposals-handling" })));
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Pass));
        Assert.That(result.Evidence.Single().Url, Is.EqualTo(portal.Url("/zwgk/jytabl/202608/t20260820_7001.html")));
        Assert.That(Run("column-exists", new Portal().Build(), Today, P(("columns", new[] { "proposals-handling" }))).Status, Is.EqualTo(FindingStatus.Fail));
    }

    [Test]
    public void Column_updated_uses_the_catalogue_interval_of_the_profile()
    {
        // notices are weekly (2w by default): 11-18 is fresh on 11-20; work-news newest 10-01 is stale.
        var result = Run("column-updated", County(), Today, P(("columns", new[] { "notices", "work-news" })));
        Assert.That(result.Fraction, Is.EqualTo(0.5));
        Assert.That(result.Measured, Is.EqualTo(1));
        Assert.That(result.Message, Does.Contain("工作动态").And.Contain("2026-10-01").And.Contain("2周"));
        // The strict profile gives notices one week: still fresh two days later.
        Assert.That(Run("column-updated", County(), Today, P(("columns", new[] { "notices" })), "strict").Status, Is.EqualTo(FindingStatus.Pass));
        Assert.That(Run("column-updated", County(), new DateOnly(2026, 11, 27), P(("columns", new[] { "notices" })), "strict").Status,
            Is.EqualTo(FindingStatus.Fail));
    }

    [Test]
    public void Column_updated_with_an_explicit_interval_and_a_missing_column()
    {
        var pass = Run("column-updated", County(), Today, P(("columns", new[] { "notices", "work-news" }), ("within", "2m")));
        Assert.That(pass.Status, Is.EqualTo(FindingStatus.Pass));
        var missing = Run("column-updated", County(), Today, P(("columns", new[] { "notices", "annual-report" }), ("within", "2m")));
        Assert.That(missing.Fraction, Is.EqualTo(0.5));
        Assert.That(missing.Message, Does.Contain("政府信息公开年报（栏目缺失）"));
    }

    [Test]
    public void Column_updated_needs_review_when_the_list_is_drawn_by_script()
    {
        var result = Run("column-updated", County(), Today, P(("columns", new[] { "personnel" })));
        Assert.That(result.Status, Is.EqualTo(FindingStatus.NeedsReview));
        Assert.That(result.Message, Does.Contain("脚本"));
    }

    [Test]
    public void Column_not_blank_passes_when_the_columns_list_items()
    {
        var result = Run("column-not-blank", County(), Today, P(("columns", new[] { "notices", "work-news" })));
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Pass));
        Assert.That(result.Measured, Is.EqualTo(0));
    }

    [Test]
    public void Column_not_blank_counts_a_missing_column_as_having_no_content()
    {
        // The test county has no annual-report column: it lists nothing, just like a blank one.
        var result = Run("column-not-blank", County(), Today, P(("columns", new[] { "notices", "work-news", "annual-report" })));
        Assert.That(result.Fraction, Is.EqualTo(2.0 / 3).Within(1e-9));
        Assert.That(result.Measured, Is.EqualTo(1));
        Assert.That(result.Message, Does.Contain("未设置栏目").And.Contain("政府信息公开年报"));
    }

    [Test]
    public void Column_not_blank_finds_the_blank_column_and_not_the_script_one()
    {
        var result = Run("column-not-blank", County(), Today, P(("columns", new[] { "notices", "double-random", "personnel" })));
        Assert.That(result.Fraction, Is.EqualTo(0.5));
        Assert.That(result.Measured, Is.EqualTo(1));
        Assert.That(result.Message, Does.Contain("空白栏目").And.Contain("双随机一公开").And.Contain("人事信息"));
        Assert.That(result.Evidence.Single().Url, Is.EqualTo("http://www.csx.gov.cn/zwgk/ssjygk/"));
    }

    [Test]
    public void Min_items_counts_items_in_the_period()
    {
        var partial = Run("min-items", County(), Today, P(("columns", new[] { "notices", "work-news" }), ("count", "6"), ("within", "6m")));
        Assert.That(partial.Measured, Is.EqualTo(4));
        Assert.That(partial.Fraction, Is.EqualTo(4.0 / 6).Within(1e-9));
        var recent = Run("min-items", County(), Today, P(("columns", new[] { "work-news" }), ("count", "2"), ("within", "3m")));
        Assert.That(recent.Measured, Is.EqualTo(1), "07-10 is older than three months");
        var pass = Run("min-items", County(), Today, P(("count", "4")));
        Assert.That(pass.Status, Is.EqualTo(FindingStatus.Pass));
        Assert.That(pass.Message, Does.Contain("全站栏目"));
    }

    [Test]
    public void Items_matching_finds_titles_with_keywords()
    {
        var hit = Run("items-matching", County(), Today, P(("keywords", new[] { "双随机", "抽查结果" })));
        Assert.That(hit.Status, Is.EqualTo(FindingStatus.Pass));
        Assert.That(hit.Evidence.Single().Text, Does.Contain("关于开展双随机一公开联合抽查的通知"));
        var miss = Run("items-matching", County(), Today, P(("keywords", new[] { "抽查结果" })));
        Assert.That(miss.Status, Is.EqualTo(FindingStatus.Fail));
        Assert.That(miss.Message, Does.Contain("抽查结果"));
        var old = Run("items-matching", County(), Today, P(("keywords", new[] { "双随机" }), ("within", "14d")));
        Assert.That(old.Status, Is.EqualTo(FindingStatus.Fail), "the 10-15 notice is older than 14 days");
        var twice = Run("items-matching", County(), Today, P(("keywords", new[] { "通知" }), ("columns", new[] { "notices" }), ("count", "4")));
        Assert.That(twice.Fraction, Is.EqualTo(0.5));
    }

    [Test]
    public void Publishing_volume_against_the_units_target()
    {
        var portal = new Portal()
            .Column("通知公告", "/zwgk/tzgg/", [R("关于2026年冬季森林防火工作的通知", "./202611/t20261118_1001.html", "2026-11-18"),
                                               R("关于2025年度目标考核的通知", "./202508/t20250801_0900.html", "2025-08-01")]);
        var withTarget = SiteModelBuilderWithTarget(portal, 4);
        var result = Run("publishing-volume", withTarget, Today);
        Assert.That((result.Measured, result.Expected), Is.EqualTo(((double?)1, (double?)4)));
        Assert.That(result.Fraction, Is.EqualTo(0.25));
        var met = Run("publishing-volume", SiteModelBuilderWithTarget(portal, 1), Today);
        Assert.That(met.Status, Is.EqualTo(FindingStatus.Pass));
        var none = Run("publishing-volume", portal.Build(), Today);
        Assert.That(none.Status, Is.EqualTo(FindingStatus.NeedsReview));
        Assert.That(none.Measured, Is.EqualTo(1));
    }

    private static Rules.SiteModel.SiteModel SiteModelBuilderWithTarget(Portal portal, int target) => portal.Build(target);
}
