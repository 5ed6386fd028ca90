using NUnit.Framework;
using Openness.Rules.Findings;
using static Openness.Rules.Tests.Scoring.Seeds.SeedScoring;

namespace Openness.Rules.Tests.Scoring.Seeds;

/// <summary>
/// Seed 001 (随州 2020) scored against <see cref="KnownPortal"/> by hand: the third-party systems of 附件2 (weights: a
/// leaf's possible points are the product of the weights on its path × 100), the work evaluations of 附件3 (points,
/// bonuses, deductions, vetoes) and the composites (third party 70% + work 30%).
/// </summary>
public class SuizhouScoringTests
{
    [Test]
    public void County_third_party_附件2()
    {
        var card = KnownPortal.Score(KnownPortal.Load("suizhou-2020-county-third-party.yaml"));

        // 解读栏目: 主动公开 60% × 政策解读 10% × 10% = 0.6 possible; (column-exists 1 + linked 1/2) / 2 → 0.45.
        Earned(card, "interpretation-column", 0.45, 0.6, FindingStatus.Partial);
        // 公开指南 (60% × 5%): 有指南 10% = 0.3 and 时效 10% = 0.3 and 及时更新 20% = 0.6, each passed by T1.
        Earned(card, "guide-present", 0.3, 0.3, FindingStatus.Pass);
        Earned(card, "guide-timeliness", 0.3, 0.3, FindingStatus.Pass);
        Earned(card, "guide-updated", 0.6, 0.6, FindingStatus.Pass);
        // 年度报告 (60% × 5%): 有年报 10%, 按时发布 10% (2025 report on 2026-01-20, before 01-31), 集中公开 10%: 0.3 each.
        Earned(card, "report-present", 0.3, 0.3, FindingStatus.Pass);
        Earned(card, "report-published-on-time", 0.3, 0.3, FindingStatus.Pass);
        Earned(card, "report-collected", 0.3, 0.3, FindingStatus.Pass);
        // 平台规范: 平台建设 10% × 政府信息公开平台 100% × 60% = 6; column-exists over 政策/指南/制度/法定主动公开内容/年报
        // finds 2 of 5 (T1, T6) → 2.4.
        Earned(card, "platform-conformity", 2.4, 6, FindingStatus.Partial);
        // 平台检索 (10% × 40% = 4): no search was run (T7) → NeedsReview, 0 provisionally, counted as review points.
        Earned(card, "platform-search", 0, 4, FindingStatus.NeedsReview);
        // 规范性文件完整性 (60% × 10% × 5% = 0.3): no normative document was seen → NeedsReview, nothing guessed.
        Earned(card, "normative-completeness", 0, 0.3, FindingStatus.NeedsReview);

        // Judgement leaves: 有效性标注 0.3 + 办事依据/条件/材料/样表/联系方式 5 × 0.6 + 年度重点 0.9 + 指南规范 0.9 + 指南准确
        // 0.9 + 年报结构 1.2 + 年报创新 0.9 + 信函渠道 (依申请 20% × 渠道 20% × 50%) 2 + 按时答复 2.4 + 延期告知 1.6
        // + 答复规范 (20% × 30%) 6 + 答复内容 6 = 26.1.
        Manual(card, ("validity-marking", 0.3), ("handling-basis", 0.6), ("contacts", 0.6), ("annual-key-areas", 0.9),
            ("report-structure", 1.2), ("postal-channel", 2), ("reply-in-time", 2.4), ("extension-notice", 1.6), ("reply-format", 6), ("reply-content", 6));
        // 0.45 + 0.3 + 0.3 + 0.6 + 0.3 + 0.3 + 0.3 + 2.4 = 4.95; review 4 + 0.3 = 4.3.
        Totals(card, 4.95, "不合格", manualPending: 26.1, reviewPending: 4.3);
    }

    [Test]
    public void Department_third_party_附件2_normalises_the_seeds_short_sums()
    {
        var card = KnownPortal.Score(KnownPortal.Load("suizhou-2020-department-third-party.yaml"));

        // Same readings as the county table where the leaves are the same: 0.45, 0.3, 0.3, 0.6, 0.3, 0.3.
        Earned(card, "interpretation-column", 0.45, 0.6, FindingStatus.Partial);
        Earned(card, "guide-updated", 0.6, 0.6, FindingStatus.Pass);
        Earned(card, "report-published-on-time", 0.3, 0.3, FindingStatus.Pass);
        // 平台建设 is 20% for departments: 20% × 60% = 12; 2 of 5 columns → 4.8.
        Earned(card, "platform-conformity", 4.8, 12, FindingStatus.Partial);
        // 服务公开's rows add up to 90% in the seed; normalised, 办事依据 is 10/90 of 60% × 10% × 100 = 2/3.
        Manual(card, ("handling-basis", 2.0 / 3), ("sample-forms", 2.0 / 3));
        // 规范性文件's rows add up to 70%: 有效性标注 is 5/70 of 6 = 3/7; 清理结果 40/70 of 6 = 24/7 (fails: no title).
        Manual(card, ("validity-marking", 3.0 / 7));
        Earned(card, "cleanup-results", 0, 24.0 / 7, FindingStatus.Fail);
        // 平台检索 20% × 40% = 8 and 规范性文件完整性 3/7 wait for review.
        Earned(card, "platform-search", 0, 8, FindingStatus.NeedsReview);
        // Manual: 3/7 + 5 × 2/3 + 指南 0.9 + 0.9 + 年报 1.2 + 1.2 + 依申请 2 + 2.4 + 1.6 + 6 + 6 = 25.9619.
        // 0.45 + 0.3 + 0.3 + 0.6 + 0.3 + 0.3 + 4.8 = 7.05; review 8 + 3/7.
        Totals(card, 7.05, "不合格", manualPending: 3.0 / 7 + 10.0 / 3 + 22.2, reviewPending: 8 + 3.0 / 7);
    }

