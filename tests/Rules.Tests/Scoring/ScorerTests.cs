using NUnit.Framework;
using Openness.Rules.Checks;
using Openness.Rules.Findings;
using Openness.Rules.Indicators;
using Openness.Rules.Scoring;
using Openness.Rules.Tests.Indicators;

namespace Openness.Rules.Tests.Scoring;

/// <summary>Scores computed by hand from given check results: points and weights, formulas, adjustments, vetoes, stages.</summary>
public class ScorerTests
{
    private RulesFixture _fx = null!;
    private CheckRegistry _registry = null!;
    private Dictionary<string, ScriptedCheck> _checks = null!;

    [SetUp]
    public void SetUp()
    {
        _fx = new RulesFixture();
        (_registry, _checks) = ContractChecks.Create();
    }

    [TearDown] public void TearDown() => _fx.Dispose();

    private IndicatorSystem Load(string yaml, string name = "system.yaml") =>
        IndicatorSystemLoader.Load(_fx.Write(name, yaml), _registry, RulesFixture.Catalogue);

    private static CheckResult Fraction(string id, double f, double? measured = null, double? expected = null) =>
        CheckResult.FromFraction(id, f, $"{id} {f}", [new Evidence($"http://127.0.0.1/{id}")], subject: id, measured: measured, expected: expected);

    /// <summary>column-exists answers by the column asked for.</summary>
    private void ColumnsExist(Dictionary<string, double> byColumn) =>
        _checks["column-exists"].Script = p => Fraction("column-exists", byColumn[p.TextList("columns")[0]]);

    private const string Grades = """
        grades:
          - {grade: 优秀, min: 80}
          - {grade: 良好, min: 70, below: 80}
          - {grade: 合格, min: 60, below: 70}
          - {grade: 不合格, below: 60}
        """;

    private const string PointsSystem = "kind: indicator-system\nid: pts\nname: 分值体系\nscoring: points\ntotal: 100\n" + Grades + """

        indicators:
          - id: a
            name: 甲
            points: 40
            methods: [actual-verification]
            checks:
              - {check: column-exists, columns: [notices]}
          - id: b
            name: 乙
            points: 30
            children:
              - id: b1
                name: 乙一
                points: 20
                methods: [actual-verification]
                checks:
                  - {check: column-exists, columns: [policy-documents]}
                  - {check: column-exists, columns: [policy-interpretation]}
              - id: b2
                name: 乙二
                points: 10
                methods: [actual-verification]
                checks:
                  - {check: column-exists, columns: [work-news]}
                  - {check: column-exists, columns: [disclosure-guide]}
                combine: min
          - id: c
            name: 丙
            points: 30
            methods: [submitted-materials]
            criteria: 提供培训材料
        """;

    [Test]
    public void Points_system_scores_by_hand_computed_fractions()
    {
        ColumnsExist(new() { ["notices"] = 0.5, ["policy-documents"] = 1, ["policy-interpretation"] = 0.5, ["work-news"] = 1, ["disclosure-guide"] = 0.25 });
        var system = Load(PointsSystem);
        var card = Scorer.Score(system, RulesFixture.Context());

        // a: 0.5 × 40 = 20; b1: mean(1, 0.5) × 20 = 15; b2: min(1, 0.25) × 10 = 2.5; c: manual.
        var byId = card.Indicators.ToDictionary(i => i.Id);
        Assert.That(byId["a"].PointsEarned, Is.EqualTo(20));
        Assert.That(byId["b1"].PointsEarned, Is.EqualTo(15));
        Assert.That(byId["b2"].PointsEarned, Is.EqualTo(2.5));
        Assert.That(byId["b"].PointsEarned, Is.EqualTo(17.5));
        Assert.That(byId["c"].Status, Is.EqualTo(FindingStatus.Manual));
        Assert.That(byId["c"].PointsEarned, Is.EqualTo(0));
        Assert.That(card.Total, Is.EqualTo(37.5));
        Assert.That(card.Possible, Is.EqualTo(100));
        Assert.That(card.ManualPointsPending, Is.EqualTo(30));
        Assert.That(card.Grade, Is.EqualTo("不合格"));
        Assert.That(card.SystemHash, Is.EqualTo(system.ContentHash));
        Assert.That(card.Indicators.Select(i => i.Id), Is.EqualTo(new[] { "a", "b", "b1", "b2", "c" }));
        Assert.That(byId["a"].EvidenceUrls, Is.EqualTo(new[] { "http://127.0.0.1/column-exists" }));
        // Each distinct check + parameters runs once.
        Assert.That(_checks["column-exists"].Calls, Has.Count.EqualTo(5));
    }

