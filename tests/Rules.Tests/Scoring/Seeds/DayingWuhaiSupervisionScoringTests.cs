using NUnit.Framework;
using Openness.Rules.Findings;
using Openness.Rules.Indicators;
using Openness.Rules.Scoring;
using Openness.Rules.Tests.RulesFiles;
using static Openness.Rules.Tests.Scoring.Seeds.SeedScoring;

namespace Openness.Rules.Tests.Scoring.Seeds;

/// <summary>
/// Seed 002 (大英县 2018: strict update profile, per-unit publishing targets), seed 003 (乌海 2017 self-check table and
/// its statistics table) and seed 004 (the supervision table's rectification rows), scored against
/// <see cref="KnownPortal"/> by hand.
/// </summary>
public class DayingWuhaiSupervisionScoringTests
{
    [Test]
    public void Daying_附件2_with_a_publishing_target_of_20()
    {
        var card = KnownPortal.Score(KnownPortal.Load("daying-2018.yaml"), publishingTarget: 20);

        // 信息发布 (25分) "按照附件1任务数完成, 每少1条扣0.3分; 每超10条加0.2分": 8 items within a year (T7's count),
        // target 20: 12 short × 0.3 = 3.6 off → 21.4; nothing above, so no bonus.
        Earned(card, "publishing-target", 21.4, 25, FindingStatus.Partial);
        Assert.That(card.Adjustments.Where(a => a.Kind == "bonus" && a.Points > 0), Is.Empty);
        // 政府文件 (5分): column-exists 1; column-updated under seed 002's profile (政策文件 生成当周公开: 1 week; newest
        // 10-13) 0; metadata-complete 5/6. (1 + 0 + 5/6) / 3 × 5 = 55/18 = 3.0556.
        Earned(card, "government-documents", 55.0 / 18, 5, FindingStatus.Partial);
        // 重点信息 (25分): mean of column-exists over 6 key-area columns (0/6) and five keyword searches, of which only
        // 安全生产 finds a title (T5): 1/6 × 25 = 4.1667.
        Earned(card, "key-information", 25.0 / 6, 25, FindingStatus.Partial);
        // 政策解读 (2分): (1 + 1/2) / 2 × 2 = 1.5.
        Earned(card, "policy-interpretation", 1.5, 2, FindingStatus.Partial);
        // 目录和年报 (5分) "目录未更新的扣1分; 没有年度报告的扣2分": the catalogue's columns are all stale (政策文件 1
        // week, 通知公告 1 day, 工作动态 1 day) → 1 off; the report is there and on time → 0 off. 5 − 1 = 4.
        Earned(card, "catalogue-and-annual-report", 4, 5, FindingStatus.Partial);
        // 门户网站 (6分): site reachable, but the homepage lists nothing dated (T7) → NeedsReview, not a guess.
        Earned(card, "portal", 0, 6, FindingStatus.NeedsReview);
        // 2 + 2 + 2 + 其他渠道 6 + 依申请 6 + 保密审查 2 = 20 manual.
        Manual(card, ("responsible-office", 2), ("staff", 2), ("rules-and-mechanisms", 2), ("other-channels", 6), ("on-request", 6),
            ("confidentiality-review", 2));
        // 21.4 + 55/18 + 25/6 + 1.5 + 4 = 34.1222.
        Totals(card, 26.9 + 55.0 / 18 + 25.0 / 6, "不合格", manualPending: 20, reviewPending: 6);
    }

    [Test]
    public void Daying_without_a_target_leaves_the_target_leaf_to_review()
    {
        var card = KnownPortal.Score(KnownPortal.Load("daying-2018.yaml"), publishingTarget: null);
        // No target in the units file: nothing to compare the 8 items with, so 25 points wait for review.
        Earned(card, "publishing-target", 0, 25, FindingStatus.NeedsReview);
        // The rest as with a target: 55/18 + 25/6 + 1.5 + 4 = 12.7222; review 6 + 25 = 31.
        Totals(card, 5.5 + 55.0 / 18 + 25.0 / 6, "不合格", manualPending: 20, reviewPending: 31);
    }

    [Test]
    public void Daying_targets_file_is_the_seeds_table()
    {
        var registry = Openness.Rules.Checks.CheckRegistry.Default;
        var targets = IndicatorSystemLoader.LoadTargets(RulesPaths.File("daying-2018-targets.yaml"), registry,
            Openness.Rules.Catalogue.ColumnCatalogue.Load(RulesPaths.File("columns.yaml")));
        // 附件1 lists 64 units adding up to 12360 items; 政府办 240, 台办 20.
        Assert.That(targets.Targets.Sum(t => t.Target), Is.EqualTo(12360));
        Assert.That(targets.TargetFor("政府办"), Is.EqualTo(240));
    }

