using Openness.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Openness.Core.Units;

/// <summary>
/// Reads the YAML units file (docs/units.md). Walks the YAML tree by hand rather than deserialising so every
/// problem carries the line of the node that caused it, and all problems are reported together. A problem confined to
/// one unit with a usable id rejects only that unit (<see cref="UnitsFile.Rejected"/>): one office's typo in one
/// portal must not stop the night for every other unit. Problems of the file itself (not YAML, a missing top-level
/// key, a unit without a usable id, duplicate ids) throw <see cref="InputFileException"/>.
/// </summary>
public static class UnitsFileReader
{
    public static UnitsFile Read(string path)
    {
        if (!File.Exists(path))
            throw new InputFileException(new SourceError(path, 0, 0, "units file not found"));
        return Parse(File.ReadAllText(path), path, requireIndicatorSystemFile: true);
    }

    /// <param name="requireIndicatorSystemFile">Reports a missing indicator system file at its key's line (a units
    /// file read from disk); off for text checked on its own.</param>
    public static UnitsFile Parse(string text, string path, bool requireIndicatorSystemFile = false)
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
        var rejected = new List<RejectedUnit>();
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
                var entry = ReadUnit(node, y, errors);
                if (entry is null) continue;
                if (seen.TryGetValue(entry.Id, out var firstLine))
                {
                    errors.Add(y.At(node, $"duplicate unit id '{entry.Id}' (first defined on line {firstLine})"));
                    continue;
                }
                seen[entry.Id] = (int)node.Start.Line;
                if (entry.Unit is not null) units.Add(entry.Unit);
                else rejected.Add(entry.Rejected!);
            }
            if (seq.Children.Count == 0) errors.Add(y.At(seq, "'units' is empty: expected at least one unit"));
        }
        var baseDir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        var systemPath = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, system));
        if (requireIndicatorSystemFile && system.Length > 0 && !File.Exists(systemPath) && y.Child(root, "indicatorSystem") is { } systemNode)
            errors.Add(y.At(systemNode, $"indicator system file not found: '{system}' (looked for {systemPath}; the path is relative to the units file's folder)"));
        if (errors.Count > 0) throw new InputFileException(errors);

        return new UnitsFile
        {
            Path = path,
            Evaluation = evaluation,
            IndicatorSystem = systemPath,
            Units = units,
            Rejected = rejected,
        };
    }

    /// <summary>A unit's entry: the unit, or the unit rejected with its problems (exactly one is set).</summary>
    private sealed record UnitEntry(string Id, UnitDefinition? Unit, RejectedUnit? Rejected);

    /// <summary>
    /// Reads one unit. Problems that leave the unit without a usable id go to <paramref name="fileErrors"/> (the file
    /// cannot be used: nothing could name the unit in the store or the reports); any other problem rejects only this
    /// unit, each problem tagged with the key it concerns.
    /// </summary>
    private static UnitEntry? ReadUnit(YamlNode node, YamlReader y, List<SourceError> fileErrors)
    {
        if (node is not YamlMappingNode map)
        {
            fileErrors.Add(y.At(node, "expected a unit: a mapping with id, name and portal"));
            return null;
        }
        int before = fileErrors.Count;
        var id = y.RequiredString(map, "id");
        if (id is not null && !System.Text.RegularExpressions.Regex.IsMatch(id, "^[A-Za-z0-9][A-Za-z0-9_.-]*$"))
            fileErrors.Add(y.At(y.Child(map, "id")!, $"unit id '{id}' must be letters, digits, '-', '_' or '.' (it names files)"));
        bool idUsable = fileErrors.Count == before && id is not null;

        var unitErrors = new List<SourceError>();
        var u = new YamlReader(y.File, unitErrors);
        var problems = new List<UnitProblem>();
        T Field<T>(string? key, Func<T> read)
        {
            int n = unitErrors.Count;
            var value = read();
            problems.AddRange(unitErrors.Skip(n).Select(e => new UnitProblem(key, e)));
            return value;
        }
        var name = Field("name", () => u.RequiredString(map, "name"));
        var group = Field("group", () => u.OptionalString(map, "group")) ?? "";
        var portal = Field("portal", () => u.AbsoluteUrl(map, "portal", required: true));
        var entries = Field("entries", () => u.UrlList(map, "entries"));
        var hosts = Field("allowedHosts", () => u.StringList(map, "allowedHosts"));
        var allowPrivate = Field("allowPrivateAddresses", () => u.OptionalBool(map, "allowPrivateAddresses")) ?? false;
        var mode = Field("fetchMode", () => u.Enum(map, "fetchMode", FetchModePreference.Auto));
        var hints = Field("browserHints", () => u.StringList(map, "browserHints"));
        var target = Field("publishingTarget", () => u.OptionalInt(map, "publishingTarget", min: 0));
        var maxPages = Field("maxPages", () => u.OptionalInt(map, "maxPages", min: 1));
        var maxDepth = Field("maxDepth", () => u.OptionalInt(map, "maxDepth", min: 0));
        Field(UnitProblem.UnknownKey, () =>
        {
            u.RejectUnknownKeys(map, "id", "name", "group", "portal", "entries", "allowedHosts", "allowPrivateAddresses",
                "fetchMode", "browserHints", "publishingTarget", "maxPages", "maxDepth");
            return 0;
        });

        if (!idUsable)
        {
            // The file stops anyway: report this unit's other problems with it, so all are fixed in one go.
            fileErrors.AddRange(unitErrors);
            return null;
        }
        if (problems.Count > 0)
        {
            var portalText = u.Child(map, "portal") is YamlScalarNode { Value: { } p } ? p : null;
            var readableName = u.Child(map, "name") is YamlScalarNode { Value: { Length: > 0 } n } ? n : null;
            return new UnitEntry(id!, null, new RejectedUnit(id!, readableName, group, portalText, problems));
        }
        return new UnitEntry(id!, new UnitDefinition
        {
            Id = id!,
            Name = name!,
            Group = group,
            Portal = portal!,
            Entries = entries,
            AllowedHosts = hosts,
            AllowPrivateAddresses = allowPrivate,
            FetchMode = mode,
            BrowserHints = hints,
            PublishingTarget = target,
            MaxPages = maxPages,
            MaxDepth = maxDepth,
        }, null);
    }
}