    [Test]
    public void County_work_evaluation_附件3_is_all_submitted_materials_here()
    {
        var card = KnownPortal.Score(KnownPortal.Load("suizhou-2020-county-work.yaml"));

        // 部署工作 (10分) and 考评方案 (10分) look for titles (政务公开工作要点 ..., 考核方案 ...): none on the portal.
        Earned(card, "deployment", 0, 10, FindingStatus.Fail);
        Earned(card, "assessment-plan", 0, 10, FindingStatus.Fail);
        // Everything else is submitted materials: 5 + 5 + 10 + 5 + 10 + 举报投诉 5 + 往年结果 10 + 互评 30 = 80.
        Manual(card, ("office-responsibility", 5), ("government-meeting", 5), ("performance-inclusion", 10), ("performance-share", 5),
            ("training", 10), ("complaints", 5), ("previous-results", 10), ("peer-review", 30));
        // 加分 (交流信息 ≤12, 领导批示 8), 扣分 (网站被通报 ≤10) and the two 一票否决 wait for an assessor: they change nothing yet.
        Assert.That(card.Adjustments.Select(a => (a.Id, a.Status, a.Points)), Is.EquivalentTo(new[]
        {
            ("exchange-articles", FindingStatus.Manual, 0.0), ("leader-instructions", FindingStatus.Manual, 0.0),
            ("sites-criticised", FindingStatus.Manual, 0.0), ("named-in-evaluation-report", FindingStatus.Manual, 0.0),
            ("falsified-materials", FindingStatus.Manual, 0.0),
        }));
        Assert.That(card.Vetoed, Is.False);
        Totals(card, 0, "不合格", manualPending: 80);
    }

    [Test]
    public void Department_work_evaluation_附件3()
    {
        var card = KnownPortal.Score(KnownPortal.Load("suizhou-2020-department-work.yaml"));

        // 工作落实 (20分) "六个一级栏目, 每缺一项扣5分": column-exists over 政策/指南/制度/法定主动公开内容/年报/网站年度报表
        // finds 指南 and 年报 only: 4 missing × 5 = 20 off → 0.
        Earned(card, "implementation", 0, 20, FindingStatus.Fail);
        Assert.That(Node(card, "implementation").Message, Does.StartWith("缺少4项，每项扣5分"));
        // 报送信息 (12分) bands "40条以上12分, 30-40条9分, 20-30条6分, 10-20条3分, 10条以下1分": 8 items dated within a
        // year (T7's count) → 1.
        Earned(card, "information-submitted", 1, 12, FindingStatus.Partial);
        // 发布政策文件、提供解读材料 8分; 有文件、无解读 5分: column-exists 政策文件 × 5 + linked (1/2) × 3 = 6.5.
        Earned(card, "policy-and-interpretation", 6.5, 8, FindingStatus.Partial);
        // 机构 10 + 会议 10 + 部署 10 + 规范 15 + 举报投诉 5 + 在线访谈 10 = 60.
        Manual(card, ("disclosure-office", 10), ("department-meeting", 10), ("deployment", 10), ("work-norms", 15), ("complaints", 5),
            ("online-interview", 10));
        Totals(card, 7.5, "不合格", manualPending: 60);
    }

    [Test]
    public void County_composite_is_seventy_percent_third_party_and_thirty_percent_work()
    {
        var card = KnownPortal.Score(KnownPortal.Load("suizhou-2020-county.yaml"));

        Assert.That(card.Stages.Select(s => (s.SystemId, Math.Round(s.Total, 4))), Is.EqualTo(new[]
        {
            ("suizhou-2020-county-third-party", 4.95), ("suizhou-2020-county-work", 0.0),
        }));
        // 4.95 / 100 × 70 + 0 / 100 × 30 = 3.465; a stage's leaves appear under stageId/.
        Earned(card, "third-party/platform-conformity", 2.4, 6, FindingStatus.Partial);
        Manual(card, ("work/peer-review", 30));
        Totals(card, 3.465, "不合格", manualPending: 0.7 * 26.1 + 0.3 * 80, reviewPending: 0.7 * 4.3, leavesAddUp: false);
    }

    [Test]
    public void Department_composite_is_seventy_percent_third_party_and_thirty_percent_work()
    {
        var card = KnownPortal.Score(KnownPortal.Load("suizhou-2020-department.yaml"));

        // 7.05 × 70% + 7.5 × 30% = 4.935 + 2.25 = 7.185.
        Assert.That(card.Stages.Select(s => Math.Round(s.Total, 4)), Is.EqualTo(new[] { 7.05, 7.5 }));
        Earned(card, "work/policy-and-interpretation", 6.5, 8, FindingStatus.Partial);
        Totals(card, 7.185, "不合格", manualPending: 0.7 * (3.0 / 7 + 10.0 / 3 + 22.2) + 0.3 * 60, reviewPending: 0.7 * (8 + 3.0 / 7),
            leavesAddUp: false);
    }
}
