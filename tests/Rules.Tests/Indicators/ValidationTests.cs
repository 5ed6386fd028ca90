using System.Security.Cryptography;
using NUnit.Framework;
using Openness.Core.Diagnostics;
using Openness.Rules.Indicators;

namespace Openness.Rules.Tests.Indicators;

/// <summary>Each kind of problem in a rules file is reported with its file, line and what was expected.</summary>
public class ValidationTests
{
    private RulesFixture _fx = null!;
    [SetUp] public void SetUp() => _fx = new RulesFixture();
    [TearDown] public void TearDown() => _fx.Dispose();

    private const string Head = """
        kind: indicator-system
        id: test-system
        name: 测试指标
        scoring: points
        total: 10
        grades:
          - {grade: 优秀, min: 8}
          - {grade: 合格, min: 6, below: 8}
          - {grade: 不合格, below: 6}
        indicators:

        """;

    private IReadOnlyList<SourceError> Validate(string yaml, string name = "system.yaml") =>
        IndicatorSystemValidator.Validate(_fx.Write(name, yaml), ContractChecks.Create().Registry, RulesFixture.Catalogue);

    private static SourceError Single(IReadOnlyList<SourceError> errors)
    {
        Assert.That(errors, Has.Count.EqualTo(1), string.Join("\n", errors));
        return errors[0];
    }

