using System.Globalization;
using Openness.Rules.Checks;
using Openness.Rules.Findings;
using Openness.Rules.Indicators;

namespace Openness.Rules.Scoring;

/// <summary>
/// What an assessor (评估人员) has entered: points for manual or NeedsReview leaves and manual deductions/bonuses
/// (by id; in a composite, "stageId/id"), and the manual vetoes they confirm.
/// </summary>
public sealed record ManualEntries
{
    public static readonly ManualEntries None = new();
    public IReadOnlyDictionary<string, double> Points { get; init; } = new Dictionary<string, double>();
    public IReadOnlySet<string> ConfirmedVetoes { get; init; } = new HashSet<string>();

    internal ManualEntries ForStage(string stageId)
    {
        var prefix = stageId + "/";
        return new ManualEntries
        {
            Points = Points.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
                .ToDictionary(p => p.Key[prefix.Length..], p => p.Value),
            ConfirmedVetoes = ConfirmedVetoes.Where(v => v.StartsWith(prefix, StringComparison.Ordinal))
                .Select(v => v[prefix.Length..]).ToHashSet(),
        };
    }
}

/// <summary>
/// Scores one unit against an indicator system: runs each leaf's checks (each distinct check + parameters once),
/// turns fractions/measurements into points, adds up the tree, applies deductions, bonuses and vetoes, grades.
/// </summary>
public static class Scorer
{
    public static ScoreCard Score(IndicatorSystem system, CheckContext context, ManualEntries? manual = null)
    {
        manual ??= ManualEntries.None;
        if (system.IsComposite) return ScoreComposite(system, context, manual, null);
        var stageContext = WithProfile(context, system.UpdateProfile);
        var runner = new CheckRunner(stageContext);
        return Build(system, stageContext.Unit.Id, stageContext.Unit.Name, context.AsOf, manual,
            (node, _) => node.Checks.Select(runner.Run).ToList(), rule => rule.Checks.Select(runner.Run).ToList(),
            ScoreStatistics(system, runner));
    }

    /// <summary>
    /// Re-scores a card with an assessor's entries without running any check again: leaves keep the check results
    /// they had; automatic adjustments keep their outcome; manual leaves, deductions, bonuses and vetoes take the entries.
    /// </summary>
    public static ScoreCard ApplyManual(IndicatorSystem system, ScoreCard card, ManualEntries manual)
    {
        if (system.IsComposite) return ScoreComposite(system, null, manual, card);
        if (card.SystemHash != system.ContentHash)
            throw new InvalidOperationException($"card was scored with rules {card.SystemHash}, not {system.ContentHash} ({system.Path})");
        var previous = card.Indicators.ToDictionary(i => i.Id);
        var previousAdjustments = card.Adjustments.Where(a => a.Status != FindingStatus.Manual).ToDictionary(a => a.Id);
        return Build(system, card.UnitId, card.UnitName, card.AsOf, manual,
            (node, _) => previous.TryGetValue(node.Id, out var r) ? r.Checks : [],
            rule => rule.IsManual ? [] : previousAdjustments.ContainsKey(rule.Id) ? null : [], card.Statistics, previousAdjustments);
    }

    private static CheckContext WithProfile(CheckContext c, string profile) => new()
    {
        Site = c.Site, Catalogue = c.Catalogue, Calendar = c.Calendar, AsOf = c.AsOf, UpdateProfile = profile,
    };