    [Test]
    public void Wuhai_附件1_self_check_and_附件2_statistics()
    {
        var card = KnownPortal.Score(KnownPortal.Load("wuhai-2017-self-check.yaml"));

        // 指南和目录及时更新 (1分): (disclosure-guide 1 + column-updated 政策文件/通知公告/工作动态 1/3) / 2 = 2/3.
        Earned(card, "guide-and-catalogue-updated", 2.0 / 3, 1, FindingStatus.Partial);
        // 年报编制 (2分): 年报 column exists → 2; 年报发布 (1分): on time → 1.
        Earned(card, "annual-report-compiled", 2, 2, FindingStatus.Pass);
        Earned(card, "annual-report-published", 1, 1, FindingStatus.Pass);
        // 20个工作日内公开 (5分): 1 of 2 documents timely → 2.5.
        Earned(card, "published-within-20wd", 2.5, 5, FindingStatus.Partial);
        // 解读栏目 (4分) present → 4; 文件与解读关联 (4分): 1/2 → 2.
        Earned(card, "interpretation-column", 4, 4, FindingStatus.Pass);
        Earned(card, "interpretation-linked", 2, 4, FindingStatus.Partial);
        // 制度建立 (1分, 提交材料 + 实际验证): scored by its check, 政府信息公开制度 column missing → 0, not manual.
        Earned(card, "rules-made", 0, 1, FindingStatus.Fail);
        // Submitted materials: 3+2+3+3+2+3+2+2+1+2+1+2 (组织领导 … 平台制度) + 3+3+3 (归档、办理、纠错) + 2+2+2+1 (服务)
        // + 3+2+1 (发布会、回应、新媒体运维) = 48.
        Manual(card, ("hears-report", 3), ("deploys-work", 2), ("performance-weight", 3), ("platform-rules", 2), ("archive-submission", 3),
            ("correction-rate", 3), ("hall-operation", 1), ("leader-press", 3), ("new-media-operation", 1));
        // 2/3 + 2 + 1 + 2.5 + 4 + 2 = 12.1667.
        Totals(card, 11.5 + 2.0 / 3, "不合格", manualPending: 48);

        var stats = card.Statistics.ToDictionary(s => s.Id);
        // 主动公开政府信息数 and 其中 政府网站: items dated within a year over every column = 8; 政策解读 1 (J1).
        Assert.That(stats["proactive-items"].Value, Is.EqualTo(8));
        Assert.That(stats["via-website"].Value, Is.EqualTo(8));
        Assert.That(stats["interpretations"].Value, Is.EqualTo(1));
        // 依申请 counts are not on a website: left to the unit.
        Assert.That(stats["received-online"].Status, Is.EqualTo(FindingStatus.Manual));
        Assert.That(stats["received-online"].Value, Is.Null);
    }

    [Test]
    public void Supervision_2017_raises_the_tasks_whose_indicators_fell_short()
    {
        var registry = Openness.Rules.Checks.CheckRegistry.Default;
        var table = IndicatorSystemLoader.LoadSupervision(RulesPaths.File("supervision-2017.yaml"), registry,
            Openness.Rules.Catalogue.ColumnCatalogue.Load(RulesPaths.File("columns.yaml")));
        var card = KnownPortal.Score(KnownPortal.Load("jilin-2017-county.yaml"));
        var rows = RectificationPlanner.Plan(table, [card]).ToDictionary(r => r.Number);

        // 1 决策: 重大决策预公开 and 会议公开 failed (no columns, no 列席/旁听 titles). 2 决策公开: 政策性文件公开 partial,
        // D2 late. 24 解读: 解读栏目 partial (D2 not linked). 37 门户网站: partial (blank 通知公告, stale 工作动态 ...).
        Assert.That(rows.Keys, Is.SupersetOf(new[] { 1, 2, 24, 37 }));
        Assert.That(rows[2].Problems, Has.Some.Contains("《关于做好秋冬季森林防火工作的通知》"));
        Assert.That(rows[2].MaterialProviders, Is.EqualTo(new[] { "市政府办公室" }));
        Assert.That(rows[2].Completion, Is.EqualTo("未完成"));
        // 解读情况 passed, but 24 is raised by 解读栏目 alone; 20 图解 and 32 标准目录 name indicators the county
        // system does not have; 21 基层渠道 has no automatic trigger at all (it is for the assessor).
        Assert.That(rows.Keys, Has.None.AnyOf(20, 21, 32));
    }
}