    [Test]
    public void Assessor_entries_fill_manual_leaves_without_rerunning_checks()
    {
        ColumnsExist(new() { ["notices"] = 0.5, ["policy-documents"] = 1, ["policy-interpretation"] = 0.5, ["work-news"] = 1, ["disclosure-guide"] = 0.25 });
        var system = Load(PointsSystem);
        var card = Scorer.Score(system, RulesFixture.Context());
        int calls = _checks["column-exists"].Calls.Count;

        var reviewed = Scorer.ApplyManual(system, card, new ManualEntries { Points = new Dictionary<string, double> { ["c"] = 30, ["a"] = 40 } });
        Assert.That(_checks["column-exists"].Calls, Has.Count.EqualTo(calls));
        Assert.That(reviewed.Total, Is.EqualTo(40 + 17.5 + 30));
        Assert.That(reviewed.ManualPointsPending, Is.EqualTo(0));
        Assert.That(reviewed.Grade, Is.EqualTo("优秀"));
    }

    [Test]
    public void A_check_that_cannot_decide_makes_the_leaf_need_review_with_zero_points()
    {
        ColumnsExist(new() { ["notices"] = 1, ["policy-documents"] = 1, ["policy-interpretation"] = 1, ["work-news"] = 1, ["disclosure-guide"] = 1 });
        _checks["column-exists"].Script = p => p.TextList("columns")[0] == "notices"
            ? CheckResult.NeedsReview("column-exists", "列表由脚本生成，未能读取", [])
            : Fraction("column-exists", 1);
        var card = Scorer.Score(Load(PointsSystem), RulesFixture.Context());
        var a = card.Indicators.Single(i => i.Id == "a");
        Assert.That(a.Status, Is.EqualTo(FindingStatus.NeedsReview));
        Assert.That(a.PointsEarned, Is.EqualTo(0));
        Assert.That(a.Message, Does.Contain("待人工复核"));
        Assert.That(card.ReviewPointsPending, Is.EqualTo(40));
        Assert.That(card.Total, Is.EqualTo(30));
    }

    [Test]
    public void Weighted_system_multiplies_weights_down_to_the_leaves()
    {
        _checks["column-exists"].Script = p => Fraction("column-exists", p.TextList("columns")[0] switch
        {
            "notices" => 1, "policy-documents" => 0.5, "work-news" => 0.25, _ => 0,
        });
        var system = Load("kind: indicator-system\nid: w\nname: 权重体系\nscoring: weights\ntotal: 100\n" + Grades + """

            indicators:
              - id: x
                name: 一、主动公开
                weight: 60%
                children:
                  - {id: x1, name: 甲, weight: 50%, methods: [actual-verification], checks: [{check: column-exists, columns: [notices]}]}
                  - {id: x2, name: 乙, weight: 50%, methods: [actual-verification], checks: [{check: column-exists, columns: [policy-documents]}]}
              - id: y
                name: 二、平台
                weight: 40%
                children:
                  - id: y0
                    name: 平台
                    children:
                      - {id: y1, name: 丙, methods: [actual-verification], checks: [{check: column-exists, columns: [work-news]}]}
            """);
        var card = Scorer.Score(system, RulesFixture.Context());
        var byId = card.Indicators.ToDictionary(i => i.Id);
        // x1 = 100 × 60% × 50% × 1 = 30; x2 = 30 × 0.5 = 15; y1 = 100 × 40% × 100% × 100% × 0.25 = 10.
        Assert.That(byId["x1"].PointsPossible, Is.EqualTo(30));
        Assert.That(byId["x2"].PointsEarned, Is.EqualTo(15));
        Assert.That(byId["y1"].PointsPossible, Is.EqualTo(40));
        Assert.That(byId["y1"].PointsEarned, Is.EqualTo(10));
        Assert.That(card.Total, Is.EqualTo(55));
        Assert.That(card.Grade, Is.EqualTo("不合格"));
    }