    private static ScoreCard Build(IndicatorSystem system, string unitId, string unitName, DateOnly asOf, ManualEntries manual,
        Func<IndicatorNode, int, IReadOnlyList<CheckResult>> leafResults, Func<AdjustmentRule, IReadOnlyList<CheckResult>?> adjustmentResults,
        IReadOnlyList<StatisticResult> statistics, IReadOnlyDictionary<string, ScoreAdjustment>? keptAdjustments = null)
    {
        var adjustments = new List<ScoreAdjustment>();
        string? cap = null;
        bool voided = false;
        var zeroed = new HashSet<string>();
        foreach (var rule in system.Adjustments.Where(a => a.Kind == AdjustmentKind.Veto))
        {
            var results = adjustmentResults(rule);
            var adj = results is null ? keptAdjustments![rule.Id] : EvaluateVeto(rule, results, manual, asOf);
            adjustments.Add(adj);
            if (adj.Status != FindingStatus.Fail) continue;
            switch (rule.Effect)
            {
                case VetoEffect.Void: voided = true; break;
                case VetoEffect.ZeroIndicators: zeroed.UnionWith(rule.Indicators); break;
                default: cap = Worse(system, cap, rule.CapGrade); break;
            }
        }

        var tree = new TreeScorer(system, manual, leafResults, zeroed, asOf);
        var indicators = tree.Score();
        adjustments.AddRange(tree.Bonuses);
        foreach (var rule in system.Adjustments.Where(a => a.Kind != AdjustmentKind.Veto))
        {
            var results = adjustmentResults(rule);
            adjustments.Add(results is null ? keptAdjustments![rule.Id] : EvaluatePoints(rule, results, manual, asOf));
        }

        var raw = indicators.Where(i => i.Level == 1).Sum(i => i.PointsEarned) + adjustments.Sum(a => a.Points);
        var total = voided ? 0 : Math.Max(0, Round(raw));
        var before = system.GradeFor(total);
        var grade = voided ? system.LowestGrade : Worse(system, before, cap) ?? before;
        return new ScoreCard
        {
            UnitId = unitId, UnitName = unitName, SystemId = system.Id, SystemName = system.Name, SystemHash = system.ContentHash,
            AsOf = asOf, Indicators = indicators, Adjustments = adjustments, Total = total, Possible = system.Total,
            Grade = grade, GradeBeforeVeto = before, GradeCap = cap, Vetoed = voided || cap is not null || zeroed.Count > 0,
            ManualPointsPending = Round(tree.ManualPending), ReviewPointsPending = Round(tree.ReviewPending), Statistics = statistics,
        };
    }

    /// <summary>The worse of two grades by their order in the file (best first); null stands for "no cap".</summary>
    private static string? Worse(IndicatorSystem system, string? a, string? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        var order = system.Grades.Select(g => g.Grade).ToList();
        return order.IndexOf(a) >= order.IndexOf(b) ? a : b;
    }

    private static ScoreAdjustment EvaluateVeto(AdjustmentRule rule, IReadOnlyList<CheckResult> results, ManualEntries manual, DateOnly asOf)
    {
        if (rule.IsManual)
            return manual.ConfirmedVetoes.Contains(rule.Id)
                ? new("veto", rule.Id, rule.Name, 0, FindingStatus.Fail, $"一票否决（评估人员确认）：{rule.Criteria}")
                : new("veto", rule.Id, rule.Name, 0, FindingStatus.Manual, $"待评估人员核实：{rule.Criteria}");
        var outcome = LeafEvaluator.Evaluate(rule.Checks, results, rule.Combine, rule.Formula, 1, 1, asOf);
        var message = string.Join("；", results.Select(r => r.Message));
        return outcome.Status switch
        {
            FindingStatus.NeedsReview => new("veto", rule.Id, rule.Name, 0, FindingStatus.NeedsReview, $"待人工复核：{message}"),
            FindingStatus.Fail => new("veto", rule.Id, rule.Name, 0, FindingStatus.Fail, $"一票否决：{message}"),
            _ => new("veto", rule.Id, rule.Name, 0, FindingStatus.Pass, message),
        };
    }

