using System.Security.Cryptography;
using Openness.Core.Diagnostics;
using Openness.Rules.Catalogue;
using Openness.Rules.Checks;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Openness.Rules.Indicators;

/// <summary>
/// Reads any rules file by its <c>kind</c> (indicator-system, composite, supervision, publishing-targets), walking
/// the YAML tree by hand so every problem carries the line of the node that caused it; all problems are collected.
/// </summary>
internal sealed class RulesFileParser(CheckRegistry registry, ColumnCatalogue catalogue)
{
    public static readonly string[] Kinds = ["indicator-system", "composite", "supervision", "publishing-targets"];
    private static readonly string[] SystemKeys =
        ["kind", "id", "name", "source", "appliesTo", "scoring", "total", "grades", "updateProfile", "notes",
         "allowSumMismatch", "indicators", "adjustments", "statistics"];
    private static readonly string[] CompositeKeys =
        ["kind", "id", "name", "source", "appliesTo", "total", "grades", "notes", "stages", "adjustments"];

    private readonly Stack<string> _loading = new();

    public object? Parse(string path, List<SourceError> errors)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) { errors.Add(new SourceError(path, 0, 0, "rules file not found")); return null; }
        if (_loading.Contains(full))
        {
            errors.Add(new SourceError(path, 0, 0, $"composite systems refer to each other in a cycle: {string.Join(" -> ", _loading.Reverse().Append(full))}"));
            return null;
        }
        var bytes = File.ReadAllBytes(full);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var yaml = new YamlStream();
        var text = new System.Text.UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        Mark last = Mark.Empty;
        try
        {
            // Walk the raw events first: the representation model can fail on some malformed input without a location.
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext()) last = parser.Current?.End ?? last;
            yaml.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            errors.Add(new SourceError(path, (int)ex.Start.Line, (int)ex.Start.Column, $"not valid YAML: {ex.InnerException?.Message ?? ex.Message}"));
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // No location from the library: the end of the last well-formed event is where reading broke down.
            errors.Add(new SourceError(path, Math.Max(1, (int)last.Line), Math.Max(1, (int)last.Column),
                $"not valid YAML after this point (an unclosed [ or {{ or quote?): {ex.Message}"));
            return null;
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(new SourceError(path, 1, 1, "expected a mapping with kind, id, name and the system's content"));
            return null;
        }
        var y = new YamlReader(path, errors);
        var kind = y.OptionalString(root, "kind") ?? "indicator-system";
        _loading.Push(full);
        try
        {
            return kind switch
            {
                "indicator-system" => ParseSystem(root, y, path, hash),
                "composite" => ParseComposite(root, y, path, hash),
                "supervision" => ParseSupervision(root, y, path, hash),
                "publishing-targets" => ParseTargets(root, y, path),
                _ => Unknown(y, root, kind),
            };
        }
        finally { _loading.Pop(); }
    }

    private static object? Unknown(YamlReader y, YamlMappingNode root, string kind)
    {
        y.Errors.Add(y.At(y.Child(root, "kind")!, $"unknown kind '{kind}': expected one of {string.Join(", ", Kinds)}"));
        return null;
    }

    private static SystemSource? ReadSource(YamlReader y, YamlMappingNode root)
    {
        if (y.Child(root, "source") is not { } node) return null;
        if (node is not YamlMappingNode m)
        {
            y.Errors.Add(y.At(node, "'source' must be a mapping {seed, attachment, title}"));
            return null;
        }
        y.RejectUnknownKeys(m, "seed", "attachment", "title");
        return new SystemSource(y.RequiredString(m, "seed") ?? "", y.OptionalString(m, "attachment"), y.OptionalString(m, "title"));
    }

    private IndicatorSystem? ParseSystem(YamlMappingNode root, YamlReader y, string path, string hash)
    {
        int before = y.Errors.Count;
        y.RejectUnknownKeys(root, SystemKeys);
        var id = y.RequiredString(root, "id");
        var name = y.RequiredString(root, "name");
        var modeText = y.OptionalString(root, "scoring") ?? "points";
        var mode = modeText switch { "points" => ScoringMode.Points, "weights" => ScoringMode.Weights, _ => (ScoringMode?)null };
        if (mode is null) y.Errors.Add(y.At(y.Child(root, "scoring")!, $"'scoring' must be points or weights, not '{modeText}'"));
        var total = y.OptionalNumber(root, "total") ?? 100;
        var profile = y.OptionalString(root, "updateProfile") ?? "default";
        if (!catalogue.Profiles.Contains(profile))
            y.Errors.Add(y.At(y.Child(root, "updateProfile") ?? root, $"unknown update profile '{profile}': rules/columns.yaml has {string.Join(", ", catalogue.Profiles)}"));

        var tree = new IndicatorTreeParser(y, registry, catalogue, mode ?? ScoringMode.Points);
        var grades = tree.ParseGrades(y.Child(root, "grades"));
        var indicatorsNode = y.Child(root, "indicators");
        if (indicatorsNode is null) y.Errors.Add(y.At(root, "missing key 'indicators': the indicator tree"));
        var nodes = tree.ParseNodes(indicatorsNode, 1, null, "the system");
        SumMismatchAllowance? rootAllowance = null;
        if (y.Child(root, "allowSumMismatch") is YamlMappingNode am)
        {
            y.RejectUnknownKeys(am, "reason", "resolve");
            if (y.RequiredString(am, "reason") is { } reason)
                rootAllowance = new SumMismatchAllowance(reason, y.Enum(am, "resolve", SumMismatchResolution.Normalize));
        }
        if (nodes.Count > 0)
            tree.CheckChildrenAddUp(indicatorsNode ?? root, "", mode == ScoringMode.Weights ? 100 : total, nodes, rootAllowance);
        var adjustments = tree.ParseAdjustments(y.Child(root, "adjustments"));
        CheckAdjustments(y, root, adjustments, grades, tree);
        var statistics = tree.ParseStatistics(y.Child(root, "statistics"), 1, null, []);
        var source = ReadSource(y, root);
        var appliesTo = y.StringList(root, "appliesTo");
        var notes = y.StringList(root, "notes");

        if (y.Errors.Count > before || id is null || name is null) return null;
        return new IndicatorSystem
        {
            Id = id, Name = name, Path = path, ContentHash = hash, Source = source,
            AppliesTo = appliesTo, Mode = mode!.Value, Total = total, Grades = grades,
            UpdateProfile = profile, Notes = notes, Indicators = nodes, AllowSumMismatch = rootAllowance,
            Adjustments = adjustments, Statistics = statistics,
        };
    }

    private static void CheckAdjustments(YamlReader y, YamlMappingNode root, List<AdjustmentRule> adjustments,
        List<GradeBand> grades, IndicatorTreeParser tree)
    {
        var adjNode = y.Child(root, "adjustments") as YamlSequenceNode;
        for (int i = 0; i < adjustments.Count; i++)
        {
            var a = adjustments[i];
            YamlNode at = adjNode?.Children.OfType<YamlMappingNode>()
                .FirstOrDefault(m => (y.Child(m, "id") as YamlScalarNode)?.Value == a.Id) ?? root;
            if (a.CapGrade is { } cap && grades.All(g => g.Grade != cap))
                y.Errors.Add(y.At(at, $"capGrade '{cap}' is not one of the grades: {string.Join(", ", grades.Select(g => g.Grade))}"));
            if (a.Kind == AdjustmentKind.Veto && a.Effect == VetoEffect.CapGrade && a.CapGrade is null)
                y.Errors.Add(y.At(at, $"veto '{a.Id}' caps the grade: give 'capGrade' (the best grade still allowed)"));
            if (a.Effect == VetoEffect.ZeroIndicators && a.Indicators.Count == 0)
                y.Errors.Add(y.At(at, $"veto '{a.Id}' zeroes indicators: list them under 'indicators'"));
            foreach (var ind in a.Indicators.Where(ind => !tree.HasId(ind)))
                y.Errors.Add(y.At(at, $"adjustment '{a.Id}' names unknown indicator '{ind}'"));
        }
    }

    private IndicatorSystem? ParseComposite(YamlMappingNode root, YamlReader y, string path, string hash)
    {
        int before = y.Errors.Count;
        y.RejectUnknownKeys(root, CompositeKeys);
        var id = y.RequiredString(root, "id");
        var name = y.RequiredString(root, "name");
        var total = y.OptionalNumber(root, "total") ?? 100;
        var tree = new IndicatorTreeParser(y, registry, catalogue, ScoringMode.Weights);
        var grades = tree.ParseGrades(y.Child(root, "grades"));
        var stages = new List<Stage>();
        var stagesNode = y.Child(root, "stages");
        if (stagesNode is not YamlSequenceNode seq || seq.Children.Count == 0)
            y.Errors.Add(y.At(stagesNode ?? root, "a composite needs 'stages': a list of {id, name, system, weight}"));
        else
        {
            double sum = 0;
            foreach (var item in seq.Children)
            {
                if (item is not YamlMappingNode m) { y.Errors.Add(y.At(item, "expected a stage {id, name, system, weight}")); continue; }
                y.RejectUnknownKeys(m, "id", "name", "system", "weight");
                var sid = y.RequiredString(m, "id");
                if (sid is not null) tree.RegisterId(sid, y.Child(m, "id")!);
                var sname = y.RequiredString(m, "name");
                var file = y.RequiredString(m, "system");
                var weight = y.OptionalNumber(m, "weight");
                if (weight is null && y.Child(m, "weight") is null) y.Errors.Add(y.At(m, "missing key 'weight' (percent of the total)"));
                sum += weight ?? 0;
                if (file is null) continue;
                var stagePath = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".", file);
                int beforeStage = y.Errors.Count;
                var loaded = Parse(stagePath, y.Errors);
                if (loaded is IndicatorSystem s && sid is not null && sname is not null)
                    stages.Add(new Stage(sid, sname, weight ?? 0, s));
                else if (y.Errors.Count == beforeStage)
                    y.Errors.Add(y.At(y.Child(m, "system")!, $"stage '{sid}': '{file}' is not an indicator system"));
                else if (!File.Exists(stagePath))
                    y.Errors.Add(y.At(y.Child(m, "system")!, $"stage '{sid}': system file '{file}' not found (looked for {stagePath})"));
            }
            if (Math.Abs(sum - 100) > 1e-6)
                y.Errors.Add(y.At(seq, $"the stage weights add up to {IndicatorTreeParser.N(sum)}% instead of 100%"));
        }
        var adjustments = tree.ParseAdjustments(y.Child(root, "adjustments"));
        CheckAdjustments(y, root, adjustments, grades, tree);
        var source = ReadSource(y, root);
        var appliesTo = y.StringList(root, "appliesTo");
        var notes = y.StringList(root, "notes");
        if (y.Errors.Count > before || id is null || name is null) return null;
        return new IndicatorSystem
        {
            Id = id, Name = name, Path = path, ContentHash = hash, Source = source,
            AppliesTo = appliesTo, Mode = ScoringMode.Weights, Total = total, Grades = grades,
            Notes = notes, Stages = stages, Adjustments = adjustments,
        };
    }

    private SupervisionTable? ParseSupervision(YamlMappingNode root, YamlReader y, string path, string hash)
    {
        int before = y.Errors.Count;
        y.RejectUnknownKeys(root, "kind", "id", "name", "source", "notes", "systems", "tasks");
        var id = y.RequiredString(root, "id");
        var name = y.RequiredString(root, "name");
        // Indicator triggers are checked against the systems the table is used with, so a typo cannot hide.
        var knownIndicators = new HashSet<string>();
        var systems = y.StringList(root, "systems");
        foreach (var file in systems)
        {
            var sysPath = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".", file);
            var sysErrors = new List<SourceError>();
            if (Parse(sysPath, sysErrors) is IndicatorSystem s)
                foreach (var n in s.IsComposite ? s.Stages.SelectMany(st => st.System.AllNodes) : s.AllNodes) knownIndicators.Add(n.Id);
            else y.Errors.Add(y.At(y.Child(root, "systems")!, $"system '{file}' could not be loaded ({sysErrors.Count} problem(s); validate it on its own)"));
        }
        var source = ReadSource(y, root);
        var notes = y.StringList(root, "notes");
        var tasks = new List<RectificationTask>();
        if (y.Child(root, "tasks") is not YamlSequenceNode seq)
            y.Errors.Add(y.At(y.Child(root, "tasks") ?? root, "missing 'tasks': a list of {number, id, task, materialProviders, raisedBy}"));
        else
        {
            var ids = new HashSet<string>();
            var numbers = new HashSet<int>();
            foreach (var item in seq.Children)
            {
                if (item is not YamlMappingNode m) { y.Errors.Add(y.At(item, "expected a task mapping")); continue; }
                y.RejectUnknownKeys(m, "number", "id", "task", "responsibleBody", "materialProviders", "measure", "raisedBy", "note");
                var number = y.OptionalInt(m, "number", 1);
                if (number is null && y.Child(m, "number") is null) y.Errors.Add(y.At(m, "missing key 'number' (序号)"));
                var tid = y.RequiredString(m, "id");
                var text = y.RequiredString(m, "task");
                if (tid is not null && !ids.Add(tid)) y.Errors.Add(y.At(y.Child(m, "id")!, $"duplicate id '{tid}'"));
                if (number is not null && !numbers.Add(number.Value)) y.Errors.Add(y.At(y.Child(m, "number")!, $"duplicate number {number}"));
                var triggers = ReadTriggers(y, m, knownIndicators);
                if (number is null || tid is null || text is null) continue;
                tasks.Add(new RectificationTask
                {
                    Number = number.Value, Id = tid, Task = text,
                    ResponsibleBody = y.OptionalString(m, "responsibleBody") ?? "{unit}",
                    MaterialProviders = y.StringList(m, "materialProviders"), Measure = y.OptionalString(m, "measure") ?? "",
                    RaisedBy = triggers, Note = y.OptionalString(m, "note"),
                });
            }
        }
        if (y.Errors.Count > before || id is null || name is null) return null;
        return new SupervisionTable
        {
            Id = id, Name = name, Path = path, ContentHash = hash, Source = source, Notes = notes, Tasks = tasks, Systems = systems,
        };
    }

    private List<RectificationTrigger> ReadTriggers(YamlReader y, YamlMappingNode task, HashSet<string> knownIndicators)
    {
        var list = new List<RectificationTrigger>();
        if (y.Child(task, "raisedBy") is not { } node) return list;
        if (node is not YamlSequenceNode seq) { y.Errors.Add(y.At(node, "'raisedBy' must be a list of {indicator} or {check, subject}")); return list; }
        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode m) { y.Errors.Add(y.At(item, "expected {indicator: <id>} or {check: <id>, subject: <text>}")); continue; }
            y.RejectUnknownKeys(m, "indicator", "check", "subject", "system");
            var indicator = y.OptionalString(m, "indicator");
            var check = y.OptionalString(m, "check");
            if ((indicator is null) == (check is null))
                y.Errors.Add(y.At(m, "a trigger names exactly one of 'indicator' or 'check'"));
            if (check is not null && registry.Get(check) is null)
                y.Errors.Add(y.At(y.Child(m, "check")!, $"unknown check '{check}': known checks are {string.Join(", ", registry.All.Select(c => c.Id).Order(StringComparer.Ordinal))}"));
            if (indicator is not null && knownIndicators.Count > 0 && !knownIndicators.Contains(indicator))
                y.Errors.Add(y.At(y.Child(m, "indicator")!, $"unknown indicator '{indicator}': not in any of the table's systems"));
            list.Add(new RectificationTrigger(indicator, check, y.OptionalString(m, "subject"), y.OptionalString(m, "system")));
        }
        return list;
    }

    private static PublishingTargets? ParseTargets(YamlMappingNode root, YamlReader y, string path)
    {
        int before = y.Errors.Count;
        y.RejectUnknownKeys(root, "kind", "id", "name", "source", "notes", "total", "targets");
        var id = y.RequiredString(root, "id");
        var name = y.RequiredString(root, "name");
        var total = y.OptionalNumber(root, "total");
        var source = ReadSource(y, root);
        var targets = new List<(string, int)>();
        if (y.Child(root, "targets") is not YamlSequenceNode seq)
            y.Errors.Add(y.At(y.Child(root, "targets") ?? root, "missing 'targets': a list of {unit, target}"));
        else
            foreach (var item in seq.Children.OfType<YamlMappingNode>())
            {
                y.RejectUnknownKeys(item, "unit", "target");
                var unit = y.RequiredString(item, "unit");
                var target = y.OptionalInt(item, "target", 0);
                if (target is null && y.Child(item, "target") is null) y.Errors.Add(y.At(item, "missing key 'target'"));
                if (unit is not null && targets.Any(t => t.Item1 == unit)) y.Errors.Add(y.At(item, $"unit '{unit}' is listed twice"));
                if (unit is not null && target is not null) targets.Add((unit, target.Value));
            }
        if (total is { } t && Math.Abs(targets.Sum(x => x.Item2) - t) > 1e-6)
            y.Errors.Add(y.At(y.Child(root, "total")!, $"the targets add up to {targets.Sum(x => x.Item2)} but 'total' is {IndicatorTreeParser.N(t)}"));
        if (y.Errors.Count > before || id is null || name is null) return null;
        return new PublishingTargets { Id = id, Name = name, Path = path, Source = source, Total = total, Targets = targets };
    }
}
