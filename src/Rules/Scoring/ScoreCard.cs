using Openness.Rules.Findings;

namespace Openness.Rules.Scoring;

/// <summary>评估方式: how an indicator is checked.</summary>
public enum AssessmentMethod { ActualVerification, SubmittedMaterials }

/// <summary>One node of the indicator tree as scored for one unit.</summary>
public sealed record IndicatorResult
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public int Level { get; init; }
    public string? ParentId { get; init; }
    public bool IsLeaf { get; init; }
    public IReadOnlyList<AssessmentMethod> Methods { get; init; } = [];
    /// <summary>评估要点: the criteria text from the seed.</summary>
    public string Criteria { get; init; } = "";
    public required FindingStatus Status { get; init; }
    public double PointsEarned { get; init; }
    public double PointsPossible { get; init; }
    public IReadOnlyList<CheckResult> Checks { get; init; } = [];
    public string Message { get; init; } = "";

    public IEnumerable<string> EvidenceUrls => Checks.SelectMany(c => c.Evidence).Select(e => e.Url).Distinct();
}

/// <summary>A deduction (扣分), bonus (加分) or veto (一票否决) applied on top of the indicator tree.</summary>
public sealed record ScoreAdjustment(string Kind, string Id, string Name, double Points, FindingStatus Status, string Message);

/// <summary>A unit's score against one indicator system on one day.</summary>
public sealed record ScoreCard
{
    public required string UnitId { get; init; }
    public required string UnitName { get; init; }
    public required string SystemId { get; init; }
    public required string SystemName { get; init; }
    /// <summary>SHA-256 of the rules file's bytes, so a score can be traced to the exact rules used.</summary>
    public required string SystemHash { get; init; }
    public required DateOnly AsOf { get; init; }
    /// <summary>All nodes of the tree, parents before children, in the file's order.</summary>
    public required IReadOnlyList<IndicatorResult> Indicators { get; init; }
    public IReadOnlyList<ScoreAdjustment> Adjustments { get; init; } = [];
    public double Total { get; init; }
    public double Possible { get; init; }
    public required string Grade { get; init; }
    public bool Vetoed { get; init; }
    /// <summary>Points on manual leaves (submitted materials, or nothing automatic decides them) awaiting an assessor.</summary>
    public double ManualPointsPending { get; init; }
    /// <summary>Points on leaves whose checks could not decide (NeedsReview): 0 earned until an assessor confirms.</summary>
    public double ReviewPointsPending { get; init; }
    /// <summary>The best grade an applied cap-grade veto still allows (null when none applies).</summary>
    public string? GradeCap { get; init; }
    /// <summary>The grade before any veto capped or voided it.</summary>
    public string GradeBeforeVeto { get; init; } = "";
    /// <summary>Statistics table rows (seed 003 附件2): computed from the site where a check measures them, else manual.</summary>
    public IReadOnlyList<StatisticResult> Statistics { get; init; } = [];
    /// <summary>For a composite system: each stage's own card (its Total out of its Possible).</summary>
    public IReadOnlyList<ScoreCard> Stages { get; init; } = [];

    public IEnumerable<IndicatorResult> Leaves => Indicators.Where(i => i.IsLeaf);
    public IEnumerable<IndicatorResult> LevelOne => Indicators.Where(i => i.Level == 1);
}

/// <summary>One statistics row for one unit: Value is null when nothing measured it (status Manual or NeedsReview).</summary>
public sealed record StatisticResult(string Id, string Name, string Unit, int Level, string? ParentId, double? Value,
    FindingStatus Status, string Message);