    [Test]
    public void Documented_weight_mismatch_is_normalised_so_the_parent_keeps_its_share()
    {
        var system = Load("kind: indicator-system\nid: w\nname: 权重体系\nscoring: weights\ntotal: 100\n" + Grades + """

            indicators:
              - id: x
                name: 规范性文件
                weight: 100
                allowSumMismatch: {reason: seed children add up to 70%, resolve: normalize}
                children:
                  - {id: x1, name: 专栏, weight: 30, methods: [actual-verification], checks: [{check: site-reachable}]}
                  - {id: x2, name: 清理结果, weight: 40, methods: [actual-verification]}
            """);
        var card = Scorer.Score(system, RulesFixture.Context());
        var x1 = card.Indicators.Single(i => i.Id == "x1");
        Assert.That(x1.PointsPossible, Is.EqualTo(Math.Round(100 * 30 / 70.0, 4)));
        Assert.That(card.ManualPointsPending, Is.EqualTo(Math.Round(100 * 40 / 70.0, 4)));
    }

    private IndicatorSystem FormulaSystem(string formula, string check, int points) => Load(
        $"kind: indicator-system\nid: f\nname: 公式\nscoring: points\ntotal: {points}\n" + Grades + $"""

        indicators:
          - id: leaf
            name: 公式项
            points: {points}
            methods: [actual-verification]
            checks:
              - {check}
            formula:
        {formula}
        """);

    [TestCase(0, 20)]
    [TestCase(1, 15)]
    [TestCase(2, 10)]
    [TestCase(6, 0)]
    public void Per_missing_deducts_five_per_missing_column_down_to_zero(int missing, double expected)
    {
        // Seed 001 部门 工作落实: 20 − 5 × missing, floor 0.
        _checks["column-exists"].Script = _ => Fraction("column-exists", (6 - missing) / 6.0, measured: missing, expected: 6);
        var system = FormulaSystem("      perMissing: {deduct: 5, floor: 0}", "{check: column-exists, columns: [notices, policy-documents]}", 20);
        Assert.That(Scorer.Score(system, RulesFixture.Context()).Total, Is.EqualTo(expected));
    }

    [TestCase(45, 12)]
    [TestCase(40, 12)]
    [TestCase(39, 9)]
    [TestCase(30, 9)]
    [TestCase(25, 6)]
    [TestCase(10, 3)]
    [TestCase(9, 1)]
    [TestCase(1, 1)]
    [TestCase(0, 0)]
    public void Bands_give_seed_001_portal_points(int items, double expected)
    {
        _checks["min-items"].Script = _ => Fraction("min-items", Math.Min(1, items / 40.0), measured: items, expected: 40);
        var system = FormulaSystem("""
                  bands:
                    - {min: 40, points: 12}
                    - {min: 30, below: 40, points: 9}
                    - {min: 20, below: 30, points: 6}
                    - {min: 10, below: 20, points: 3}
                    - {min: 1, below: 10, points: 1}
            """, "{check: min-items, count: 40}", 12);
        Assert.That(Scorer.Score(system, RulesFixture.Context()).Total, Is.EqualTo(expected));
    }

    [TestCase(240, 25, 0)]
    [TestCase(200, 13, 0)]     // 40 short × 0.3 = 12 off
    [TestCase(100, 0, 0)]      // 140 short × 0.3 = 42 > 25: not below 0
    [TestCase(305, 25, 1.2)]   // 65 above: 6 × 10 → 6 × 0.2
    [TestCase(1000, 25, 4)]    // capped at 4
    public void Target_formula_penalises_shortfall_and_rewards_excess(int published, double leafPoints, double bonus)
    {
        // Seed 002: 每少1条扣0.3分; 超额每10条加0.2分，最高不超过4分.
        _checks["publishing-volume"].Script = _ => Fraction("publishing-volume", Math.Min(1, published / 240.0), measured: published, expected: 240);
        var system = FormulaSystem("      target: {penaltyPerItem: 0.3, bonusStep: 10, bonusPoints: 0.2, maxBonus: 4}", "{check: publishing-volume, within: 1y}", 25);
        var card = Scorer.Score(system, RulesFixture.Context(publishingTarget: 240));
        Assert.That(card.Indicators.Single().PointsEarned, Is.EqualTo(leafPoints).Within(1e-9));
        Assert.That(card.Adjustments.Where(a => a.Kind == "bonus").Sum(a => a.Points), Is.EqualTo(bonus).Within(1e-9));
        Assert.That(card.Total, Is.EqualTo(leafPoints + bonus).Within(1e-9));
    }