    private static ScoreAdjustment EvaluatePoints(AdjustmentRule rule, IReadOnlyList<CheckResult> results, ManualEntries manual, DateOnly asOf)
    {
        var kind = rule.Kind == AdjustmentKind.Bonus ? "bonus" : "deduction";
        var sign = rule.Kind == AdjustmentKind.Bonus ? 1 : -1;
        var max = rule.Max ?? 0;
        if (rule.IsManual)
        {
            if (manual.Points.TryGetValue(rule.Id, out var entered))
            {
                var v = Math.Clamp(Math.Abs(entered), 0, max);
                return new(kind, rule.Id, rule.Name, sign * v, v > 0 ? FindingStatus.Fail : FindingStatus.Pass,
                    $"评估人员录入{(sign > 0 ? "加" : "扣")}{F(v)}分");
            }
            return new(kind, rule.Id, rule.Name, 0, FindingStatus.Manual, $"待评估人员核定（最多{F(max)}分）：{rule.Criteria}");
        }
        var outcome = LeafEvaluator.Evaluate(rule.Checks, results, rule.Combine, rule.Formula, max, max, asOf);
        if (outcome.Status == FindingStatus.NeedsReview)
            return new(kind, rule.Id, rule.Name, 0, FindingStatus.NeedsReview, outcome.Message);
        // A formula counts what moves the score; a plain fraction says how well the unit did, so a deduction takes the shortfall.
        var points = rule.Formula is not null ? outcome.Earned : sign > 0 ? outcome.Earned : max - outcome.Earned;
        return new(kind, rule.Id, rule.Name, sign * Round(points), points > 1e-9 ? FindingStatus.Fail : FindingStatus.Pass, outcome.Message);
    }

    private static IReadOnlyList<StatisticResult> ScoreStatistics(IndicatorSystem system, CheckRunner runner) =>
        system.Statistics.Select(item =>
        {
            if (item.Check is null)
                return new StatisticResult(item.Id, item.Name, item.Unit, item.Level, item.ParentId, null, FindingStatus.Manual, item.Note ?? "由单位填报");
            var r = runner.Run(item.Check);
            if (item.ValueFrom == "pass")
                return r.Status == FindingStatus.NeedsReview
                    ? new StatisticResult(item.Id, item.Name, item.Unit, item.Level, item.ParentId, null, FindingStatus.NeedsReview, r.Message)
                    : new StatisticResult(item.Id, item.Name, item.Unit, item.Level, item.ParentId, r.Status == FindingStatus.Pass ? 1 : 0, r.Status, r.Message);
            return r.Measured is { } m
                ? new StatisticResult(item.Id, item.Name, item.Unit, item.Level, item.ParentId, m, FindingStatus.Pass, r.Message)
                : new StatisticResult(item.Id, item.Name, item.Unit, item.Level, item.ParentId, null, FindingStatus.NeedsReview, r.Message);
        }).ToList();

