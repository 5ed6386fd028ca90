using Openness.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Openness.Core.Units;

/// <summary>
/// Reads the YAML units file (docs/units.md). Walks the YAML tree by hand rather than deserialising so every
/// problem carries the line of the node that caused it, and all problems are reported together.
/// </summary>
public static class UnitsFileReader
{
    public static UnitsFile Read(string path)
    {
        if (!File.Exists(path))
            throw new InputFileException(new SourceError(path, 0, 0, "units file not found"));
        return Parse(File.ReadAllText(path), path);
    }

    public static UnitsFile Parse(string text, string path)
    {
        var errors = new List<SourceError>();
        YamlStream yaml = new();
        try { yaml.Load(new StringReader(text)); }
        catch (YamlException ex)
        {
            throw new InputFileException(new SourceError(path, (int)ex.Start.Line, (int)ex.Start.Column,
                $"not valid YAML: {ex.InnerException?.Message ?? ex.Message}"));
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new InputFileException(new SourceError(path, 1, 1,
                "expected a mapping with keys 'evaluation', 'indicatorSystem' and 'units'"));

        var y = new YamlReader(path, errors);
        var evaluation = y.RequiredString(root, "evaluation") ?? "";
        var system = y.RequiredString(root, "indicatorSystem") ?? "";
        y.RejectUnknownKeys(root, "evaluation", "indicatorSystem", "units");
        var units = new List<UnitDefinition>();
        var unitsNode = y.Child(root, "units");
        if (unitsNode is null)
            errors.Add(y.At(root, "missing key 'units': expected a list of units"));
        else if (unitsNode is not YamlSequenceNode seq)
            errors.Add(y.At(unitsNode, "'units' must be a list of units, each a mapping with id, name and portal"));
        else
        {
            var seen = new Dictionary<string, int>();
            foreach (var node in seq.Children)
            {
                var unit = ReadUnit(node, y, errors);
                if (unit is null) continue;
                if (seen.TryGetValue(unit.Id, out var firstLine))
                    errors.Add(y.At(node, $"duplicate unit id '{unit.Id}' (first defined on line {firstLine})"));
                else
                {
                    seen[unit.Id] = (int)node.Start.Line;
                    units.Add(unit);
                }
            }
            if (seq.Children.Count == 0) errors.Add(y.At(seq, "'units' is empty: expected at least one unit"));
        }
        if (errors.Count > 0) throw new InputFileException(errors);

        var baseDir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        return new UnitsFile
        {
            Path = path,
            Evaluation = evaluation,
            IndicatorSystem = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, system)),
            Units = units,
        };
    }

    private static UnitDefinition? ReadUnit(YamlNode node, YamlReader y, List<SourceError> errors)
    {
        if (node is not YamlMappingNode map)
        {
            errors.Add(y.At(node, "expected a unit: a mapping with id, name and portal"));
            return null;
        }
        int before = errors.Count;
        var id = y.RequiredString(map, "id");
        if (id is not null && !System.Text.RegularExpressions.Regex.IsMatch(id, "^[A-Za-z0-9][A-Za-z0-9_.-]*$"))
            errors.Add(y.At(y.Child(map, "id")!, $"unit id '{id}' must be letters, digits, '-', '_' or '.' (it names files)"));
        var name = y.RequiredString(map, "name");
        var portal = y.AbsoluteUrl(map, "portal", required: true);
        var entries = y.StringList(map, "entries").Select(e => y.ParseUrl(map, "entries", e)).OfType<Uri>().ToList();
        var hosts = y.StringList(map, "allowedHosts");
        var mode = y.Enum(map, "fetchMode", FetchModePreference.Auto);
        var target = y.OptionalInt(map, "publishingTarget", min: 0);
        var maxPages = y.OptionalInt(map, "maxPages", min: 1);
        var maxDepth = y.OptionalInt(map, "maxDepth", min: 0);
        y.RejectUnknownKeys(map, "id", "name", "group", "portal", "entries", "allowedHosts", "allowPrivateAddresses",
            "fetchMode", "browserHints", "publishingTarget", "maxPages", "maxDepth");
        if (errors.Count > before || id is null || name is null || portal is null) return null;
        return new UnitDefinition
        {
            Id = id,
            Name = name,
            Group = y.OptionalString(map, "group") ?? "",
            Portal = portal,
            Entries = entries,
            AllowedHosts = hosts,
            AllowPrivateAddresses = y.OptionalBool(map, "allowPrivateAddresses") ?? false,
            FetchMode = mode,
            BrowserHints = y.StringList(map, "browserHints"),
            PublishingTarget = target,
            MaxPages = maxPages,
            MaxDepth = maxDepth,
        };
    }
}
