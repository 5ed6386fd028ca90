using Openness.Rules.Checks;
using Openness.Rules.Scoring;

namespace Openness.Rules.Indicators;

/// <summary>分值 / 权重: whether nodes carry points (seed 000, 002, 003) or percentage weights of their parent (seed 001).</summary>
public enum ScoringMode { Points, Weights }

/// <summary>
/// How a leaf's check fractions become points: mean/min/max of the fractions × the leaf's points; sum: each check
/// earns its fraction × its own points; deduct: the leaf's points less each check's points × (1 − its fraction)
/// (seed 002 "信息公开目录未更新的扣1分；没有年度报告的扣2分").
/// </summary>
public enum CombineMode { Mean, Min, Max, Sum, Deduct }

/// <summary>What to do when children's points/weights do not add up to their parent's (a seed's own numbers).</summary>
public enum SumMismatchResolution { Normalize, AsWritten }

/// <summary>A documented acceptance of children that do not add up, with the reason (the seed's numbers are kept).</summary>
public sealed record SumMismatchAllowance(string Reason, SumMismatchResolution Resolve);

/// <summary>Where the system comes from: seed document and attachment (附件).</summary>
public sealed record SystemSource(string Seed, string? Attachment, string? Title);

/// <summary>A grade band: <c>Min</c> inclusive, <c>Below</c> exclusive (80 ≤ 优秀; 70 ≤ 良好 &lt; 80 ...).</summary>
public sealed record GradeBand(string Grade, double? Min, double? Below)
{
    public bool Contains(double score) => (Min is null || score >= Min - 1e-9) && (Below is null || score < Below - 1e-9);
}

/// <summary>One check a leaf runs, with its validated parameters; <c>Points</c> only when the leaf combines by sum.</summary>
public sealed record CheckUse(ICheck Check, CheckParameters Parameters, double? Points, int Line);

/// <summary>An indicator (指标) of the tree. A node with no children is a leaf.</summary>
public sealed class IndicatorNode
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public int Level { get; init; }
    public string? ParentId { get; init; }
    /// <summary>Points (points mode) or percentage of the parent (weights mode), as written in the seed.</summary>
    public double Value { get; init; }
    public IReadOnlyList<AssessmentMethod> Methods { get; init; } = [];
    public string Criteria { get; init; } = "";
    public string? Note { get; init; }
    public IReadOnlyList<CheckUse> Checks { get; init; } = [];
    public CombineMode Combine { get; init; } = CombineMode.Mean;
    /// <summary>Turns a check's Measured/Expected into points instead of the combined fraction.</summary>
    public PointsFormula? Formula { get; init; }
    public SumMismatchAllowance? AllowSumMismatch { get; init; }
    public IReadOnlyList<IndicatorNode> Children { get; init; } = [];

    public bool IsLeaf => Children.Count == 0;
    /// <summary>A leaf no check decides: an assessor enters its points (submitted materials or human judgement).</summary>
    public bool IsManual => IsLeaf && Checks.Count == 0;

    public IEnumerable<IndicatorNode> SelfAndDescendants()
    {
        yield return this;
        foreach (var c in Children)
            foreach (var d in c.SelfAndDescendants()) yield return d;
    }
}

public enum AdjustmentKind { Deduction, Bonus, Veto }

/// <summary>一票否决's effect: cap the grade, void the whole result, or zero named indicators.</summary>
public enum VetoEffect { CapGrade, Void, ZeroIndicators }

/// <summary>
/// 扣分 / 加分 / 一票否决 on top of the tree. Automatic when it has checks (a deduction/bonus takes its points from
/// its formula or its fraction × Max; a veto applies when its checks fail); otherwise manual, shown for an assessor.
/// </summary>
public sealed record AdjustmentRule
{
    public required AdjustmentKind Kind { get; init; }
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Criteria { get; init; } = "";
    /// <summary>Most points the deduction/bonus can move.</summary>
    public double? Max { get; init; }
    public IReadOnlyList<CheckUse> Checks { get; init; } = [];
    public CombineMode Combine { get; init; } = CombineMode.Mean;
    public PointsFormula? Formula { get; init; }
    public VetoEffect Effect { get; init; } = VetoEffect.CapGrade;
    /// <summary>Highest grade still allowed when a cap-grade veto applies (e.g. 良好: "不能评为优秀").</summary>
    public string? CapGrade { get; init; }
    public IReadOnlyList<string> Indicators { get; init; } = [];
    public bool IsManual => Checks.Count == 0;
}

/// <summary>A stage of a composite system (seed 001: 第三方机构测评 70%, 工作测评 30%).</summary>
public sealed record Stage(string Id, string Name, double Weight, IndicatorSystem System);

/// <summary>A row of a statistics table (seed 003 附件2): computed from a check's Measured when it has one, else manual.</summary>
public sealed record StatisticItem
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Unit { get; init; } = "";
    public int Level { get; init; }
    public string? ParentId { get; init; }
    public CheckUse? Check { get; init; }
    /// <summary>"measured" (the check's count) or "pass" (是/否 from the check's status).</summary>
    public string ValueFrom { get; init; } = "measured";
    public string? Note { get; init; }
}

/// <summary>An indicator system (评估指标体系) loaded from a rules file, bound to the checks of one registry.</summary>
public sealed class IndicatorSystem
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Path { get; init; }
    /// <summary>SHA-256 (lowercase hex) of the rules file's bytes.</summary>
    public required string ContentHash { get; init; }
    public SystemSource? Source { get; init; }
    public IReadOnlyList<string> AppliesTo { get; init; } = [];
    public ScoringMode Mode { get; init; } = ScoringMode.Points;
    public double Total { get; init; } = 100;
    public IReadOnlyList<GradeBand> Grades { get; init; } = [];
    public string UpdateProfile { get; init; } = "default";
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>Set when the top-level indicators do not add up to the total in the seed itself.</summary>
    public SumMismatchAllowance? AllowSumMismatch { get; init; }
    public IReadOnlyList<IndicatorNode> Indicators { get; init; } = [];
    public IReadOnlyList<AdjustmentRule> Adjustments { get; init; } = [];
    public IReadOnlyList<StatisticItem> Statistics { get; init; } = [];
    /// <summary>Non-empty for a composite system: the total is the weighted sum of the stages' results.</summary>
    public IReadOnlyList<Stage> Stages { get; init; } = [];

    public bool IsComposite => Stages.Count > 0;

    public IEnumerable<IndicatorNode> AllNodes => Indicators.SelectMany(n => n.SelfAndDescendants());
    public IEnumerable<IndicatorNode> Leaves => AllNodes.Where(n => n.IsLeaf);
    public IndicatorNode? Find(string id) => AllNodes.FirstOrDefault(n => n.Id == id);

    public bool AppliesToGroup(string group) =>
        AppliesTo.Count == 0 || AppliesTo.Contains(group, StringComparer.OrdinalIgnoreCase);

    /// <summary>The grade for a score, from the bands; the lowest band's grade when none matches.</summary>
    public string GradeFor(double score) =>
        Grades.FirstOrDefault(g => g.Contains(score))?.Grade ?? LowestGrade;

    /// <summary>Grades from best to worst (the file lists them best first).</summary>
    public string LowestGrade => Grades.Count > 0 ? Grades[^1].Grade : "";
}
