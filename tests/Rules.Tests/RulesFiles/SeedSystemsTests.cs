using NUnit.Framework;
using Openness.Rules.Catalogue;
using Openness.Rules.Checks;
using Openness.Rules.Findings;
using Openness.Rules.Indicators;
using Openness.Rules.Scoring;
using Openness.Rules.Tests.Indicators;

namespace Openness.Rules.Tests.RulesFiles;

/// <summary>The shipped seed systems load as the seeds describe them and score as hand-computed.</summary>
public class SeedSystemsTests
{
    private static ColumnCatalogue Catalogue => ColumnCatalogue.Load(RulesPaths.File("columns.yaml"));

    private static (IndicatorSystem System, Dictionary<string, ScriptedCheck> Checks) Load(string file)
    {
        var (registry, checks) = ContractChecks.Create();
        return (IndicatorSystemLoader.Load(RulesPaths.File(file), registry, Catalogue), checks);
    }

    private static CheckContext Context(ColumnCatalogue catalogue, int? target = null) => new()
    {
        Site = RulesFixture.Context(publishingTarget: target).Site,
        Catalogue = catalogue,
        Calendar = new Openness.Rules.Calendar.WorkingDayCalendar([], []),
        AsOf = new DateOnly(2020, 12, 31),
    };

    [TestCase("jilin-2017-county.yaml", 100, 4)]
    [TestCase("jilin-2017-group-a.yaml", 100, 4)]
    [TestCase("jilin-2017-group-b.yaml", 100, 4)]
    [TestCase("daying-2018.yaml", 100, 3)]
    [TestCase("wuhai-2017-self-check.yaml", 100, 5)]
    public void Points_systems_keep_the_seed_structure(string file, double total, int levelOne)
    {
        var (system, _) = Load(file);
        Assert.That(system.Mode, Is.EqualTo(ScoringMode.Points));
        Assert.That(system.Indicators.Sum(n => n.Value), Is.EqualTo(total));
        Assert.That(system.Indicators, Has.Count.EqualTo(levelOne));
        Assert.That(system.Grades.Select(g => g.Grade), Is.EqualTo(new[] { "优秀", "良好", "合格", "不合格" }));
        Assert.That(system.Leaves.Where(l => l.Criteria.Length == 0).Select(l => l.Id), Is.Empty, "every leaf carries its seed criteria");
    }

    [Test]
    public void Jilin_county_names_and_points_follow_the_seed()
    {
        var (system, _) = Load("jilin-2017-county.yaml");
        Assert.That(system.Indicators.Select(n => (n.Name, n.Value)), Is.EqualTo(new[]
        {
            ("政务公开透明度", 65.0), ("政务公开参与度", 20.0), ("政务公开能力", 10.0), ("保障措施", 5.0),
        }));
        var leaf = system.Find("interpretation-timely")!;
        Assert.That(leaf.Value, Is.EqualTo(4));
        Assert.That(leaf.Checks.Single().Check.Id, Is.EqualTo("interpretation-timely"));
        Assert.That(leaf.Checks.Single().Parameters.Duration("within"), Is.EqualTo(new Duration(3, DurationUnit.WorkingDays)));
        Assert.That(system.Find("training")!.IsManual, Is.True);
    }

