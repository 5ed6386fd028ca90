using System.Globalization;
using Openness.Rules.Findings;

namespace Openness.Rules.Indicators;

/// <summary>Points from a formula: <c>Earned</c> within the leaf's points, <c>Bonus</c> on top (seed 002's target bonus).</summary>
public sealed record FormulaOutcome(double Earned, double Bonus, string Message);

/// <summary>
/// Turns one check's raw quantity (<see cref="CheckResult.Measured"/>, <see cref="CheckResult.Expected"/>) into
/// points, for indicators whose seed counts items rather than grading a share.
/// </summary>
public abstract record PointsFormula
{
    /// <summary>Index into the leaf's checks of the check whose Measured the formula reads (0 = the first).</summary>
    public int CheckIndex { get; init; }

    /// <summary>Null when the check measured nothing it can use (the leaf then needs review).</summary>
    public abstract FormulaOutcome? Evaluate(CheckResult result, double possible, DateOnly asOf);

    protected static string F(double d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>Seed 001 部门 工作落实: points − Deduct × missing, not below Floor ("每少一个栏目扣5分，扣完为止").</summary>
public sealed record PerMissingFormula(double Deduct, double Floor) : PointsFormula
{
    public override FormulaOutcome? Evaluate(CheckResult result, double possible, DateOnly asOf)
    {
        if (result.Measured is not { } missing) return null;
        var earned = Math.Clamp(possible - Deduct * missing, Math.Min(Floor, possible), possible);
        return new(earned, 0, $"缺少{F(missing)}项，每项扣{F(Deduct)}分");
    }
}

/// <summary>One band of a <see cref="BandsFormula"/>: Min inclusive, Below exclusive.</summary>
public sealed record PointsBand(double? Min, double? Below, double Points, int Line)
{
    public bool Contains(double v) => (Min is null || v >= Min - 1e-9) && (Below is null || v < Below - 1e-9);
}

/// <summary>Seed 001 门户网站内容保障: "40条以上得12分；30-40条得9分 ..." — the first band containing Measured; else 0.</summary>
public sealed record BandsFormula(IReadOnlyList<PointsBand> Bands) : PointsFormula
{
    public override FormulaOutcome? Evaluate(CheckResult result, double possible, DateOnly asOf)
    {
        if (result.Measured is not { } m) return null;
        var band = Bands.FirstOrDefault(b => b.Contains(m));
        var earned = Math.Min(possible, band?.Points ?? 0);
        return new(earned, 0, $"计{F(m)}条，得{F(earned)}分");
    }
}

/// <summary>
/// Seed 002 目标任务: the unit's target is the check's Expected (its publishingTarget). Each item short costs
/// PenaltyPerItem (not below 0); every BonusStep items above earn BonusPoints, at most MaxBonus, on top of the leaf.
/// With ProrateByYear the annual target is scaled to the share of the year elapsed at the as-of date.
/// </summary>
public sealed record TargetFormula(double PenaltyPerItem, double BonusStep, double BonusPoints, double MaxBonus, bool ProrateByYear)
    : PointsFormula
{
    public override FormulaOutcome? Evaluate(CheckResult result, double possible, DateOnly asOf)
    {
        if (result.Measured is not { } measured || result.Expected is not { } annual) return null;
        var target = ProrateByYear
            ? Math.Ceiling(annual * asOf.DayOfYear / (DateTime.IsLeapYear(asOf.Year) ? 366.0 : 365.0))
            : annual;
        if (measured < target)
        {
            var shortBy = target - measured;
            var earned = Math.Max(0, possible - PenaltyPerItem * shortBy);
            return new(earned, 0, $"发布{F(measured)}条，目标{F(target)}条，少{F(shortBy)}条，每条扣{F(PenaltyPerItem)}分");
        }
        var steps = BonusStep > 0 ? Math.Floor((measured - target) / BonusStep) : 0;
        var bonus = Math.Min(MaxBonus, steps * BonusPoints);
        return new(possible, bonus, $"发布{F(measured)}条，目标{F(target)}条，超额{F(measured - target)}条，加{F(bonus)}分");
    }
}

/// <summary>A deduction or bonus per counted item: Points × Measured, at most the adjustment's Max.</summary>
public sealed record PerItemFormula(double Points) : PointsFormula
{
    public override FormulaOutcome? Evaluate(CheckResult result, double possible, DateOnly asOf)
    {
        if (result.Measured is not { } m) return null;
        var value = Math.Min(possible, Points * m);
        return new(value, 0, $"计{F(m)}项，每项{F(Points)}分，计{F(value)}分");
    }
}