    [Test]
    public void Target_without_a_unit_target_needs_review()
    {
        _checks["publishing-volume"].Script = _ => CheckResult.NeedsReview("publishing-volume", "未设定目标任务数", []);
        var system = FormulaSystem("      target: {penaltyPerItem: 0.3, bonusStep: 10, bonusPoints: 0.2, maxBonus: 4}", "{check: publishing-volume}", 25);
        var card = Scorer.Score(system, RulesFixture.Context());
        Assert.That(card.Indicators.Single().Status, Is.EqualTo(FindingStatus.NeedsReview));
        Assert.That(card.ReviewPointsPending, Is.EqualTo(25));
    }

    [Test]
    public void Prorated_target_scales_the_annual_target_to_the_date()
    {
        _checks["publishing-volume"].Script = _ => Fraction("publishing-volume", 0.5, measured: 120, expected: 240);
        var system = FormulaSystem("      target: {penaltyPerItem: 0.3, prorate: year}", "{check: publishing-volume}", 25);
        // 2023-07-02 is day 183 of 365: target ceil(240 × 183 / 365) = 121 → 1 short → 24.7.
        var card = Scorer.Score(system, RulesFixture.Context(new DateOnly(2023, 7, 2)));
        Assert.That(card.Total, Is.EqualTo(24.7).Within(1e-9));
    }

    [Test]
    public void Sum_and_deduct_combine_use_each_checks_points()
    {
        _checks["column-exists"].Script = _ => Fraction("column-exists", 1);
        _checks["policy-interpretation-linked"].Script = _ => Fraction("policy-interpretation-linked", 0.5);
        _checks["column-updated"].Script = _ => Fraction("column-updated", 0);
        _checks["annual-report"].Script = _ => Fraction("annual-report", 0.5);
        var system = Load("kind: indicator-system\nid: s\nname: 组合\nscoring: points\ntotal: 13\n" + Grades + """

            indicators:
              - id: docs
                name: 发布政策文件、提供解读材料
                points: 8
                methods: [actual-verification]
                checks:
                  - {check: column-exists, columns: [policy-documents], points: 5}
                  - {check: policy-interpretation-linked, points: 3}
                combine: sum
              - id: catalogue
                name: 信息公开目录和政府信息年度报告
                points: 5
                methods: [actual-verification]
                checks:
                  - {check: column-updated, columns: [notices], points: 1}
                  - {check: annual-report, points: 2}
                combine: deduct
            """);
        var card = Scorer.Score(system, RulesFixture.Context());
        // docs: 5 × 1 + 3 × 0.5 = 6.5; catalogue: 5 − 1 × (1 − 0) − 2 × (1 − 0.5) = 3.
        Assert.That(card.Indicators.Single(i => i.Id == "docs").PointsEarned, Is.EqualTo(6.5));
        Assert.That(card.Indicators.Single(i => i.Id == "catalogue").PointsEarned, Is.EqualTo(3));
    }

    private const string AdjustedSystem = "kind: indicator-system\nid: adj\nname: 加扣分\nscoring: points\ntotal: 100\n" + Grades + """

        indicators:
          - id: all
            name: 全部
            points: 100
            methods: [actual-verification]
            checks:
              - {check: column-exists, columns: [notices]}
        adjustments:
          - {kind: bonus, id: articles, name: 刊登交流信息, max: 12}
          - {kind: deduction, id: criticised, name: 被通报批评, max: 10}
          - {kind: deduction, id: broken, name: 链接不可用, max: 5, checks: [{check: broken-links}]}
          - {kind: veto, id: falsified, name: 考核材料弄虛作假, effect: cap-grade, capGrade: 良好}
          - {kind: veto, id: unreachable, name: 站点无法访问, effect: void, checks: [{check: site-reachable}]}
        """;

