using System.Globalization;
using Openness.Core.Diagnostics;
using Openness.Rules.Catalogue;
using Openness.Rules.Checks;
using Openness.Rules.Scoring;
using YamlDotNet.RepresentationModel;

namespace Openness.Rules.Indicators;

/// <summary>
/// Reads the indicator tree, adjustments, statistics and grade bands of one system file and checks that the
/// numbers hold together (children add up to their parent, weights to 100%, bands do not overlap).
/// </summary>
internal sealed class IndicatorTreeParser(YamlReader y, CheckRegistry registry, ColumnCatalogue catalogue, ScoringMode mode)
{
    private static readonly string[] NodeKeys =
        ["id", "name", "points", "weight", "methods", "criteria", "note", "checks", "combine", "formula", "allowSumMismatch", "children"];
    private static readonly string[] AdjustmentKeys =
        ["kind", "id", "name", "criteria", "note", "max", "checks", "combine", "formula", "effect", "capGrade", "indicators"];
    private static readonly string[] StatisticKeys = ["id", "name", "unit", "check", "valueFrom", "note", "children"];

    private readonly CheckUseParser _checks = new(y, registry, catalogue);
    private readonly Dictionary<string, int> _ids = new();

    public List<IndicatorNode> ParseNodes(YamlNode? seqNode, int level, string? parentId, string parentLabel)
    {
        var nodes = new List<IndicatorNode>();
        if (seqNode is null) return nodes;
        if (seqNode is not YamlSequenceNode seq)
        {
            y.Errors.Add(y.At(seqNode, $"the indicators under {parentLabel} must be a list"));
            return nodes;
        }
        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode map)
            {
                y.Errors.Add(y.At(item, "expected an indicator: a mapping with id, name and points/weight"));
                continue;
            }
            if (ParseNode(map, level, parentId, seq.Children.Count) is { } n) nodes.Add(n);
        }
        return nodes;
    }

    private IndicatorNode? ParseNode(YamlMappingNode map, int level, string? parentId, int siblings)
    {
        y.RejectUnknownKeys(map, NodeKeys);
        var id = y.RequiredString(map, "id");
        var name = y.RequiredString(map, "name");
        if (id is not null) RegisterId(id, y.Child(map, "id")!);
        double value = ReadValue(map, siblings);
        var methods = ReadMethods(map);
        var checks = ReadChecks(map);
        var combine = y.Enum(map, "combine", CombineMode.Mean);
        var allowance = ReadAllowance(map);
        var childrenNode = y.Child(map, "children");
        var children = ParseNodes(childrenNode, level + 1, id, $"'{id}'");
        var formula = y.Child(map, "formula") is { } f ? ReadFormula(f, checks, value) : null;

        if (children.Count > 0 && (checks.Count > 0 || formula is not null))
            y.Errors.Add(y.At(map, $"indicator '{id}' has children and checks: only leaves name checks"));
        if (children.Count == 0 && childrenNode is not null)
            y.Errors.Add(y.At(childrenNode, $"indicator '{id}' has an empty 'children' list"));
        if (combine == CombineMode.Sum && checks.Count > 0) CheckSumShares(map, id, value, checks);
        if (combine == CombineMode.Deduct && checks.Count > 0) CheckDeductions(map, id, value, checks);
        if (checks.Count > 0 && methods.Count > 0 && !methods.Contains(AssessmentMethod.ActualVerification))
            y.Errors.Add(y.At(y.Child(map, "checks")!, $"indicator '{id}' is assessed from submitted materials only: an assessor scores it, so it names no checks (add actual-verification if the site can show it)"));
        if (children.Count > 0)
            CheckChildrenAddUp(map, id ?? "?", value, children, allowance);

        if (id is null || name is null) return null;
        return new IndicatorNode
        {
            Id = id, Name = name, Level = level, ParentId = parentId, Value = value, Methods = methods,
            Criteria = y.OptionalString(map, "criteria") ?? "", Note = y.OptionalString(map, "note"),
            Checks = checks, Combine = combine, Formula = formula, AllowSumMismatch = allowance, Children = children,
        };
    }

    public void RegisterId(string id, YamlNode node)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9]+(-[a-z0-9]+)*$"))
            y.Errors.Add(y.At(node, $"id '{id}' must be kebab-case: lowercase letters and digits joined by '-'"));
        if (_ids.TryGetValue(id, out var first))
            y.Errors.Add(y.At(node, $"duplicate id '{id}' (first defined on line {first})"));
        else _ids[id] = (int)node.Start.Line;
    }

    public bool HasId(string id) => _ids.ContainsKey(id);

    private double ReadValue(YamlMappingNode map, int siblings)
    {
        var (key, other) = mode == ScoringMode.Points ? ("points", "weight") : ("weight", "points");
        if (y.Child(map, other) is { } wrong)
            y.Errors.Add(y.At(wrong, $"'{other}' is not used in a {(mode == ScoringMode.Points ? "points" : "weights")} system: give '{key}'"));
        var v = y.OptionalNumber(map, key);
        if (v is null && y.Child(map, key) is null)
        {
            // An only child takes all of its parent (seed 001's "政府信息公开平台" under 平台建设(10%)).
            if (mode == ScoringMode.Weights && siblings == 1) return 100;
            y.Errors.Add(y.At(map, $"missing key '{key}'{(mode == ScoringMode.Weights ? " (percent of the parent)" : "")}"));
            return 0;
        }
        if (v is < 0) y.Errors.Add(y.At(y.Child(map, key)!, $"'{key}' must not be negative"));
        return v ?? 0;
    }

    private IReadOnlyList<AssessmentMethod> ReadMethods(YamlMappingNode map)
    {
        var list = new List<AssessmentMethod>();
        var node = y.Child(map, "methods");
        if (node is null) return list;
        IEnumerable<YamlNode> items = node is YamlSequenceNode s ? s.Children : [node];
        foreach (var item in items)
        {
            var text = (item as YamlScalarNode)?.Value;
            AssessmentMethod? m = text switch
            {
                "actual-verification" => AssessmentMethod.ActualVerification,
                "submitted-materials" => AssessmentMethod.SubmittedMaterials,
                _ => null,
            };
            if (m is null)
                y.Errors.Add(y.At(item, $"method '{text}' is not one of: actual-verification (实际验证), submitted-materials (提交材料)"));
            else if (list.Contains(m.Value)) y.Errors.Add(y.At(item, $"method '{text}' is listed twice"));
            else list.Add(m.Value);
        }
        return list;
    }

    public IReadOnlyList<CheckUse> ReadChecks(YamlMappingNode map)
    {
        var node = y.Child(map, "checks");
        if (node is null) return [];
        if (node is not YamlSequenceNode seq)
        {
            y.Errors.Add(y.At(node, "'checks' must be a list of {check: <id>, <parameter>: <value>}"));
            return [];
        }
        return seq.Children.Select(_checks.Parse).OfType<CheckUse>().ToList();
    }

    private SumMismatchAllowance? ReadAllowance(YamlMappingNode map)
    {
        if (y.Child(map, "allowSumMismatch") is not { } node) return null;
        if (node is not YamlMappingNode m)
        {
            y.Errors.Add(y.At(node, "'allowSumMismatch' must be a mapping {reason: <why the seed's numbers differ>, resolve: normalize|as-written}"));
            return null;
        }
        y.RejectUnknownKeys(m, "reason", "resolve");
        var reason = y.RequiredString(m, "reason");
        var resolve = y.Enum(m, "resolve", SumMismatchResolution.Normalize);
        return reason is null ? null : new SumMismatchAllowance(reason, resolve);
    }

    public void CheckChildrenAddUp(YamlNode at, string id, double parentValue, IReadOnlyList<IndicatorNode> children,
        SumMismatchAllowance? allowance)
    {
        var sum = children.Sum(c => c.Value);
        string label = id == "" ? "the top-level indicators" : $"the children of '{id}'";
        if (mode == ScoringMode.Points)
        {
            if (Math.Abs(sum - parentValue) > 1e-6 && allowance is null)
                y.Errors.Add(y.At(at, $"{label} add up to {N(sum)} points but {(id == "" ? "the system's total is" : $"'{id}' has")} {N(parentValue)} points" +
                                      " (if the seed's own numbers differ, keep them and add allowSumMismatch with the reason)"));
        }
        else if (Math.Abs(sum - 100) > 1e-6 && allowance is null)
            y.Errors.Add(y.At(at, $"the weights of {label} add up to {N(sum)}% instead of 100%" +
                                  " (if the seed's own numbers differ, keep them and add allowSumMismatch with the reason)"));
    }

    private void CheckSumShares(YamlMappingNode map, string? id, double value, IReadOnlyList<CheckUse> checks)
    {
        if (checks.Any(c => c.Points is null))
        {
            y.Errors.Add(y.At(map, $"indicator '{id}' combines by sum: give every check its 'points'"));
            return;
        }
        var sum = checks.Sum(c => c.Points!.Value);
        if (mode == ScoringMode.Points && Math.Abs(sum - value) > 1e-6)
            y.Errors.Add(y.At(map, $"the checks of '{id}' carry {N(sum)} points but '{id}' has {N(value)} points"));
    }

    private void CheckDeductions(YamlMappingNode map, string? id, double value, IReadOnlyList<CheckUse> checks)
    {
        if (checks.Any(c => c.Points is null))
            y.Errors.Add(y.At(map, $"indicator '{id}' combines by deduct: give every check the 'points' it deducts when it fails"));
        else if (mode == ScoringMode.Points && checks.Sum(c => c.Points!.Value) > value + 1e-6)
            y.Errors.Add(y.At(map, $"the checks of '{id}' deduct up to {N(checks.Sum(c => c.Points!.Value))} points but '{id}' has only {N(value)}"));
    }

    public PointsFormula? ReadFormula(YamlNode node, IReadOnlyList<CheckUse> checks, double? leafPoints)
    {
        if (node is not YamlMappingNode map)
        {
            y.Errors.Add(y.At(node, "'formula' must be a mapping with one of: perMissing, bands, target, perItem"));
            return null;
        }
        y.RejectUnknownKeys(map, "perMissing", "bands", "target", "perItem", "fromCheck");
        var kinds = new[] { "perMissing", "bands", "target", "perItem" }.Where(k => y.Child(map, k) is not null).ToList();
        if (kinds.Count != 1)
        {
            y.Errors.Add(y.At(map, $"'formula' must have exactly one of perMissing, bands, target, perItem (found {(kinds.Count == 0 ? "none" : string.Join(", ", kinds))})"));
            return null;
        }
        int index = 0;
        if (checks.Count == 0) y.Errors.Add(y.At(map, "a formula reads a check's Measured value: add the check under 'checks'"));
        if (y.OptionalString(map, "fromCheck") is { } from)
        {
            index = checks.ToList().FindIndex(c => c.Check.Id == from);
            if (index < 0) { y.Errors.Add(y.At(y.Child(map, "fromCheck")!, $"fromCheck '{from}' is not one of this indicator's checks"));  index = 0; }
        }
        var body = y.Child(map, kinds[0])!;
        PointsFormula? formula = kinds[0] switch
        {
            "perMissing" => Mapping(body, "perMissing", m =>
            {
                y.RejectUnknownKeys(m, "deduct", "floor");
                var deduct = Required(m, "deduct");
                return deduct is null ? null : new PerMissingFormula(deduct.Value, y.OptionalNumber(m, "floor") ?? 0);
            }),
            "target" => Mapping(body, "target", m =>
            {
                y.RejectUnknownKeys(m, "penaltyPerItem", "bonusStep", "bonusPoints", "maxBonus", "prorate");
                var prorate = y.OptionalString(m, "prorate") ?? "none";
                if (prorate is not ("none" or "year"))
                    y.Errors.Add(y.At(y.Child(m, "prorate")!, $"'prorate' must be none or year, not '{prorate}'"));
                return new TargetFormula(y.OptionalNumber(m, "penaltyPerItem") ?? 0, y.OptionalNumber(m, "bonusStep") ?? 0,
                    y.OptionalNumber(m, "bonusPoints") ?? 0, y.OptionalNumber(m, "maxBonus") ?? 0, prorate == "year");
            }),
            "perItem" => Mapping(body, "perItem", m =>
            {
                y.RejectUnknownKeys(m, "points");
                var p = Required(m, "points");
                return p is null ? null : new PerItemFormula(p.Value);
            }),
            _ => ReadBands(body, leafPoints),
        };
        return formula is null ? null : formula with { CheckIndex = index };
    }

    private PointsFormula? Mapping(YamlNode node, string key, Func<YamlMappingNode, PointsFormula?> read)
    {
        if (node is YamlMappingNode m) return read(m);
        y.Errors.Add(y.At(node, $"'{key}' must be a mapping"));
        return null;
    }

    private double? Required(YamlMappingNode m, string key)
    {
        if (y.Child(m, key) is null) { y.Errors.Add(y.At(m, $"missing key '{key}'")); return null; }
        return y.OptionalNumber(m, key);
    }

    private BandsFormula? ReadBands(YamlNode node, double? leafPoints)
    {
        if (node is not YamlSequenceNode seq)
        {
            y.Errors.Add(y.At(node, "'bands' must be a list of {min, below, points} (min inclusive, below exclusive)"));
            return null;
        }
        var bands = new List<PointsBand>();
        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode m) { y.Errors.Add(y.At(item, "expected a band {min, below, points}")); continue; }
            y.RejectUnknownKeys(m, "min", "below", "points");
            var points = Required(m, "points");
            var band = new PointsBand(y.OptionalNumber(m, "min"), y.OptionalNumber(m, "below"), points ?? 0, (int)m.Start.Line);
            if (band.Min is { } lo && band.Below is { } hi && hi <= lo)
                y.Errors.Add(y.At(m, $"band 'below' ({N(hi)}) must be greater than 'min' ({N(lo)})"));
            if (leafPoints is { } lp && mode == ScoringMode.Points && band.Points > lp + 1e-9)
                y.Errors.Add(y.At(m, $"band gives {N(band.Points)} points but the indicator has only {N(lp)}"));
            foreach (var other in bands.Where(o => Overlap(o.Min, o.Below, band.Min, band.Below)))
                y.Errors.Add(y.At(m, $"band [{N(band.Min)}, {N(band.Below)}) overlaps the band on line {other.Line} [{N(other.Min)}, {N(other.Below)})"));
            bands.Add(band);
        }
        return new BandsFormula(bands);
    }

    public static bool Overlap(double? aMin, double? aBelow, double? bMin, double? bBelow) =>
        (aMin ?? double.NegativeInfinity) < (bBelow ?? double.PositiveInfinity) &&
        (bMin ?? double.NegativeInfinity) < (aBelow ?? double.PositiveInfinity);

    public static string N(double? d) => d is null ? "∞" : d.Value.ToString("0.####", CultureInfo.InvariantCulture);

    public List<AdjustmentRule> ParseAdjustments(YamlNode? node)
    {
        var list = new List<AdjustmentRule>();
        if (node is null) return list;
        if (node is not YamlSequenceNode seq) { y.Errors.Add(y.At(node, "'adjustments' must be a list")); return list; }
        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode map) { y.Errors.Add(y.At(item, "expected an adjustment mapping")); continue; }
            y.RejectUnknownKeys(map, AdjustmentKeys);
            var kindText = y.RequiredString(map, "kind");
            AdjustmentKind? kind = kindText switch
            {
                "deduction" => AdjustmentKind.Deduction, "bonus" => AdjustmentKind.Bonus, "veto" => AdjustmentKind.Veto, _ => null,
            };
            if (kindText is not null && kind is null)
                y.Errors.Add(y.At(y.Child(map, "kind")!, $"kind '{kindText}' is not one of: deduction (扣分), bonus (加分), veto (一票否决)"));
            var id = y.RequiredString(map, "id");
            if (id is not null) RegisterId(id, y.Child(map, "id")!);
            var name = y.RequiredString(map, "name");
            var max = y.OptionalNumber(map, "max");
            var checks = ReadChecks(map);
            var formula = y.Child(map, "formula") is { } f ? ReadFormula(f, checks, null) : null;
            var effectText = y.OptionalString(map, "effect");
            VetoEffect effect = effectText switch
            {
                null or "cap-grade" => VetoEffect.CapGrade, "void" => VetoEffect.Void, "zero-indicators" => VetoEffect.ZeroIndicators,
                _ => Invalid(map, effectText),
            };
            if (kind is AdjustmentKind.Deduction or AdjustmentKind.Bonus && max is null)
                y.Errors.Add(y.At(map, $"{kindText} '{id}' needs 'max': the most points it can move"));
            if (kind is AdjustmentKind.Veto && effectText is null && y.Child(map, "capGrade") is null)
                y.Errors.Add(y.At(map, $"veto '{id}' needs 'effect' (cap-grade, void, zero-indicators) or 'capGrade'"));
            if (kind is null || id is null || name is null) continue;
            list.Add(new AdjustmentRule
            {
                Kind = kind.Value, Id = id, Name = name, Criteria = y.OptionalString(map, "criteria") ?? "", Max = max,
                Checks = checks, Combine = y.Enum(map, "combine", CombineMode.Mean), Formula = formula, Effect = effect,
                CapGrade = y.OptionalString(map, "capGrade"), Indicators = y.StringList(map, "indicators"),
            });
        }
        return list;
    }

    private VetoEffect Invalid(YamlMappingNode map, string text)
    {
        y.Errors.Add(y.At(y.Child(map, "effect")!, $"effect '{text}' is not one of: cap-grade, void, zero-indicators"));
        return VetoEffect.CapGrade;
    }

    public List<StatisticItem> ParseStatistics(YamlNode? node, int level, string? parentId, HashSet<string> seen)
    {
        var list = new List<StatisticItem>();
        if (node is null) return list;
        if (node is not YamlSequenceNode seq) { y.Errors.Add(y.At(node, "'statistics' must be a list")); return list; }
        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode map) { y.Errors.Add(y.At(item, "expected a statistics item {id, name, unit}")); continue; }
            y.RejectUnknownKeys(map, StatisticKeys);
            var id = y.RequiredString(map, "id");
            var name = y.RequiredString(map, "name");
            if (id is not null && !seen.Add(id)) y.Errors.Add(y.At(y.Child(map, "id")!, $"duplicate statistics id '{id}'"));
            CheckUse? check = y.Child(map, "check") is { } c ? _checks.Parse(c) : null;
            var valueFrom = y.OptionalString(map, "valueFrom") ?? "measured";
            if (valueFrom is not ("measured" or "pass"))
                y.Errors.Add(y.At(y.Child(map, "valueFrom")!, $"'valueFrom' must be measured or pass, not '{valueFrom}'"));
            if (id is not null && name is not null)
                list.Add(new StatisticItem
                {
                    Id = id, Name = name, Unit = y.OptionalString(map, "unit") ?? "", Level = level, ParentId = parentId,
                    Check = check, ValueFrom = valueFrom, Note = y.OptionalString(map, "note"),
                });
            list.AddRange(ParseStatistics(y.Child(map, "children"), level + 1, id, seen));
        }
        return list;
    }

    public List<GradeBand> ParseGrades(YamlNode? node)
    {
        var list = new List<GradeBand>();
        if (node is null) return list;
        if (node is not YamlSequenceNode seq) { y.Errors.Add(y.At(node, "'grades' must be a list of {grade, min, below}")); return list; }
        var lines = new List<int>();
        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode m) { y.Errors.Add(y.At(item, "expected a grade band {grade, min, below}")); continue; }
            y.RejectUnknownKeys(m, "grade", "min", "below");
            var grade = y.RequiredString(m, "grade");
            var band = new GradeBand(grade ?? "", y.OptionalNumber(m, "min"), y.OptionalNumber(m, "below"));
            if (band.Min is { } lo && band.Below is { } hi && hi <= lo)
                y.Errors.Add(y.At(m, $"grade band '{grade}': 'below' ({N(hi)}) must be greater than 'min' ({N(lo)})"));
            for (int i = 0; i < list.Count; i++)
            {
                var o = list[i];
                if (Overlap(o.Min, o.Below, band.Min, band.Below))
                    y.Errors.Add(y.At(m, $"grade band '{grade}' [{N(band.Min)}, {N(band.Below)}) overlaps '{o.Grade}' [{N(o.Min)}, {N(o.Below)}) on line {lines[i]}"));
                if (o.Grade == band.Grade) y.Errors.Add(y.At(m, $"grade '{grade}' is listed twice"));
            }
            list.Add(band);
            lines.Add((int)m.Start.Line);
        }
        return list;
    }
}
