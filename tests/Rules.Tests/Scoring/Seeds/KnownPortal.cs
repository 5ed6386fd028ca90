using Openness.Rules.Calendar;
using Openness.Rules.Catalogue;
using Openness.Rules.Checks;
using Openness.Rules.Indicators;
using Openness.Rules.Scoring;
using Openness.Rules.Tests.RulesFiles;
using Openness.Rules.Tests.Sites;

namespace Openness.Rules.Tests.Scoring.Seeds;

/// <summary>
/// A small county portal whose every truth is known, scored against the shipped rules files with the real site-model
/// builder, the real checks, the real calendar and catalogue, and the real scorer. As of Friday 2026-11-20.
///
/// What the portal holds (the derivations in the tests refer to these truths by number):
///  T1 政府信息公开指南 /zwgk/zn/: one guide, listed 2026-03-02 (within a year, not within 6 months).
///  T2 政策文件 /zwgk/zcwj/: two policy documents.
///     D1 written 2026-10-09 (Fri), published 2026-10-13 (Tue): 2 working days, timely; all six catalogue fields;
///        links to its interpretation J1 (【政策解读】).
///     D2 written 2026-08-03, published 2026-09-30: about 40 working days later, far over 20: late;
///        发文字号 and 主题分类 missing: 4 of 6 fields; no interpretation.
///  T3 政策解读 /zwgk/zcjd/: J1 published 2026-10-14, 1 working day after D1; links back to D1 (原文链接).
///  T4 通知公告 /zwgk/tzgg/: the column exists but lists nothing (blank).
///  T5 工作动态 /xwzx/gzdt/: three items, newest 2026-05-06 (stale for every interval shorter than 6 months); two
///     titles contain 会议 (春季农业生产工作会议, 安全生产专题会议), one contains 安全生产; no other keyword of any seed matches.
///  T6 政府信息公开年报 /zwgk/nb/: the 2025 report, published 2026-01-20 (before 31 January).
///  T7 the homepage lists nothing dated; no search was run; no page failed; nothing else exists.
/// Items dated within a year of the as-of day: T1 1 + D1, D2 + J1 + T5 3 + T6 1 = 8.
/// </summary>
public static class KnownPortal
{
    public static readonly DateOnly AsOf = new(2026, 11, 20);

    public const string D1 = "/zwgk/zcwj/202610/t20261013_101.html";
    public const string D2 = "/zwgk/zcwj/202609/t20260930_102.html";
    public const string J1 = "/zwgk/zcjd/202610/t20261014_201.html";

    public static Portal Build()
    {
        var portal = new Portal("http://www.qsx.gov.cn/");
        portal.Column("政府信息公开指南", "/zwgk/zn/", [new Row("青山县人民政府政府信息公开指南", "/zwgk/zn/202603/t20260302_301.html", "2026-03-02")]);
        portal.Column("政策文件", "/zwgk/zcwj/",
        [
            new Row("关于印发《青山县优化营商环境实施方案》的通知", D1, "2026-10-13"),
            new Row("关于做好秋冬季森林防火工作的通知", D2, "2026-09-30"),
        ]);
        portal.Column("政策解读", "/zwgk/zcjd/", [new Row("《青山县优化营商环境实施方案》政策解读", J1, "2026-10-14")]);
        portal.Column("通知公告", "/zwgk/tzgg/", []);
        portal.Column("工作动态", "/xwzx/gzdt/",
        [
            new Row("县政府召开春季农业生产工作会议", "/xwzx/gzdt/202605/t20260506_401.html", "2026-05-06"),
            new Row("县政府召开安全生产专题会议", "/xwzx/gzdt/202604/t20260401_402.html", "2026-04-01"),
            new Row("县政府开展植树造林义务劳动", "/xwzx/gzdt/202603/t20260315_403.html", "2026-03-15"),
        ]);
        portal.Column("政府信息公开年报", "/zwgk/nb/", [new Row("青山县人民政府2025年政府信息公开工作年度报告", "/zwgk/nb/202601/t20260120_501.html", "2026-01-20")]);
        portal.Detail(new Doc(D1, "关于印发《青山县优化营商环境实施方案》的通知", "政策文件", "/zwgk/zcwj/")
        {
            Written = "2026-10-09", Published = "2026-10-13", DocumentNumber = "青政发〔2026〕8号",
            Related = $"<div class=\"related\"><a href=\"{J1}\">【政策解读】《青山县优化营商环境实施方案》政策解读</a></div>",
        });
        portal.Detail(new Doc(D2, "关于做好秋冬季森林防火工作的通知", "政策文件", "/zwgk/zcwj/")
        {
            Written = "2026-08-03", Published = "2026-09-30", DocumentNumber = null, Topic = null,
        });
        portal.Detail(new Doc(J1, "《青山县优化营商环境实施方案》政策解读", "政策解读", "/zwgk/zcjd/")
        {
            Written = "2026-10-14", Published = "2026-10-14", DocumentNumber = null,
            Related = $"<div class=\"related\"><span>原文链接：</span><a href=\"{D1}\">关于印发《青山县优化营商环境实施方案》的通知</a></div>",
        });
        return portal;
    }

    private static readonly Lazy<ColumnCatalogue> LazyCatalogue = new(() => ColumnCatalogue.Load(RulesPaths.File("columns.yaml")));
    private static readonly Lazy<WorkingDayCalendar> LazyCalendar = new(() => WorkingDayCalendar.Load(RulesPaths.File("cn-calendar.json")));

    public static IndicatorSystem Load(string file) =>
        IndicatorSystemLoader.Load(RulesPaths.File(file), CheckRegistry.Default, LazyCatalogue.Value);

    /// <summary>Builds the site model from the portal's snapshot pages and scores it with every real check.</summary>
    public static ScoreCard Score(IndicatorSystem system, int? publishingTarget = null)
    {
        var site = SiteModel.SiteModelBuilder.Build(TestSites.Unit("http://www.qsx.gov.cn/", publishingTarget), Build().Pages(),
            LazyCatalogue.Value, AsOf);
        return Scorer.Score(system, new CheckContext
        {
            Site = site, Catalogue = LazyCatalogue.Value, Calendar = LazyCalendar.Value, AsOf = AsOf, UpdateProfile = system.UpdateProfile,
        });
    }
}
