using System.Globalization;
using Openness.Core.Diagnostics;
using Openness.Rules.Catalogue;
using Openness.Rules.Checks;
using YamlDotNet.RepresentationModel;

namespace Openness.Rules.Indicators;

/// <summary>
/// Reads one <c>checks:</c> entry — <c>{check: id, points?: n, &lt;parameter&gt;: value ...}</c> — and validates it
/// against the check's own parameter specs and the column catalogue, recording every problem with its location.
/// </summary>
internal sealed class CheckUseParser(YamlReader y, CheckRegistry registry, ColumnCatalogue catalogue)
{
    private static readonly string[] ReservedKeys = ["check", "points"];

    public CheckUse? Parse(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            y.Errors.Add(y.At(node, "expected a check: a mapping with 'check: <id>' and its parameters"));
            return null;
        }
        var id = y.RequiredString(map, "check");
        var points = y.OptionalNumber(map, "points");
        if (id is null) return null;
        var check = registry.Get(id);
        if (check is null)
        {
            var known = string.Join(", ", registry.All.Select(c => c.Id).Order(StringComparer.Ordinal));
            y.Errors.Add(y.At(y.Child(map, "check")!, $"unknown check '{id}': known checks are {(known.Length > 0 ? known : "(none registered)")}"));
            return null;
        }
        var values = new Dictionary<string, object?>();
        int before = y.Errors.Count;
        foreach (var (k, v) in map.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (ReservedKeys.Contains(name)) continue;
            var spec = check.Parameters.FirstOrDefault(p => p.Name == name);
            if (spec is null)
            {
                var names = check.Parameters.Count > 0 ? string.Join(", ", check.Parameters.Select(p => p.Name)) : "none";
                y.Errors.Add(y.At(k, $"check '{id}' has no parameter '{name}': its parameters are {names}"));
                continue;
            }
            values[name] = ReadValue(id, spec, v);
        }
        foreach (var spec in check.Parameters.Where(p => p.Required && !values.ContainsKey(p.Name)))
            y.Errors.Add(y.At(map, $"check '{id}' needs parameter '{spec.Name}' ({Describe(spec.Kind)}): {spec.Description}"));
        if (y.Errors.Count > before) return null;
        return new CheckUse(check, new CheckParameters(values), points, (int)map.Start.Line);
    }

    /// <summary>Values are kept as the text written (lists as lists of text) so CheckParameters parses them culture-free.</summary>
    private object? ReadValue(string checkId, CheckParameterSpec spec, YamlNode v)
    {
        string where = $"parameter '{spec.Name}' of check '{checkId}'";
        switch (spec.Kind)
        {
            case ParameterKind.TextList:
            case ParameterKind.ColumnIdList:
            {
                var items = new List<object?>();
                IEnumerable<YamlNode> nodes = v is YamlSequenceNode seq ? seq.Children : [v];
                foreach (var item in nodes)
                {
                    if (item is not YamlScalarNode { Value: { } s } || s.Length == 0)
                    {
                        y.Errors.Add(y.At(item, $"{where} must be {Describe(spec.Kind)}"));
                        continue;
                    }
                    if (spec.Kind == ParameterKind.ColumnIdList) CheckColumn(item, s, where);
                    items.Add(s);
                }
                return items;
            }
            default:
            {
                if (v is not YamlScalarNode { Value: { } s })
                {
                    y.Errors.Add(y.At(v, $"{where} must be {Describe(spec.Kind)}"));
                    return null;
                }
                bool ok = spec.Kind switch
                {
                    ParameterKind.Number => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
                    ParameterKind.Duration => Duration.Parse(s) is not null,
                    ParameterKind.Boolean => bool.TryParse(s, out _),
                    _ => true,
                };
                if (!ok) y.Errors.Add(y.At(v, $"{where}: '{s}' is not {Describe(spec.Kind)}"));
                if (spec.Kind == ParameterKind.ColumnId) CheckColumn(v, s, where);
                return s;
            }
        }
    }

    private void CheckColumn(YamlNode node, string id, string where)
    {
        if (!catalogue.Contains(id))
            y.Errors.Add(y.At(node, $"{where}: unknown column id '{id}' (not in rules/columns.yaml)"));
    }

    internal static string Describe(ParameterKind kind) => kind switch
    {
        ParameterKind.Text => "a text value",
        ParameterKind.TextList => "a list of text values",
        ParameterKind.Number => "a number",
        ParameterKind.Duration => "a duration such as 14d, 2w, 6m, 1y or 20wd",
        ParameterKind.ColumnId => "a column id from rules/columns.yaml",
        ParameterKind.ColumnIdList => "a list of column ids from rules/columns.yaml",
        ParameterKind.Boolean => "true or false",
        _ => kind.ToString(),
    };
}
