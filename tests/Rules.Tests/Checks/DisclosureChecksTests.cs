using NUnit.Framework;
using Openness.Rules.Checks;
using Openness.Rules.Findings;
using Openness.Rules.SiteModel;
using Openness.Rules.Tests.Sites;
using static Openness.Rules.Tests.Checks.CheckTesting;

namespace Openness.Rules.Tests.Checks;

public class DisclosureChecksTests
{
    private static Rules.SiteModel.SiteModel Guide(string date) => new Portal()
        .Column("政府信息公开指南", "/zwgk/zfxxgkzn/", [R("测试县人民政府政府信息公开指南", "./202603/t20260310_5001.html", date)])
        .Build();

    [Test]
    public void Disclosure_guide_present_and_updated_within_a_year()
    {
        var result = Run("disclosure-guide", Guide("2026-03-10"), Today);
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Pass));
        Assert.That(result.Message, Does.Contain("2026-03-10"));
        Assert.That(result.Evidence[0].Url, Is.EqualTo("http://www.csx.gov.cn/zwgk/zfxxgkzn/"));
    }

    [Test]
    public void Disclosure_guide_not_updated_gets_half()
    {
        var result = Run("disclosure-guide", Guide("2024-03-10"), Today);
        Assert.That(result.Fraction, Is.EqualTo(0.5));
        Assert.That(result.Message, Does.Contain("超过1年未更新"));
    }

    [Test]
    public void Disclosure_guide_missing_fails()
    {
        var result = Run("disclosure-guide", new Portal().Column("通知公告", "/zwgk/tzgg/", []).Build(), Today);
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Fail));
        Assert.That(result.Message, Does.Contain("未找到政府信息公开指南"));
    }

    [Test]
    public void Disclosure_guide_from_the_real_pingtan_guide_page()
    {
        var site = SiteModelBuilder.Build(TestSites.Unit("https://www.pingtan.gov.cn/"),
            [TestSites.Page("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgkzn/202311/t20231104_51587.htm",
                TestSites.Corpus("changwu_pingtan-gov-zwgk-archive/zwgk_zfxxgk_zfxxgkzn_202311_t20231104_51587_guide.html"))],
            TestSites.Catalogue);
        // PubDate 2024-03-23: within a year in 2025-03, stale in 2026.
        Assert.That(Run("disclosure-guide", site, new DateOnly(2025, 3, 1)).Status, Is.EqualTo(FindingStatus.Pass));
        var stale = Run("disclosure-guide", site, Today);
        Assert.That(stale.Fraction, Is.EqualTo(0.5));
        Assert.That(stale.Message, Does.Contain("2024-03-23"));
    }

    private static Rules.SiteModel.SiteModel Reports(params Row[] rows) =>
        new Portal().Column("政府信息公开年报", "/zwgk/zfxxgknb/", rows).Build();

    private static readonly Row Report2024 = R("测试县人民政府2024年政府信息公开工作年度报告", "./202501/t20250120_6001.html", "2025-01-20");
    private static readonly Row Report2025OnTime = R("测试县人民政府2025年政府信息公开工作年度报告", "./202601/t20260126_6101.html", "2026-01-26");
    private static readonly Row Report2025Late = R("测试县人民政府2025年度政府信息公开工作年度报告", "./202603/t20260310_6102.html", "2026-03-10");

    [TestCase(2026, 1, 30, "2024")]
    [TestCase(2026, 1, 31, "2024")]
    [TestCase(2026, 2, 1, "2025")]
    public void Annual_report_due_is_the_previous_years_report_after_31_january(int y, int m, int d, string expectedYear)
    {
        var result = Run("annual-report", Reports(Report2024, Report2025OnTime), new DateOnly(y, m, d));
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Pass));
        Assert.That(result.Subject, Is.EqualTo($"annual-report:{expectedYear}"));
        Assert.That(result.Message, Does.StartWith($"{expectedYear}年度报告"));
    }

    [Test]
    public void Annual_report_missing_after_the_deadline_fails()
    {
        var result = Run("annual-report", Reports(Report2024), new DateOnly(2026, 2, 1));
        Assert.That(result.Status, Is.EqualTo(FindingStatus.Fail));
        Assert.That(result.Message, Does.Contain("未找到2025年度").And.Contain("2026-01-31"));
        Assert.That(Run("annual-report", Reports(Report2024), new DateOnly(2026, 1, 31)).Status, Is.EqualTo(FindingStatus.Pass),
            "on the due day the 2025 report is not yet overdue");
    }

    [Test]
    public void Annual_report_published_late_gets_half()
    {
        var result = Run("annual-report", Reports(Report2024, Report2025Late), new DateOnly(2026, 6, 1));
        Assert.That(result.Fraction, Is.EqualTo(0.5));
        Assert.That(result.Message, Does.Contain("2026-03-10").And.Contain("晚于截止日2026-01-31"));
        Assert.That(result.Evidence.Single().Url, Is.EqualTo("http://www.csx.gov.cn/zwgk/zfxxgknb/202603/t20260310_6102.html"));
        var laterDue = Run("annual-report", Reports(Report2024, Report2025Late), new DateOnly(2026, 6, 1), P(("due", "03-31")));
        Assert.That(laterDue.Status, Is.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public void Annual_report_on_the_real_pingtan_list()
    {
        var site = SiteModelBuilder.Build(TestSites.Unit("https://www.pingtan.gov.cn/"),
            [TestSites.Page("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/",
                TestSites.Corpus("changwu_pingtan-gov-zwgk-archive/zwgk_zfxxgk_zfxxgknb__lists_index.html"))],
            TestSites.Catalogue);
        // The 2018 report was listed 2019-01-10 (on time); the 2025 report 2026-03-10 (late).
        Assert.That(Run("annual-report", site, new DateOnly(2019, 6, 1)).Status, Is.EqualTo(FindingStatus.Pass));
        Assert.That(Run("annual-report", site, new DateOnly(2026, 6, 1)).Fraction, Is.EqualTo(0.5));
    }
}

public class CheckRegistryTests
{
    private static readonly string[] ContractIds =
    [
        "site-reachable", "homepage-updated", "column-exists", "column-updated", "column-not-blank", "min-items", "items-matching",
        "policy-interpretation-linked", "interpretation-timely", "document-published-timely", "metadata-complete", "disclosure-guide",
        "annual-report", "search-works", "broken-links", "publishing-volume",
    ];

    [Test]
    public void Every_contract_id_is_registered_once() =>
        Assert.That(CheckRegistry.Default.All.Select(c => c.Id), Is.EquivalentTo(ContractIds));

    [TestCase("column-exists", "columns", ParameterKind.ColumnIdList, true)]
    [TestCase("column-updated", "within", ParameterKind.Duration, false)]
    [TestCase("min-items", "count", ParameterKind.Number, true)]
    [TestCase("items-matching", "keywords", ParameterKind.TextList, true)]
    [TestCase("policy-interpretation-linked", "documents", ParameterKind.ColumnIdList, false)]
    [TestCase("metadata-complete", "fields", ParameterKind.TextList, false)]
    [TestCase("annual-report", "due", ParameterKind.Text, false)]
    [TestCase("broken-links", "maxRatio", ParameterKind.Number, false)]
    [TestCase("search-works", "query", ParameterKind.Text, false)]
    public void Parameters_are_declared_as_the_contract_says(string id, string name, ParameterKind kind, bool required)
    {
        var spec = CheckRegistry.Default.Get(id)!.Parameters.Single(p => p.Name == name);
        Assert.That((spec.Kind, spec.Required), Is.EqualTo((kind, required)));
        Assert.That(spec.Description, Is.Not.Empty);
    }
}

public class EmptySiteTests
{
    private static readonly Dictionary<string, CheckParameters> Required = new()
    {
        ["column-exists"] = CheckTesting.P(("columns", new[] { "notices", "annual-report" })),
        ["column-updated"] = CheckTesting.P(("columns", new[] { "notices" })),
        ["column-not-blank"] = CheckTesting.P(("columns", new[] { "notices" })),
        ["min-items"] = CheckTesting.P(("count", "10")),
        ["items-matching"] = CheckTesting.P(("keywords", new[] { "双随机" })),
    };

    [Test]
    public void Every_check_decides_or_asks_for_review_on_an_unreachable_site()
    {
        var site = new Portal().WithoutHomepage().Failed("/", Openness.Core.Snapshots.PageErrorKind.ConnectionRefused).Build();
        foreach (var check in CheckRegistry.Default.All)
        {
            var result = check.Run(CheckTesting.Context(site, CheckTesting.Today), Required.GetValueOrDefault(check.Id, CheckParameters.Empty));
            Assert.That(result.Message, Does.Match(@"\p{IsCJKUnifiedIdeographs}"), check.Id);
            Assert.That(result.Status, Is.Not.EqualTo(FindingStatus.Pass), check.Id);
            Assert.That(result.Fraction is null == (result.Status == FindingStatus.NeedsReview), Is.True, check.Id);
            if (check.Id is "site-reachable" or "homepage-updated" or "broken-links" or "column-exists" or "annual-report" or "disclosure-guide"
                or "min-items" or "items-matching")
                Assert.That(result.Status, Is.EqualTo(FindingStatus.Fail), check.Id);
        }
    }
}
