using Openness.Rules.Findings;
using Openness.Rules.Indicators;

namespace Openness.Rules.Scoring;

/// <summary>A leaf's (or an automatic adjustment's) outcome: points earned of <c>Possible</c>, plus any bonus on top.</summary>
internal sealed record LeafOutcome(FindingStatus Status, double Earned, double Bonus, string Message, IReadOnlyList<CheckResult> Checks);

/// <summary>
/// Turns the results of a leaf's checks into points: the combined fraction × the leaf's points, or the leaf's
/// formula on one check's Measured value. Any check that could not decide makes the leaf NeedsReview (0 for now).
/// </summary>
internal static class LeafEvaluator
{
    public static LeafOutcome Evaluate(IReadOnlyList<CheckUse> uses, IReadOnlyList<CheckResult> results, CombineMode combine,
        PointsFormula? formula, double possible, double basis, DateOnly asOf)
    {
        if (formula is not null)
        {
            var source = results[Math.Min(formula.CheckIndex, results.Count - 1)];
            var outcome = source.Status == FindingStatus.NeedsReview ? null : formula.Evaluate(source, basis, asOf);
            if (outcome is null)
                return new(FindingStatus.NeedsReview, 0, 0, Review(results, source), results);
            var scale = basis > 0 ? possible / basis : 0;
            var earned = outcome.Earned * scale;
            return new(StatusOf(earned, possible), earned, outcome.Bonus, Join(outcome.Message, results), results);
        }
        if (results.Any(r => r.Fraction is null))
            return new(FindingStatus.NeedsReview, 0, 0, Review(results, results.First(r => r.Fraction is null)), results);
        var fractions = results.Select(r => r.Fraction!.Value).ToList();
        if (combine == CombineMode.Deduct)
        {
            var scale = basis > 0 ? possible / basis : 0;
            var deducted = uses.Select((u, i) => (u.Points ?? 0) * (1 - Math.Clamp(fractions[i], 0, 1))).Sum() * scale;
            var left = Math.Max(0, possible - deducted);
            return new(StatusOf(left, possible), left, 0, Join(null, results), results);
        }
        double fraction = combine switch
        {
            CombineMode.Min => fractions.Min(),
            CombineMode.Max => fractions.Max(),
            CombineMode.Sum => SumShare(uses, fractions),
            _ => fractions.Average(),
        };
        var points = Math.Clamp(fraction, 0, 1) * possible;
        return new(StatusOf(points, possible), points, 0, Join(null, results), results);
    }

    private static double SumShare(IReadOnlyList<CheckUse> uses, List<double> fractions)
    {
        var shares = uses.Select(u => u.Points ?? 0).ToList();
        var total = shares.Sum();
        return total <= 0 ? 0 : fractions.Select((f, i) => f * shares[i]).Sum() / total;
    }

    public static FindingStatus StatusOf(double earned, double possible) =>
        possible <= 0 ? FindingStatus.Pass
        : earned >= possible - 1e-9 ? FindingStatus.Pass
        : earned <= 1e-9 ? FindingStatus.Fail
        : FindingStatus.Partial;

    private static string Review(IReadOnlyList<CheckResult> results, CheckResult undecided) =>
        $"待人工复核（暂计0分）：{undecided.Message}" + (results.Count > 1 ? "；" + Join(null, results.Where(r => r != undecided).ToList()) : "");

    private static string Join(string? head, IReadOnlyList<CheckResult> results)
    {
        var parts = results.Select(r => r.Message).Where(m => !string.IsNullOrWhiteSpace(m));
        if (head is not null) parts = parts.Prepend(head);
        return string.Join("；", parts);
    }
}