    private static ScoreCard ScoreComposite(IndicatorSystem system, CheckContext? context, ManualEntries manual, ScoreCard? previous)
    {
        var stageCards = new List<ScoreCard>();
        var indicators = new List<IndicatorResult>();
        string? cap = null;
        if (previous is not null && (previous.SystemHash != system.ContentHash || previous.Stages.Count != system.Stages.Count))
            throw new InvalidOperationException($"card was scored with rules {previous.SystemHash}, not {system.ContentHash} ({system.Path})");
        for (int s = 0; s < system.Stages.Count; s++)
        {
            var stage = system.Stages[s];
            var stageManual = manual.ForStage(stage.Id);
            var card = previous is null
                ? Score(stage.System, context!, stageManual)
                : ApplyManual(stage.System, previous.Stages[s], stageManual);
            stageCards.Add(card);
            // A stage's cap-grade veto ("不能评为优秀") caps the combined grade too.
            if (card.GradeCap is { } stageCap) cap = Worse(system, cap, MapGrade(system, stageCap));
            var possible = system.Total * stage.Weight / 100;
            var earned = card.Possible > 0 ? card.Total / card.Possible * possible : 0;
            indicators.Add(new IndicatorResult
            {
                Id = stage.Id, Name = stage.Name, Level = 1, IsLeaf = false, PointsPossible = Round(possible), PointsEarned = Round(earned),
                Status = LeafEvaluator.StatusOf(earned, possible),
                Message = $"{stage.Name}得分{F(card.Total)}/{F(card.Possible)}，权重{F(stage.Weight)}%，折合{F(earned)}分",
            });
            // The stage's own tree follows its node, in the stage's own points, ids prefixed by the stage id.
            indicators.AddRange(card.Indicators.Select(i => i with
            {
                Id = $"{stage.Id}/{i.Id}", Level = i.Level + 1, ParentId = $"{stage.Id}/{i.ParentId ?? ""}".TrimEnd('/'),
            }));
        }
        var unitId = previous?.UnitId ?? context!.Unit.Id;
        var unitName = previous?.UnitName ?? context!.Unit.Name;
        var asOf = previous?.AsOf ?? context!.AsOf;
        var adjustments = new List<ScoreAdjustment>();
        bool voided = false;
        foreach (var rule in system.Adjustments)
        {
            var runner = context is null ? null : new CheckRunner(context);
            var kept = previous?.Adjustments.FirstOrDefault(a => a.Id == rule.Id && a.Status != FindingStatus.Manual);
            IReadOnlyList<CheckResult>? results = rule.IsManual ? Array.Empty<CheckResult>() : kept is not null ? null : rule.Checks.Select(runner!.Run).ToList();
            var adj = results is null ? kept! : rule.Kind == AdjustmentKind.Veto ? EvaluateVeto(rule, results, manual, asOf) : EvaluatePoints(rule, results, manual, asOf);
            adjustments.Add(adj);
            if (rule.Kind == AdjustmentKind.Veto && adj.Status == FindingStatus.Fail)
            {
                if (rule.Effect == VetoEffect.Void) voided = true;
                else cap = Worse(system, cap, rule.CapGrade);
            }
        }
        var raw = indicators.Where(i => i.Level == 1).Sum(i => i.PointsEarned) + adjustments.Sum(a => a.Points);
        var total = voided ? 0 : Math.Max(0, Round(raw));
        var before = system.GradeFor(total);
        return new ScoreCard
        {
            UnitId = unitId, UnitName = unitName, SystemId = system.Id, SystemName = system.Name, SystemHash = system.ContentHash,
            AsOf = asOf, Indicators = indicators, Adjustments = adjustments, Total = total, Possible = system.Total,
            Grade = voided ? system.LowestGrade : Worse(system, before, cap) ?? before, GradeBeforeVeto = before, GradeCap = cap,
            Vetoed = voided || cap is not null || stageCards.Any(s => s.Vetoed),
            ManualPointsPending = Round(system.Stages.Zip(stageCards).Sum(p => Share(p.First, p.Second, p.Second.ManualPointsPending))),
            ReviewPointsPending = Round(system.Stages.Zip(stageCards).Sum(p => Share(p.First, p.Second, p.Second.ReviewPointsPending))),
            Stages = stageCards,
        };

        double Share(Stage stage, ScoreCard card, double points) =>
            card.Possible > 0 ? points / card.Possible * system.Total * stage.Weight / 100 : 0;
    }

    /// <summary>A stage's capped grade in the composite's grade names (same name when both use the same bands).</summary>
    private static string? MapGrade(IndicatorSystem system, string stageGrade) =>
        system.Grades.Any(g => g.Grade == stageGrade) ? stageGrade : null;

    internal static double Round(double d) => Math.Round(d, 4, MidpointRounding.AwayFromZero);
    private static string F(double d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>Runs each distinct check + parameters once per unit; a check that throws becomes NeedsReview, not a crash.</summary>
internal sealed class CheckRunner(CheckContext context)
{
    private readonly Dictionary<string, CheckResult> _cache = new();

    public CheckResult Run(CheckUse use)
    {
        var key = use.Check.Id + "|" + string.Join(";", use.Parameters.Values.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + (p.Value is IEnumerable<object?> l && p.Value is not string ? string.Join(",", l) : p.Value)));
        if (_cache.TryGetValue(key, out var cached)) return cached;
        CheckResult result;
        try { result = use.Check.Run(context, use.Parameters); }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            result = CheckResult.NeedsReview(use.Check.Id, $"检查未能完成，需人工复核（{ex.GetType().Name}: {ex.Message}）", []);
        }
        return _cache[key] = result;
    }
}