    [Test]
    public void Suizhou_department_work_scores_by_the_seed_rules()
    {
        var catalogue = Catalogue;
        var (system, checks) = Load("suizhou-2020-department-work.yaml");
        // Two of the six first-level columns missing; 35 items published; documents present, half linked.
        checks["column-exists"].Script = p => p.TextList("columns").Count == 6
            ? CheckResult.FromFraction("column-exists", 4 / 6.0, "缺少2个一级栏目", [], measured: 2, expected: 6)
            : CheckResult.FromFraction("column-exists", 1, "栏目存在", []);
        checks["min-items"].Script = _ => CheckResult.FromFraction("min-items", 35 / 40.0, "35条", [], measured: 35, expected: 40);
        checks["policy-interpretation-linked"].Script = _ => CheckResult.FromFraction("policy-interpretation-linked", 0.5, "半数关联", []);

        var card = Scorer.Score(system, Context(catalogue));
        var byId = card.Indicators.ToDictionary(i => i.Id);
        Assert.That(byId["implementation"].PointsEarned, Is.EqualTo(10));            // 20 − 2 × 5
        Assert.That(byId["information-submitted"].PointsEarned, Is.EqualTo(9));      // 30-40条 → 9
        Assert.That(byId["policy-and-interpretation"].PointsEarned, Is.EqualTo(6.5)); // 5 + 3 × 0.5
        Assert.That(card.Total, Is.EqualTo(25.5));
        // 組織推進 45 + 舉報投訴 5 + 在線訪談 10 wait for an assessor.
        Assert.That(card.ManualPointsPending, Is.EqualTo(60));
        Assert.That(card.Adjustments.Where(a => a.Status == FindingStatus.Manual).Select(a => a.Id),
            Is.EquivalentTo(new[] { "exchange-articles", "leader-instructions", "sites-criticised", "named-in-evaluation-report", "falsified-materials" }));
    }

    [Test]
    public void Suizhou_department_third_party_documents_the_seed_sums_and_normalises()
    {
        var (system, _) = Load("suizhou-2020-department-third-party.yaml");
        Assert.That(system.Find("normative-documents")!.AllowSumMismatch, Is.Not.Null);
        Assert.That(system.Find("normative-documents")!.Children.Sum(c => c.Value), Is.EqualTo(70));
        Assert.That(system.Find("service-openness")!.Children.Sum(c => c.Value), Is.EqualTo(90));

        var card = Scorer.Score(system, Context(Catalogue));
        // Every check passes (the doubles' default); normalising keeps 主动公开 60% × 規范性文件 10% = 6 points.
        var normative = card.Indicators.Single(i => i.Id == "normative-documents");
        Assert.That(normative.PointsPossible, Is.EqualTo(6));
        Assert.That(card.Indicators.Where(i => i.Level == 1).Sum(i => i.PointsPossible), Is.EqualTo(100).Within(1e-6));
        Assert.That(card.Total + card.ManualPointsPending, Is.EqualTo(100).Within(1e-3));
    }