    [Test]
    public void A_valid_file_has_no_problems_and_loads()
    {
        var yaml = Head + """
              - id: a
                name: 甲
                points: 10
                methods: [actual-verification]
                criteria: 开设栏目
                checks:
                  - {check: column-exists, columns: [notices]}
            """;
        Assert.That(Validate(yaml), Is.Empty);
        var path = _fx.Write("ok.yaml", yaml);
        var system = IndicatorSystemLoader.Load(path, ContractChecks.Create().Registry, RulesFixture.Catalogue);
        Assert.That(system.Id, Is.EqualTo("test-system"));
        Assert.That(system.ContentHash, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))));
        Assert.That(system.Leaves.Single().Checks.Single().Check.Id, Is.EqualTo("column-exists"));
        Assert.That(system.Leaves.Single().Criteria, Is.EqualTo("开设栏目"));
    }

    [Test]
    public void Yaml_syntax_error_is_located()
    {
        var e = Single(Validate(Head + "  - id: a\n    name: [甲\n    points: 10\n"));
        Assert.That(e.Message, Does.StartWith("not valid YAML"));
        Assert.That(e.Line, Is.EqualTo(12));
        Assert.That(e.File, Does.EndWith("system.yaml"));
    }

    [Test]
    public void Unknown_key_is_reported_on_its_line()
    {
        var e = Single(Validate(Head + "  - id: a\n    name: 甲\n    points: 10\n    pionts: 3\n"));
        Assert.That(e.Line, Is.EqualTo(14));
        Assert.That(e.Message, Does.Contain("unknown key 'pionts'").And.Contain("expected one of"));
    }

    [Test]
    public void Unknown_check_lists_the_known_ones()
    {
        var e = Single(Validate(Head + "  - id: a\n    name: 甲\n    points: 10\n    checks:\n      - {check: column-exist, columns: [notices]}\n"));
        Assert.That(e.Line, Is.EqualTo(15));
        Assert.That(e.Message, Does.Contain("unknown check 'column-exist'").And.Contain("column-exists").And.Contain("publishing-volume"));
    }

    [Test]
    public void Unknown_missing_and_ill_typed_parameters_are_each_reported()
    {
        var errors = Validate(Head + """
              - id: a
                name: 甲
                points: 10
                checks:
                  - {check: column-exists, column: [notices]}
                  - {check: column-updated, columns: [notices], within: two weeks}
                  - {check: broken-links, maxRatio: lots}
            """);
        Assert.That(errors.Select(e => e.Line), Is.EquivalentTo(new[] { 15, 15, 16, 17 }), string.Join("\n", errors));
        Assert.That(errors.Any(e => e.Message.Contains("has no parameter 'column'") && e.Message.Contains("columns")));
        Assert.That(errors.Any(e => e.Message.Contains("needs parameter 'columns'")));
        Assert.That(errors.Any(e => e.Message.Contains("'two weeks' is not a duration")));
        Assert.That(errors.Any(e => e.Message.Contains("'lots' is not a number")));
    }

    [Test]
    public void Unknown_column_id_is_reported()
    {
        var e = Single(Validate(Head + "  - id: a\n    name: 甲\n    points: 10\n    checks:\n      - check: column-exists\n        columns: [notices, notice-board]\n"));
        Assert.That(e.Line, Is.EqualTo(16));
        Assert.That(e.Message, Does.Contain("unknown column id 'notice-board'"));
    }

    [Test]
    public void Children_not_adding_up_names_both_numbers()
    {
        var e = Single(Validate(Head + """
              - id: a
                name: 甲
                points: 10
                children:
                  - {id: a1, name: 甲一, points: 4}
                  - {id: a2, name: 甲二, points: 5}
            """));
        Assert.That(e.Line, Is.EqualTo(11));
        Assert.That(e.Message, Does.Contain("add up to 9 points").And.Contain("'a' has 10 points"));
    }

    [Test]
    public void Top_level_not_adding_up_to_the_total_is_reported()
    {
        var e = Single(Validate(Head + "  - {id: a, name: 甲, points: 7}\n  - {id: b, name: 乙, points: 2}\n"));
        Assert.That(e.Message, Does.Contain("add up to 9 points").And.Contain("total is 10"));
    }

    [Test]
    public void A_documented_sum_mismatch_is_accepted()
    {
        Assert.That(Validate(Head + """
              - id: a
                name: 甲
                points: 10
                allowSumMismatch: {reason: the seed lists 4 + 5 under 10, resolve: as-written}
                children:
                  - {id: a1, name: 甲一, points: 4}
                  - {id: a2, name: 甲二, points: 5}
            """), Is.Empty);
    }

    [Test]
    public void Weights_must_sum_to_100_percent()
    {
        var yaml = Head.Replace("scoring: points", "scoring: weights").Replace("total: 10", "total: 100") + """
              - id: a
                name: 甲
                weight: 60%
                children:
                  - {id: a1, name: 甲一, weight: 30%}
                  - {id: a2, name: 甲二, weight: 40%}
              - {id: b, name: 乙, weight: 40}
            """;
        var e = Single(Validate(yaml));
        Assert.That(e.Line, Is.EqualTo(11));
        Assert.That(e.Message, Does.Contain("weights of the children of 'a' add up to 70% instead of 100%"));
    }

    [Test]
    public void Overlapping_grade_bands_are_reported()
    {
        var e = Single(Validate(Head.Replace("{grade: 合格, min: 6, below: 8}", "{grade: 合格, min: 6, below: 9}") +
                                "  - {id: a, name: 甲, points: 10}\n"));
        Assert.That(e.Line, Is.EqualTo(8));
        Assert.That(e.Message, Does.Contain("'合格' [6, 9) overlaps '优秀' [8, ∞)"));
    }

    [Test]
    public void Method_must_be_one_of_the_two()
    {
        var e = Single(Validate(Head + "  - id: a\n    name: 甲\n    points: 10\n    methods: [actual-verification, site-visit]\n"));
        Assert.That(e.Line, Is.EqualTo(14));
        Assert.That(e.Message, Does.Contain("method 'site-visit' is not one of: actual-verification (实际验证), submitted-materials (提交材料)"));
    }

    [Test]
    public void Duplicate_ids_name_the_first_line()
    {
        var e = Single(Validate(Head + "  - {id: a, name: 甲, points: 5}\n  - {id: a, name: 乙, points: 5}\n"));
        Assert.That(e.Line, Is.EqualTo(12));
        Assert.That(e.Message, Does.Contain("duplicate id 'a' (first defined on line 11)"));
    }

    [Test]
    public void Checks_on_a_submitted_materials_only_leaf_are_rejected()
    {
        var e = Single(Validate(Head + "  - id: a\n    name: 甲\n    points: 10\n    methods: [submitted-materials]\n    checks:\n      - {check: site-reachable}\n"));
        Assert.That(e.Line, Is.EqualTo(16));
        Assert.That(e.Message, Does.Contain("submitted materials only"));
    }

    [Test]
    public void Overlapping_formula_bands_are_reported()
    {
        var e = Single(Validate(Head + """
              - id: a
                name: 甲
                points: 10
                checks:
                  - {check: min-items, count: 40}
                formula:
                  bands:
                    - {min: 30, points: 9}
                    - {min: 20, below: 31, points: 6}
            """));
        Assert.That(e.Line, Is.EqualTo(19));
        Assert.That(e.Message, Does.Contain("overlaps the band on line 18"));
    }

    [Test]
    public void Stage_weights_must_sum_to_100()
    {
        _fx.Write("stage.yaml", Head + "  - {id: a, name: 甲, points: 10}\n");
        var e = Single(Validate("""
            kind: composite
            id: combined
            name: 综合
            grades:
              - {grade: 合格, min: 60}
              - {grade: 不合格, below: 60}
            stages:
              - {id: one, name: 第一阶段, system: stage.yaml, weight: 70}
              - {id: two, name: 第二阶段, system: stage.yaml, weight: 20}
            """, "composite.yaml"));
        Assert.That(e.Line, Is.EqualTo(8));
        Assert.That(e.Message, Does.Contain("stage weights add up to 90% instead of 100%"));
    }

    [Test]
    public void Loading_reports_all_problems_at_once()
    {
        var path = _fx.Write("bad.yaml", Head + """
              - id: a
                name: 甲
                points: 3
                methods: [looking]
                checks:
                  - {check: nope}
              - {id: a, name: 乙, points: 3}
            """);
        var ex = Assert.Throws<InputFileException>(() => IndicatorSystemLoader.Load(path, ContractChecks.Create().Registry, RulesFixture.Catalogue));
        Assert.That(ex!.Errors.Select(e => e.Message), Has.Some.Contains("method 'looking'")
            .And.Some.Contains("unknown check 'nope'").And.Some.Contains("duplicate id 'a'").And.Some.Contains("add up to 6 points"));
        Assert.That(ex.Errors.All(e => e.File == path && e.Line > 0));
    }

    [Test]
    public void Veto_cap_must_name_a_grade_and_zeroed_indicators_must_exist()
    {
        var errors = Validate(Head + """
              - {id: a, name: 甲, points: 10}
            adjustments:
              - {kind: veto, id: v1, name: 否决一, effect: cap-grade, capGrade: 良好}
              - {kind: veto, id: v2, name: 否决二, effect: zero-indicators, indicators: [b]}
              - {kind: bonus, id: b1, name: 加分}
            """);
        Assert.That(errors.Select(e => e.Message), Has.Some.Contains("capGrade '良好' is not one of the grades")
            .And.Some.Contains("names unknown indicator 'b'").And.Some.Contains("needs 'max'"));
    }
}
