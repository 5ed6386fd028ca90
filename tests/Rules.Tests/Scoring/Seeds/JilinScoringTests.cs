using NUnit.Framework;
using Openness.Rules.Findings;
using static Openness.Rules.Tests.Scoring.Seeds.SeedScoring;

namespace Openness.Rules.Tests.Scoring.Seeds;

/// <summary>
/// Seed 000 (吉林省政务公开第三方评估指标 2017) 附件1-3 scored against <see cref="KnownPortal"/> by hand. Every leaf
/// not named here fails with 0: its columns are missing and no title of the portal carries its keywords (T7).
/// Any changed points value either breaks a sum the loader checks or moves one of these numbers.
/// </summary>
public class JilinScoringTests
{
    [Test]
    public void County_system_附件1()
    {
        var card = KnownPortal.Score(KnownPortal.Load("jilin-2017-county.yaml"));

        // 政策性文件公开 (3分, 决策公开): column-exists 政策文件 = 1 (T2); document-published-timely 20wd = 1/2 (D1
        // 2 wd, D2 late). mean 0.75 × 3 = 2.25.
        Earned(card, "policy-documents", 2.25, 3, FindingStatus.Partial);
        // 依申请公开指南 (2分): disclosure-guide 1y: present 1/2 + listed 2026-03-02, within a year 1/2 (T1) = 1 → 2.
        Earned(card, "request-guide", 2, 2, FindingStatus.Pass);
        // 解读栏目 (2分): column-exists 政策解读 = 1 (T3); policy-interpretation-linked = 1/2 (D1 linked, D2 not).
        // mean 0.75 × 2 = 1.5.
        Earned(card, "interpretation-column", 1.5, 2, FindingStatus.Partial);
        // 解读情况 (4分) "政策性文件公开3个工作日内进行解读": J1 came 1 working day after D1, the only interpreted
        // document → 1 × 4 = 4.
        Earned(card, "interpretation-timely", 4, 4, FindingStatus.Pass);
        // 门户网站 (2分), mean of six checks:
        //   column-exists 政策文件/政策解读/回应关切 = 2/3; column-exists 指南/制度/法定主动公开内容/年报 = 2/4;
        //   column-not-blank 政策文件/政策解读/通知公告/工作动态 = 3/4 (通知公告 blank, T4); disclosure-guide = 1;
        //   column-updated 政策文件 (10-13, within 6 months) / 通知公告 (nothing dated) / 工作动态 (05-06, over 2
        //   weeks) = 1/3; metadata-complete over 政策文件 = (6/6 + 4/6) / 2 = 5/6.
        //   (2/3 + 1/2 + 3/4 + 1 + 1/3 + 5/6) / 6 = 49/72; × 2 = 49/36 = 1.3611.
        Earned(card, "portal", 49.0 / 36, 2, FindingStatus.Partial);
        // Columns the portal lacks score 0 and say so.
        Earned(card, "law-enforcement", 0, 2, FindingStatus.Fail);
        Earned(card, "powers-list", 0, 1, FindingStatus.Fail);
        Assert.That(Node(card, "law-enforcement").Message, Does.Contain("缺少1个必设栏目"));

        // Submitted materials or judgement: 答复时限 2 + 答复规范 2 + 回应时间 1 + 回应方式 1 + 回应渠道 1 + 回应实效 2
        // + 新媒体 1 + 培训 2 + 领导机制 1 + 专门机构 2 + 绩效考核 2 = 17.
        Manual(card, ("reply-time-limit", 2), ("reply-format", 2), ("response-time", 1), ("response-means", 1), ("response-channels", 1),
            ("response-effect", 2), ("new-media", 1), ("training", 2), ("leadership-mechanism", 1), ("dedicated-office", 2),
            ("performance-assessment", 2));
        // 2.25 + 2 + 1.5 + 4 + 49/36 = 11.1111: below 60, 不合格.
        Totals(card, 9.75 + 49.0 / 36, "不合格", manualPending: 17);
        // Level one: 透明度 2.25 + 2 = 4.25; 参与度 1.5 + 4 = 5.5; 能力 49/36; 保障措施 0 (all manual).
        Earned(card, "transparency", 4.25, 65, FindingStatus.Partial);
        Earned(card, "participation", 5.5, 20, FindingStatus.Partial);
    }

    [Test]
    public void Group_a_system_附件2()
    {
        var card = KnownPortal.Score(KnownPortal.Load("jilin-2017-group-a.yaml"));

        // 决策公开 (10分), mean of: column-exists 重大决策预公开 = 0; items-matching 征求意见/意见征集/列席/会议 1y = 1
        // (two 工作动态 titles carry 会议, T5); column-exists 政策文件 = 1; document-published-timely = 1/2.
        // 2.5 / 4 × 10 = 6.25.
        Earned(card, "decision-openness", 6.25, 10, FindingStatus.Partial);
        // 解读栏目 (2分): as in 附件1, (1 + 1/2) / 2 × 2 = 1.5.
        Earned(card, "interpretation-column", 1.5, 2, FindingStatus.Partial);
        // 解读情况 (3分 here): 1 × 3.
        Earned(card, "interpretation-timely", 3, 3, FindingStatus.Pass);
        // 网站 (3分): column-exists 政策文件/政策解读/回应关切/政民互动 = 2/4; column-updated 政策文件/通知公告/工作动态
        // = 1/3. (1/2 + 1/3) / 2 × 3 = 1.25.
        Earned(card, "website", 1.25, 3, FindingStatus.Partial);

        // 答复 5 + 新媒体 1 + 培训 4 + 领导机制 2 + 机构职能 2 + 绩效考核 4 = 18.
        Manual(card, ("replies", 5), ("new-media", 1), ("training", 4), ("leadership-mechanism", 2), ("office-function", 2),
            ("performance-assessment", 4));
        // 6.25 + 1.5 + 3 + 1.25 = 12.
        Totals(card, 12, "不合格", manualPending: 18);
    }

    [Test]
    public void Group_b_system_附件3()
    {
        var card = KnownPortal.Score(KnownPortal.Load("jilin-2017-group-b.yaml"));

        // 会议公开 (10分): items-matching 会议/列席 1y: two titles (T5) ≥ 1 → 10.
        Earned(card, "meetings", 10, 10, FindingStatus.Pass);
        // 政策文件 (10分): (column-exists 1 + published-timely 1/2) / 2 × 10 = 7.5.
        Earned(card, "policy-documents", 7.5, 10, FindingStatus.Partial);
        // 工作动态 (10分): column-exists 1, column-updated (2 weeks; newest 05-06) 0 → 5.
        Earned(card, "work-news", 5, 10, FindingStatus.Partial);
        // 通知公告 (5分): column-exists 1, column-updated 0 (nothing dated, T4) → 2.5.
        Earned(card, "notices", 2.5, 5, FindingStatus.Partial);
        // 网站 (5分): (2/4 + 1/3) / 2 × 5 = 25/12 = 2.0833.
        Earned(card, "website", 25.0 / 12, 5, FindingStatus.Partial);

        // 答复 10 + 新媒体 3 + 领导机制 2 + 机构职能 2 + 绩效考核 3 = 20.
        Manual(card, ("replies", 10), ("new-media", 3), ("leadership-mechanism", 2), ("office-function", 2), ("performance-assessment", 3));
        // 10 + 7.5 + 5 + 2.5 + 25/12 = 27.0833.
        Totals(card, 25 + 25.0 / 12, "不合格", manualPending: 20);
    }
}
