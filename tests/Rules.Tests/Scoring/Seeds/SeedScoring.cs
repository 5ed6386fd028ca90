using NUnit.Framework;
using Openness.Rules.Findings;
using Openness.Rules.Scoring;

namespace Openness.Rules.Tests.Scoring.Seeds;

/// <summary>Assertions the hand-computed seed tests share.</summary>
internal static class SeedScoring
{
    /// <summary>Scores are kept to 4 decimals; hand-computed thirds and sixths are compared to that.</summary>
    public const double Tolerance = 1e-3;

    public static IndicatorResult Node(ScoreCard card, string id) =>
        card.Indicators.SingleOrDefault(i => i.Id == id) ?? throw new AssertionException($"{card.SystemId}: no indicator '{id}'");

    public static void Earned(ScoreCard card, string id, double points, double possible, FindingStatus status)
    {
        var node = Node(card, id);
        Assert.Multiple(() =>
        {
            Assert.That(node.PointsEarned, Is.EqualTo(points).Within(Tolerance), $"{id} earned");
            Assert.That(node.PointsPossible, Is.EqualTo(possible).Within(Tolerance), $"{id} possible");
            Assert.That(node.Status, Is.EqualTo(status), $"{id} status ({node.Message})");
        });
    }

    /// <summary>A submitted-materials (or judgement) leaf: Manual, nothing earned, its points awaiting an assessor.</summary>
    public static void Manual(ScoreCard card, params (string Id, double Possible)[] leaves)
    {
        foreach (var (id, possible) in leaves) Earned(card, id, 0, possible, FindingStatus.Manual);
    }

    public static void Totals(ScoreCard card, double total, string grade, double manualPending, double reviewPending = 0, bool leavesAddUp = true)
    {
        Assert.Multiple(() =>
        {
            Assert.That(card.Total, Is.EqualTo(total).Within(Tolerance), "total");
            Assert.That(card.Grade, Is.EqualTo(grade), "grade");
            Assert.That(card.ManualPointsPending, Is.EqualTo(manualPending).Within(Tolerance), "manual points pending");
            Assert.That(card.ReviewPointsPending, Is.EqualTo(reviewPending).Within(Tolerance), "review points pending");
            // What the leaves earned is what the card says the unit earned: no points come from elsewhere.
            if (leavesAddUp)
                Assert.That(card.Leaves.Sum(l => l.PointsEarned) + card.Adjustments.Sum(a => a.Points), Is.EqualTo(card.Total).Within(Tolerance));
            Assert.That(card.Leaves.Where(l => l.Status == FindingStatus.Manual).Sum(l => l.PointsEarned), Is.Zero);
        });
    }
}