    [Test]
    public void Manual_veto_caps_the_grade_once_confirmed()
    {
        _checks["column-exists"].Script = _ => Fraction("column-exists", 0.9);
        var system = Load(AdjustedSystem);
        var card = Scorer.Score(system, RulesFixture.Context());
        Assert.That(card.Total, Is.EqualTo(90));
        Assert.That(card.Grade, Is.EqualTo("优秀"));
        Assert.That(card.Adjustments.Single(a => a.Id == "falsified").Status, Is.EqualTo(FindingStatus.Manual));

        var vetoed = Scorer.ApplyManual(system, card, new ManualEntries { ConfirmedVetoes = new HashSet<string> { "falsified" } });
        Assert.That(vetoed.Total, Is.EqualTo(90));
        Assert.That(vetoed.GradeBeforeVeto, Is.EqualTo("优秀"));
        Assert.That(vetoed.Grade, Is.EqualTo("良好"));
        Assert.That(vetoed.Vetoed, Is.True);
        Assert.That(vetoed.GradeCap, Is.EqualTo("良好"));
    }

    [Test]
    public void Automatic_void_veto_and_deductions_apply_from_checks_and_entries()
    {
        _checks["column-exists"].Script = _ => Fraction("column-exists", 0.9);
        _checks["broken-links"].Script = _ => Fraction("broken-links", 0.6);
        var system = Load(AdjustedSystem);
        var card = Scorer.Score(system, RulesFixture.Context());
        // broken-links at 0.6 deducts (1 − 0.6) × 5 = 2.
        Assert.That(card.Adjustments.Single(a => a.Id == "broken").Points, Is.EqualTo(-2));
        Assert.That(card.Total, Is.EqualTo(88));

        var entered = Scorer.ApplyManual(system, card, new ManualEntries
        {
            Points = new Dictionary<string, double> { ["articles"] = 6, ["criticised"] = 50 },
        });
        // + 6 bonus, − 10 (the entry is capped at max).
        Assert.That(entered.Total, Is.EqualTo(88 + 6 - 10));

        _checks["site-reachable"].Script = _ => Fraction("site-reachable", 0);
        var unreachable = Scorer.Score(system, RulesFixture.Context());
        Assert.That(unreachable.Total, Is.EqualTo(0));
        Assert.That(unreachable.Grade, Is.EqualTo("不合格"));
        Assert.That(unreachable.Vetoed, Is.True);
    }

    [Test]
    public void Zeroing_veto_takes_away_the_named_category()
    {
        _checks["column-exists"].Script = _ => Fraction("column-exists", 1);
        var system = Load("kind: indicator-system\nid: z\nname: 否决\nscoring: points\ntotal: 100\n" + Grades + """

            indicators:
              - id: organisation
                name: 组织保障
                points: 21
                methods: [actual-verification]
                checks: [{check: column-exists, columns: [notices]}]
              - id: disclosure
                name: 政府信息公开
                points: 79
                children:
                  - {id: d1, name: 政府文件, points: 79, methods: [actual-verification], checks: [{check: column-exists, columns: [policy-documents]}]}
            adjustments:
              - {kind: veto, id: lawsuit-lost, name: 败诉, effect: zero-indicators, indicators: [disclosure]}
            """);
        var card = Scorer.Score(system, RulesFixture.Context());
        Assert.That(card.Total, Is.EqualTo(100));
        var vetoed = Scorer.ApplyManual(system, card, new ManualEntries { ConfirmedVetoes = new HashSet<string> { "lawsuit-lost" } });
        Assert.That(vetoed.Total, Is.EqualTo(21));
        Assert.That(vetoed.Indicators.Single(i => i.Id == "d1").PointsEarned, Is.EqualTo(0));
    }

