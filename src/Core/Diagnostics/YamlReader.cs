using YamlDotNet.RepresentationModel;

namespace Openness.Core.Diagnostics;

/// <summary>
/// Small helpers for reading a YAML tree while recording located errors; shared by the units file and the
/// rules files so both report problems the same way (file:line:column: what was expected).
/// </summary>
public sealed class YamlReader(string file, List<SourceError> errors)
{
    public string File => file;
    public List<SourceError> Errors => errors;

    public SourceError At(YamlNode node, string message) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column, message);

    public YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    public string? OptionalString(YamlMappingNode map, string key)
    {
        var node = Child(map, key);
        if (node is null) return null;
        if (node is YamlScalarNode s) return s.Value;
        errors.Add(At(node, $"'{key}' must be a text value"));
        return null;
    }

    public string? RequiredString(YamlMappingNode map, string key)
    {
        var node = Child(map, key);
        if (node is null) { errors.Add(At(map, $"missing key '{key}'")); return null; }
        var v = OptionalString(map, key);
        if (v is not null && string.IsNullOrWhiteSpace(v)) { errors.Add(At(node, $"'{key}' must not be empty")); return null; }
        return v;
    }

    public bool? OptionalBool(YamlMappingNode map, string key)
    {
        var node = Child(map, key);
        if (node is null) return null;
        if (node is YamlScalarNode { Value: { } v } && bool.TryParse(v, out var b)) return b;
        errors.Add(At(node, $"'{key}' must be true or false"));
        return null;
    }

    public int? OptionalInt(YamlMappingNode map, string key, int min = int.MinValue)
    {
        var node = Child(map, key);
        if (node is null) return null;
        if (node is YamlScalarNode { Value: { } v } && int.TryParse(v, out var i) && i >= min) return i;
        errors.Add(At(node, $"'{key}' must be a whole number{(min > int.MinValue ? $" >= {min}" : "")}"));
        return null;
    }

    public double? OptionalNumber(YamlMappingNode map, string key)
    {
        var node = Child(map, key);
        if (node is null) return null;
        if (node is YamlScalarNode { Value: { } v } &&
            double.TryParse(v.TrimEnd('%'), System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var d)) return d;
        errors.Add(At(node, $"'{key}' must be a number"));
        return null;
    }

    public TEnum Enum<TEnum>(YamlMappingNode map, string key, TEnum fallback) where TEnum : struct, System.Enum
    {
        var node = Child(map, key);
        if (node is null) return fallback;
        if (node is YamlScalarNode { Value: { } v } && System.Enum.TryParse<TEnum>(v.Replace("-", ""), true, out var e)) return e;
        errors.Add(At(node, $"'{key}' must be one of: {string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}"));
        return fallback;
    }

    public IReadOnlyList<string> StringList(YamlMappingNode map, string key) => Items(map, key).Select(i => i.Value).ToList();

    /// <summary>A list of absolute http(s) URLs; a bad item is reported at its own line.</summary>
    public IReadOnlyList<Uri> UrlList(YamlMappingNode map, string key) =>
        Items(map, key).Select(i => ParseUrl(i.Node, key, i.Value)).OfType<Uri>().ToList();

    // A single text value counts as a list of one.
    private List<(string Value, YamlNode Node)> Items(YamlMappingNode map, string key)
    {
        var node = Child(map, key);
        if (node is null) return [];
        if (node is YamlScalarNode { Value: { } single } && !string.IsNullOrEmpty(single)) return [(single, node)];
        if (node is not YamlSequenceNode seq) { errors.Add(At(node, $"'{key}' must be a list of text values")); return []; }
        var list = new List<(string, YamlNode)>();
        foreach (var item in seq.Children)
        {
            if (item is YamlScalarNode { Value: { } v }) list.Add((v, item));
            else errors.Add(At(item, $"each item of '{key}' must be a text value"));
        }
        return list;
    }

    public Uri? AbsoluteUrl(YamlMappingNode map, string key, bool required)
    {
        var s = required ? RequiredString(map, key) : OptionalString(map, key);
        return s is null ? null : ParseUrl(map, key, s);
    }

    public Uri? ParseUrl(YamlMappingNode map, string key, string value) => ParseUrl(Child(map, key) ?? map, key, value);

    private Uri? ParseUrl(YamlNode at, string key, string value)
    {
        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https"))
            return uri;
        errors.Add(At(at, $"'{key}': '{value}' is not an absolute http(s) URL"));
        return null;
    }

    public void RejectUnknownKeys(YamlMappingNode map, params string[] known)
    {
        foreach (var k in map.Children.Keys)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name))
                errors.Add(At(k, $"unknown key '{name}': expected one of {string.Join(", ", known)}"));
        }
    }
}
