using Openness.Core.Diagnostics;
using Openness.Rules.Checks;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Openness.Rules.Catalogue;

/// <summary>A canonical column (栏目) the seeds name, with the names sites use for it and its update category.</summary>
public sealed record CatalogueColumn(string Id, string Name, IReadOnlyList<string> Aliases, string? Category, string? Parent);

/// <summary>
/// rules/columns.yaml: canonical columns with aliases, and update-interval profiles per category (the default
/// profile, seed 002's stricter one ...). Matching is on the normalised name so "政府信息<br>公开指南" matches.
/// </summary>
public sealed class ColumnCatalogue
{
    private readonly Dictionary<string, CatalogueColumn> _byId;
    private readonly List<(string Name, CatalogueColumn Column)> _names;
    private readonly Dictionary<string, Dictionary<string, Duration>> _profiles;

    public IReadOnlyCollection<CatalogueColumn> Columns => _byId.Values;
    public IReadOnlyCollection<string> Profiles => _profiles.Keys;

    public ColumnCatalogue(IEnumerable<CatalogueColumn> columns, Dictionary<string, Dictionary<string, Duration>> profiles)
    {
        _byId = columns.ToDictionary(c => c.Id);
        // Longest names first, so "政府信息公开年报" wins over "政府信息公开".
        _names = _byId.Values
            .SelectMany(c => c.Aliases.Prepend(c.Name).Select(n => (Name: NameNormalizer.Normalize(n), Column: c)))
            .OrderByDescending(p => p.Name.Length).ToList();
        _profiles = profiles;
    }

    private Dictionary<string, CatalogueColumn>? _byName;

    public CatalogueColumn? Get(string id) => _byId.GetValueOrDefault(id);
    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>The catalogue column whose name or alias equals the shown name (after normalisation).</summary>
    public CatalogueColumn? Match(string nameAsShown)
    {
        var n = NameNormalizer.Normalize(nameAsShown);
        if (n.Length == 0) return null;
        // Checks ask for every column and document of a site, per leaf: look names up instead of scanning the list.
        if (_byName is null)
        {
            var byName = new Dictionary<string, CatalogueColumn>(StringComparer.Ordinal);
            foreach (var (name, col) in _names) byName.TryAdd(name, col);
            _byName = byName;
        }
        return _byName.GetValueOrDefault(n);
    }

    /// <summary>The interval within which the column must have a new item, for the profile (falls back to "default").</summary>
    public Duration? UpdateInterval(string columnId, string profile = "default")
    {
        var category = Get(columnId)?.Category;
        if (category is null) return null;
        if (_profiles.TryGetValue(profile, out var p) && p.TryGetValue(category, out var d)) return d;
        return _profiles.TryGetValue("default", out var def) && def.TryGetValue(category, out var d2) ? d2 : null;
    }

    public static ColumnCatalogue Load(string path)
    {
        var errors = new List<SourceError>();
        var y = new YamlReader(path, errors);
        var yaml = new YamlStream();
        try { yaml.Load(new StringReader(File.ReadAllText(path))); }
        catch (YamlException ex)
        {
            throw new InputFileException(new SourceError(path, (int)ex.Start.Line, (int)ex.Start.Column, $"not valid YAML: {ex.Message}"));
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new InputFileException(new SourceError(path, 1, 1, "expected a mapping with 'profiles' and 'columns'"));

        var profiles = new Dictionary<string, Dictionary<string, Duration>>();
        if (y.Child(root, "profiles") is YamlMappingNode profs)
            foreach (var (k, v) in profs.Children)
            {
                var name = ((YamlScalarNode)k).Value!;
                var intervals = new Dictionary<string, Duration>();
                if (v is YamlMappingNode m)
                    foreach (var (ck, cv) in m.Children)
                    {
                        var text = (cv as YamlScalarNode)?.Value ?? "";
                        if (Duration.Parse(text) is { } d) intervals[((YamlScalarNode)ck).Value!] = d;
                        else errors.Add(y.At(cv, $"'{text}' is not a duration: expected e.g. 14d, 2w, 6m, 1y, 20wd"));
                    }
                else errors.Add(y.At(v, $"profile '{name}' must map update categories to durations"));
                profiles[name] = intervals;
            }
        else errors.Add(y.At(root, "missing 'profiles': a mapping of profile name to {category: duration}"));

        var columns = new List<CatalogueColumn>();
        if (y.Child(root, "columns") is YamlSequenceNode seq)
            foreach (var node in seq.Children.OfType<YamlMappingNode>())
            {
                var id = y.RequiredString(node, "id");
                var name = y.RequiredString(node, "name");
                var category = y.OptionalString(node, "category");
                if (category is not null && profiles.TryGetValue("default", out var def) && !def.ContainsKey(category))
                    errors.Add(y.At(y.Child(node, "category")!, $"unknown update category '{category}': expected one of {string.Join(", ", def.Keys)}"));
                y.RejectUnknownKeys(node, "id", "name", "aliases", "category", "parent");
                if (id is null || name is null) continue;
                if (columns.Any(c => c.Id == id)) errors.Add(y.At(node, $"duplicate column id '{id}'"));
                columns.Add(new CatalogueColumn(id, name, y.StringList(node, "aliases"), category, y.OptionalString(node, "parent")));
            }
        else errors.Add(y.At(root, "missing 'columns': a list of {id, name, aliases, category}"));

        foreach (var c in columns.Where(c => c.Parent is not null && columns.All(p => p.Id != c.Parent)))
            errors.Add(new SourceError(path, 0, 0, $"column '{c.Id}' has unknown parent '{c.Parent}'"));
        if (errors.Count > 0) throw new InputFileException(errors);
        return new ColumnCatalogue(columns, profiles);
    }
}

/// <summary>Normalises names as sites show them: tags, entities' spaces, full-width and ideographic spaces, punctuation.</summary>
public static partial class NameNormalizer
{
    [System.Text.RegularExpressions.GeneratedRegex("<[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex Tags();

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        // Called for every link of every page: most texts hold no tag and nothing to drop, so skip the work then.
        var s = text.Contains('<') ? Tags().Replace(text, "") : text;
        var first = -1;
        for (var i = 0; i < s.Length; i++)
            if (Dropped(s[i])) { first = i; break; }
        if (first < 0) return s;
        var sb = new System.Text.StringBuilder(s.Length);
        sb.Append(s, 0, first);
        for (var i = first; i < s.Length; i++)
            if (!Dropped(s[i])) sb.Append(s[i]);
        return sb.ToString();
    }

    private static bool Dropped(char ch) =>
        char.IsWhiteSpace(ch) || ch is '\u2002' or '\u2003' or '\u3000' or '\u00a0' or '\u200b'
        || ch is '>' or '»' or '›' or '·' or '|' or '：' or ':';
}