    [Test]
    public void Composite_combines_stages_seventy_thirty_and_carries_a_stage_cap()
    {
        _checks["column-exists"].Script = p => Fraction("column-exists", p.TextList("columns")[0] == "notices" ? 0.8 : 0.5);
        _fx.Write("third-party.yaml", "kind: indicator-system\nid: tp\nname: 第三方\nscoring: weights\ntotal: 100\n" + Grades + """

            indicators:
              - {id: t1, name: 主动公开, weight: 100, methods: [actual-verification], checks: [{check: column-exists, columns: [notices]}]}
            """);
        _fx.Write("work.yaml", "kind: indicator-system\nid: work\nname: 工作测评\nscoring: points\ntotal: 100\n" + Grades + """

            indicators:
              - {id: w1, name: 工作落实, points: 100, methods: [actual-verification], checks: [{check: column-exists, columns: [work-news]}]}
            adjustments:
              - {kind: veto, id: falsified, name: 弄虚作假, effect: cap-grade, capGrade: 合格}
            """);
        var system = Load("""
            kind: composite
            id: both
            name: 综合考评
            grades:
              - {grade: 优秀, min: 80}
              - {grade: 良好, min: 70, below: 80}
              - {grade: 合格, min: 60, below: 70}
              - {grade: 不合格, below: 60}
            stages:
              - {id: third-party, name: 第三方机构测评, system: third-party.yaml, weight: 70}
              - {id: work, name: 工作测评, system: work.yaml, weight: 30}
            """, "both.yaml");
        var card = Scorer.Score(system, RulesFixture.Context());
        // 0.7 × 80 + 0.3 × 50 = 71.
        Assert.That(card.Total, Is.EqualTo(71));
        Assert.That(card.Grade, Is.EqualTo("良好"));
        Assert.That(card.Stages.Select(s => s.Total), Is.EqualTo(new[] { 80.0, 50.0 }));
        Assert.That(card.Indicators.Where(i => i.Level == 1).Select(i => i.PointsEarned), Is.EqualTo(new[] { 56.0, 15.0 }));
        Assert.That(card.Indicators.Single(i => i.Id == "work/w1").ParentId, Is.EqualTo("work"));

        var capped = Scorer.ApplyManual(system, card, new ManualEntries { ConfirmedVetoes = new HashSet<string> { "work/falsified" } });
        Assert.That(capped.Total, Is.EqualTo(71));
        Assert.That(capped.Grade, Is.EqualTo("合格"));
    }

    [Test]
    public void Statistics_are_measured_where_a_check_counts_them()
    {
        _checks["min-items"].Script = p => Fraction("min-items", 1, measured: p.TextList("columns").Count == 0 ? 140 : 10);
        _checks["column-exists"].Script = _ => Fraction("column-exists", 0);
        var system = Load("kind: indicator-system\nid: st\nname: 统计\nscoring: points\ntotal: 10\n" + Grades.Replace("80", "8").Replace("70", "7").Replace("60", "6") + """

            indicators:
              - {id: a, name: 甲, points: 10}
            statistics:
              - id: proactive
                name: (一)主动公开政府信息数
                unit: 条
                check: {check: min-items, count: 1, within: 1y}
                children:
                  - {id: normative, name: 其中:主动公开规范性文件数, unit: 条, check: {check: min-items, count: 1, columns: [policy-documents]}}
                  - {id: issued, name: 制发规范性文件总数, unit: 条}
              - {id: online, name: 部门网站是否具备网上办事功能, unit: 是/否, check: {check: column-exists, columns: [notices]}, valueFrom: pass}
            """);
        var card = Scorer.Score(system, RulesFixture.Context());
        var byId = card.Statistics.ToDictionary(s => s.Id);
        Assert.That(byId["proactive"].Value, Is.EqualTo(140));
        Assert.That(byId["normative"].Value, Is.EqualTo(10));
        Assert.That(byId["normative"].ParentId, Is.EqualTo("proactive"));
        Assert.That(byId["issued"].Value, Is.Null);
        Assert.That(byId["issued"].Status, Is.EqualTo(FindingStatus.Manual));
        Assert.That(byId["online"].Value, Is.EqualTo(0));
    }

    [Test]
    public void A_check_that_throws_becomes_needs_review_rather_than_failing_the_unit()
    {
        _checks["column-exists"].Script = _ => throw new InvalidOperationException("boom");
        var card = Scorer.Score(Load(PointsSystem), RulesFixture.Context());
        Assert.That(card.Indicators.Single(i => i.Id == "a").Status, Is.EqualTo(FindingStatus.NeedsReview));
        Assert.That(card.Indicators.Single(i => i.Id == "a").Message, Does.Contain("boom"));
    }

    [Test]
    public void Manual_entries_refuse_a_card_scored_with_other_rules()
    {
        ColumnsExist(new() { ["notices"] = 1, ["policy-documents"] = 1, ["policy-interpretation"] = 1, ["work-news"] = 1, ["disclosure-guide"] = 1 });
        var card = Scorer.Score(Load(PointsSystem), RulesFixture.Context());
        var edited = Load(PointsSystem.Replace("name: 甲", "name: 甲（修订）"), "edited.yaml");
        Assert.That(edited.ContentHash, Is.Not.EqualTo(card.SystemHash));
        Assert.Throws<InvalidOperationException>(() => Scorer.ApplyManual(edited, card, ManualEntries.None));
    }
}
