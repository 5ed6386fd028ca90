using Openness.Rules.Findings;
using Openness.Rules.Indicators;

namespace Openness.Rules.Scoring;

/// <summary>
/// Scores the indicator tree: each node's possible points top-down (points as written, or the product of weights
/// × total), leaves from their checks or an assessor's entry, parents as the sum of their children.
/// </summary>
internal sealed class TreeScorer(IndicatorSystem system, ManualEntries manual,
    Func<IndicatorNode, int, IReadOnlyList<CheckResult>> leafResults, IReadOnlySet<string> zeroed, DateOnly asOf)
{
    private readonly List<IndicatorResult> _results = [];
    public List<ScoreAdjustment> Bonuses { get; } = [];
    public double ManualPending { get; private set; }
    public double ReviewPending { get; private set; }

    public IReadOnlyList<IndicatorResult> Score()
    {
        var top = system.Indicators;
        double rootPossible = system.Total;
        // The root's children must add up to the total unless the file documents why not (allowSumMismatch).
        var shares = Shares(top, rootPossible, system.Mode == ScoringMode.Points ? system.Total : 100, top.Sum(n => n.Value),
            system.AllowSumMismatch);
        for (int i = 0; i < top.Count; i++) ScoreNode(top[i], shares[i], false);
        return _results;
    }

    private static double[] Shares(IReadOnlyList<IndicatorNode> children, double parentPossible, double parentWritten,
        double childrenWritten, SumMismatchAllowance? allowance)
    {
        var basis = allowance?.Resolve == SumMismatchResolution.Normalize || Math.Abs(childrenWritten - parentWritten) < 1e-9
            ? childrenWritten : parentWritten;
        return children.Select(c => basis > 0 ? parentPossible * c.Value / basis : 0).ToArray();
    }

    /// <summary>Adds the node (and its subtree) to the results; returns its earned points.</summary>
    private (double Earned, FindingStatus Status) ScoreNode(IndicatorNode node, double possible, bool underZeroed)
    {
        var zero = underZeroed || zeroed.Contains(node.Id);
        int index = _results.Count;
        _results.Add(null!); // placeholder so parents come before children
        IndicatorResult result;
        if (node.IsLeaf) result = ScoreLeaf(node, possible, zero);
        else
        {
            double written = system.Mode == ScoringMode.Points ? node.Value : 100;
            var shares = Shares(node.Children, possible, written, node.Children.Sum(c => c.Value), node.AllowSumMismatch);
            var outcomes = node.Children.Select((c, i) => ScoreNode(c, shares[i], zero)).ToList();
            var earned = zero ? 0 : Math.Min(possible, outcomes.Sum(o => o.Earned));
            result = Result(node, possible, earned, ParentStatus(earned, possible, outcomes.Select(o => o.Status)),
                zero ? "一票否决，本项计0分" : "", []);
        }
        _results[index] = result;
        return (result.PointsEarned, result.Status);
    }

    private static FindingStatus ParentStatus(double earned, double possible, IEnumerable<FindingStatus> children)
    {
        var list = children.ToList();
        if (earned >= possible - 1e-9 && possible > 0) return FindingStatus.Pass;
        // Points already lost outweigh points still pending: a section with failed items reads as partial (or failed),
        // not as "awaiting an assessor", so a unit sees where it stands.
        if (list.Any(c => c is FindingStatus.Fail or FindingStatus.Partial))
            return list.All(c => c == FindingStatus.Fail) ? FindingStatus.Fail : FindingStatus.Partial;
        if (list.Contains(FindingStatus.NeedsReview)) return FindingStatus.NeedsReview;
        if (list.Contains(FindingStatus.Manual)) return FindingStatus.Manual;
        return earned <= 1e-9 ? FindingStatus.Fail : FindingStatus.Partial;
    }

    private IndicatorResult ScoreLeaf(IndicatorNode node, double possible, bool zero)
    {
        IReadOnlyList<CheckResult> results = node.IsManual ? [] : leafResults(node, 0);
        bool entered = manual.Points.TryGetValue(node.Id, out var enteredPoints);
        if (zero) return Result(node, possible, 0, FindingStatus.Fail, "一票否决，本项计0分", results);
        if (node.IsManual || results.Count == 0)
        {
            if (entered) return Entered(node, possible, enteredPoints, results);
            ManualPending += possible;
            var how = node.Methods.Contains(AssessmentMethod.SubmittedMaterials) ? "提交材料" : "人工判断";
            return Result(node, possible, 0, FindingStatus.Manual, $"待评估人员评分（{how}）", results);
        }
        // An assessor's entry replaces what the checks found (they confirm or override findings).
        if (entered) return Entered(node, possible, enteredPoints, results);
        var basis = system.Mode == ScoringMode.Points ? node.Value : possible;
        var outcome = LeafEvaluator.Evaluate(node.Checks, results, node.Combine, node.Formula, possible, basis, asOf);
        if (outcome.Status == FindingStatus.NeedsReview) ReviewPending += possible;
        if (outcome.Bonus > 0)
            Bonuses.Add(new ScoreAdjustment("bonus", node.Id, $"{node.Name}（超额加分）", Scorer.Round(outcome.Bonus), FindingStatus.Pass, outcome.Message));
        return Result(node, possible, outcome.Earned, outcome.Status, outcome.Message, results);
    }

    private static IndicatorResult Entered(IndicatorNode node, double possible, double points, IReadOnlyList<CheckResult> results)
    {
        var v = Math.Clamp(points, 0, possible);
        return Result(node, possible, v, LeafEvaluator.StatusOf(v, possible), "评估人员评分", results);
    }

    private static IndicatorResult Result(IndicatorNode node, double possible, double earned, FindingStatus status, string message,
        IReadOnlyList<CheckResult> checks) => new()
    {
        Id = node.Id, Name = node.Name, Level = node.Level, ParentId = node.ParentId, IsLeaf = node.IsLeaf,
        Methods = node.Methods, Criteria = node.Criteria, Status = status, PointsEarned = Scorer.Round(earned),
        PointsPossible = Scorer.Round(possible), Checks = checks, Message = message,
    };
}
