using YamlDotNet.RepresentationModel;

namespace Openness.Pipeline.Tests.SamplePortals;

/// <summary>samples/expected.yaml, read as plain maps (the tests compare it with what the pages show).</summary>
internal sealed record ExpectedColumn(string Id, string Status, string? Path, string? Name, int? Items, int? Pages,
    int? NewestOffsetDays, string? NewestDate, IReadOnlyList<string> Children, string? Rendering, int? EmbeddedRecords);

internal sealed record ExpectedDocument(string Column, int Id, string Title, string Path, IReadOnlyList<string> Missing);

internal sealed record ExpectedUnit(string Id, string Name, IReadOnlyDictionary<string, ExpectedColumn> Columns, int PolicyDocuments,
    IReadOnlyList<ExpectedDocument> MissingInterpretation, IReadOnlyList<ExpectedDocument> LateInterpretation,
    IReadOnlyList<ExpectedDocument> IncompleteMetadata,
    IReadOnlyList<ExpectedDocument> LatePublication);

internal static class ExpectedSamples
{
    public static IReadOnlyDictionary<string, ExpectedUnit> Load(string path)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(path)));
        var units = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["units"];
        var result = new Dictionary<string, ExpectedUnit>();
        foreach (var (key, value) in units.Children)
        {
            var id = ((YamlScalarNode)key).Value!;
            var unit = (YamlMappingNode)value;
            var columns = new Dictionary<string, ExpectedColumn>();
            foreach (var (ck, cv) in ((YamlMappingNode)unit["columns"]).Children)
            {
                var c = (YamlMappingNode)cv;
                columns[((YamlScalarNode)ck).Value!] = new ExpectedColumn(((YamlScalarNode)ck).Value!, Str(c, "status")!, Str(c, "path"),
                    Str(c, "name"), Int(c, "items"), Int(c, "pages"), Int(c, "newestOffsetDays"), Str(c, "newestDate"),
                    List(c, "children"), Str(c, "rendering"), Int(c, "embeddedRecords"));
            }
            var docs = (YamlMappingNode)unit["documents"];
            result[id] = new ExpectedUnit(id, Str(unit, "name")!, columns, Int(docs, "policyDocuments")!.Value,
                Docs(docs, "missingInterpretation"), Docs(docs, "lateInterpretation"), Docs(docs, "incompleteMetadata"), Docs(docs, "latePublication"));
        }
        return result;
    }

    private static IReadOnlyList<ExpectedDocument> Docs(YamlMappingNode docs, string key) =>
        docs.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode seq
            ? seq.Children.Cast<YamlMappingNode>().Select(m => new ExpectedDocument(Str(m, "column")!, Int(m, "id")!.Value,
                Str(m, "title")!, Str(m, "path")!, List(m, "missing"))).ToList()
            : [];

    private static string? Str(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var n) && n is YamlScalarNode s ? s.Value : null;

    private static int? Int(YamlMappingNode map, string key) => Str(map, key) is { } s ? int.Parse(s) : null;

    private static IReadOnlyList<string> List(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var n) && n is YamlSequenceNode seq
            ? seq.Children.Select(c => ((YamlScalarNode)c).Value!).ToList()
            : [];
}