    [Test]
    public void Suizhou_composite_is_seventy_thirty_of_its_stages()
    {
        var (system, checks) = Load("suizhou-2020-county.yaml");
        Assert.That(system.Stages.Select(s => (s.Id, s.Weight)), Is.EqualTo(new[] { ("third-party", 70.0), ("work", 30.0) }));
        var card = Scorer.Score(system, Context(Catalogue));
        var tp = card.Stages[0];
        var work = card.Stages[1];
        Assert.That(card.Total, Is.EqualTo(Math.Round(0.7 * tp.Total + 0.3 * work.Total, 4)).Within(1e-3));
        Assert.That(checks["search-works"].Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public void Daying_target_leaf_uses_the_units_publishing_target()
    {
        var (system, checks) = Load("daying-2018.yaml");
        Assert.That(system.UpdateProfile, Is.EqualTo("seed-002"));
        checks["publishing-volume"].Script = _ => CheckResult.FromFraction("publishing-volume", 1, "发布260条", [], measured: 260, expected: 240);
        var card = Scorer.Score(system, Context(Catalogue, 240));
        Assert.That(card.Indicators.Single(i => i.Id == "publishing-target").PointsEarned, Is.EqualTo(25));
        Assert.That(card.Adjustments.Single(a => a.Id == "publishing-target").Points, Is.EqualTo(0.4));

        var targets = IndicatorSystemLoader.LoadTargets(RulesPaths.File("daying-2018-targets.yaml"), ContractChecks.Create().Registry, Catalogue);
        Assert.That(targets.Targets, Has.Count.EqualTo(64));
        Assert.That(targets.Targets.Sum(t => t.Target), Is.EqualTo(12360));
        Assert.That(targets.TargetFor("政府办"), Is.EqualTo(240));
        Assert.That(targets.TargetFor("台办"), Is.EqualTo(20));
    }

    [Test]
    public void Wuhai_statistics_table_is_computed_where_the_site_can_count()
    {
        var (system, checks) = Load("wuhai-2017-self-check.yaml");
        checks["min-items"].Script = p => CheckResult.FromFraction("min-items", 1, "计数", [],
            measured: p.TextList("columns") switch { [] => 140, ["normative-documents"] => 10, ["policy-interpretation"] => 3, _ => 0 });
        var card = Scorer.Score(system, Context(Catalogue));
        var stats = card.Statistics.ToDictionary(s => s.Id);
        Assert.That(stats["proactive-items"].Value, Is.EqualTo(140));
        Assert.That(stats["normative-published"].Value, Is.EqualTo(10));
        Assert.That(stats["interpretations"].Value, Is.EqualTo(3));
        Assert.That(stats["interpretations"].Unit, Is.EqualTo("篇"));
        Assert.That(stats["received-online"].Status, Is.EqualTo(FindingStatus.Manual));
        Assert.That(stats["online-services"].Value, Is.EqualTo(1));
        Assert.That(card.Statistics, Has.Count.GreaterThan(60));
    }

    [Test]
    public void Supervision_table_raises_rows_for_failed_findings()
    {
        var catalogue = Catalogue;
        var (registry, checks) = ContractChecks.Create();
        var table = IndicatorSystemLoader.LoadSupervision(RulesPaths.File("supervision-2017.yaml"), registry, catalogue);
        Assert.That(table.Tasks, Has.Count.EqualTo(38));
        Assert.That(table.Tasks[8].Task, Is.EqualTo("推行行政执法公示制度,规范行政裁量,促进执法公平公正。"));
        Assert.That(table.Tasks[8].MaterialProviders, Is.EqualTo(new[] { "市法制办" }));

        var system = IndicatorSystemLoader.Load(RulesPaths.File("jilin-2017-county.yaml"), registry, catalogue);
        checks["column-exists"].Script = p => p.TextList("columns").Contains("law-enforcement")
            ? CheckResult.FromFraction("column-exists", 0, "未找到“行政执法公示”栏目", [new Evidence("http://127.0.0.1/")], subject: "law-enforcement")
            : CheckResult.FromFraction("column-exists", 1, "栏目存在", []);
        checks["site-reachable"].Script = _ => CheckResult.FromFraction("site-reachable", 1, "可访问", []);
        var card = Scorer.Score(system, Context(catalogue));

        var rows = RectificationPlanner.Plan(table, [card]);
        var row = rows.Single(r => r.Number == 9);
        Assert.That(row.Completion, Is.EqualTo("未完成"));
        Assert.That(row.Problems.Single(), Does.Contain("行政执法公开").And.Contain("未找到“行政执法公示”栏目"));
        Assert.That(row.ResponsibleBody, Is.EqualTo("测试县人民政府"));
        Assert.That(row.MaterialProviders, Is.EqualTo(new[] { "市法制办" }));
        Assert.That(row.EvidenceUrls, Is.EqualTo(new[] { "http://127.0.0.1/" }));
        Assert.That(rows.Any(r => r.Number == 38), Is.False);
    }

    [Test]
    public void A_failed_check_raises_the_task_that_names_it()
    {
        var catalogue = Catalogue;
        var (registry, checks) = ContractChecks.Create();
        var table = IndicatorSystemLoader.LoadSupervision(RulesPaths.File("supervision-2017.yaml"), registry, catalogue);
        var system = IndicatorSystemLoader.Load(RulesPaths.File("daying-2018.yaml"), registry, catalogue);
        checks["site-reachable"].Script = _ => CheckResult.FromFraction("site-reachable", 0, "站点无法访问：连接超时", [new Evidence("http://127.0.0.1:9/")]);
        var card = Scorer.Score(system, Context(catalogue, 240));

        var row = RectificationPlanner.Plan(table, [card]).Single(r => r.Number == 37);
        Assert.That(row.Problems, Has.Some.EqualTo("站点无法访问：连接超时"));
        Assert.That(row.MaterialProviders, Is.EqualTo(new[] { "市经济信息中心" }));
        Assert.That(row.Task, Does.StartWith("强化政府门户网站信息公开第一平台作用"));
    }
}
