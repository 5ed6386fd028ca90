using System.Text.Json;
using NUnit.Framework;
using Openness.Reporting;

namespace Openness.Pipeline.Tests.Reporting;

[TestFixture]
public sealed class JsonExportTests
{
    private ReportTestStore _t = null!;
    private string _exportDir = "";

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _t = await ReportTestStore.CreateAsync();
        _exportDir = _t.Out("export");
        foreach (var unit in await _t.Store.GetUnitResultsAsync(_t.RunId))
            await new JsonExportWriter().WriteAsync(unit, _exportDir);
    }

    [OneTimeTearDown]
    public async Task TearDown() => await _t.DisposeAsync();

    private static string RepoFile(string relative)
    {
        var root = Environment.GetEnvironmentVariable("OPENNESS_ROOT");
        var dir = new DirectoryInfo(root is { Length: > 0 } ? root : TestContext.CurrentContext.TestDirectory);
        for (var d = dir; d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, relative))) return Path.Combine(d.FullName, relative);
        throw new FileNotFoundException($"{relative} not found above {dir.FullName}");
    }

    private JsonDocument Export(string unitId) => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_exportDir, unitId + ".json")));

    [Test]
    public void Export_has_the_documented_fields_values_and_order()
    {
        using var doc = Export("missing-column");
        var root = doc.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "formatVersion", "unit", "evaluation", "asOf", "system", "total", "possible", "grade", "vetoed", "manualPointsPending",
            "crawl", "columns", "documents", "indicators", "adjustments",
        }));
        Assert.That(root.GetProperty("formatVersion").GetInt32(), Is.EqualTo(1));
        var unit = root.GetProperty("unit");
        Assert.That(unit.GetProperty("id").GetString(), Is.EqualTo("missing-column"));
        Assert.That(unit.GetProperty("name").GetString(), Is.EqualTo("缺栏目县人民政府"));
        Assert.That(unit.GetProperty("group").GetString(), Is.EqualTo("county"));
        Assert.That(unit.GetProperty("portal").GetString(), Is.EqualTo("http://127.0.0.1:8080/missing-column/"));
        Assert.That(root.GetProperty("asOf").GetString(), Is.EqualTo("2026-11-20"));
        Assert.That(root.GetProperty("system").GetProperty("id").GetString(), Is.EqualTo("test-county"));
        Assert.That(root.GetProperty("system").GetProperty("hash").GetString(), Is.EqualTo(Storage.StoreTestData.Hash(Storage.StoreTestData.RulesContent())));
        Assert.That(root.GetProperty("total").GetDouble(), Is.EqualTo(5));
        Assert.That(root.GetProperty("possible").GetDouble(), Is.EqualTo(30));
        Assert.That(root.GetProperty("grade").GetString(), Is.EqualTo("不合格"));
        Assert.That(root.GetProperty("crawl").GetProperty("startedAt").GetString(), Is.EqualTo("2026-11-20T01:00:00Z"));

        var column = root.GetProperty("columns")[0];
        Assert.That(column.GetProperty("catalogueId").GetString(), Is.EqualTo("notices"));
        Assert.That(column.GetProperty("nameAsShown").GetString(), Is.EqualTo("通知公告"));
        Assert.That(column.GetProperty("url").GetString(), Is.EqualTo("http://127.0.0.1:8080/missing-column/tzgg/"));
        Assert.That(column.GetProperty("itemCount").GetInt32(), Is.EqualTo(2));
        Assert.That(column.GetProperty("newestItemDate").GetString(), Is.EqualTo("2026-11-18"));
        Assert.That(root.GetProperty("columns")[1].GetProperty("catalogueId").ValueKind, Is.EqualTo(JsonValueKind.Null));

        var document = root.GetProperty("documents")[0];
        Assert.That(document.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "url", "title", "indexNumber", "issuingBody", "writtenDate", "publishedDate", "documentNumber", "topic", "validity",
            "attachments", "interpretationUrls",
        }));
        Assert.That(document.GetProperty("writtenDate").GetString(), Is.EqualTo("2026-09-01"));
        Assert.That(document.GetProperty("documentNumber").GetString(), Is.EqualTo("某政办发〔2026〕5号"));
        Assert.That(document.GetProperty("interpretationUrls")[0].GetString(), Is.EqualTo("http://127.0.0.1:8080/missing-column/zcjd/1.html"));

        var indicators = root.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.That(indicators.Keys, Is.EqualTo(new[] { "1", "1.1", "1.2", "2", "2.1" }));
        var missing = indicators["1.1"];
        Assert.That(missing.GetProperty("name").GetString(), Is.EqualTo("栏目设置"));
        Assert.That(missing.GetProperty("methods")[0].GetString(), Is.EqualTo("actual-verification"));
        Assert.That(missing.GetProperty("status").GetString(), Is.EqualTo("fail"));
        Assert.That(missing.GetProperty("pointsEarned").GetDouble(), Is.EqualTo(0));
        Assert.That(missing.GetProperty("pointsPossible").GetDouble(), Is.EqualTo(10));
        Assert.That(missing.GetProperty("evidenceUrls")[0].GetString(), Is.EqualTo("http://127.0.0.1:8080/missing-column/"));
        Assert.That(missing.GetProperty("message").GetString(), Is.EqualTo(ReportTestStore.MissingColumnMessage));
        Assert.That(missing.GetProperty("checks")[0].GetProperty("change").GetString(), Is.EqualTo("new"));
        Assert.That(indicators["1.2"].GetProperty("status").GetString(), Is.EqualTo("partial"));
        Assert.That(indicators["2.1"].GetProperty("status").GetString(), Is.EqualTo("manual"));
        Assert.That(indicators["2.1"].GetProperty("methods")[0].GetString(), Is.EqualTo("submitted-materials"));
    }

    [Test]
    public void Every_export_validates_against_the_documented_schema()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepoFile("docs/export.schema.json")));
        var files = Directory.GetFiles(_exportDir, "*.json");
        Assert.That(files.Select(Path.GetFileName), Is.EquivalentTo(new[] { "good-unit.json", "missing-column.json", "hostile.json" }));
        foreach (var file in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            Assert.That(SchemaCheck.Validate(schema.RootElement, doc.RootElement), Is.Empty, file);
        }
        using var hostile = Export("hostile");
        var leaf = hostile.RootElement.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "1.2");
        Assert.That(leaf.GetProperty("status").GetString(), Is.EqualTo("needs-review"));
    }

    [Test]
    public void Schema_rejects_an_export_missing_a_documented_field()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepoFile("docs/export.schema.json")));
        var text = File.ReadAllText(Path.Combine(_exportDir, "good-unit.json")).Replace("\"grade\"", "\"rating\"");
        using var broken = JsonDocument.Parse(text);
        Assert.That(SchemaCheck.Validate(schema.RootElement, broken.RootElement),
            Is.EquivalentTo(new[] { "$: missing required 'grade'", "$: unexpected property 'rating'" }));
    }

    [Test]
    public void Every_schema_property_is_documented_in_export_md()
    {
        var markdown = File.ReadAllText(RepoFile("docs/export.md"));
        var names = new HashSet<string>();
        void Collect(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Object)
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "properties") foreach (var q in p.Value.EnumerateObject()) names.Add(q.Name);
                    Collect(p.Value);
                }
            else if (e.ValueKind == JsonValueKind.Array) foreach (var x in e.EnumerateArray()) Collect(x);
        }
        using var schema = JsonDocument.Parse(File.ReadAllText(RepoFile("docs/export.schema.json")));
        Collect(schema.RootElement);
        Assert.That(names, Has.Count.GreaterThan(40));
        Assert.That(names.Where(n => !markdown.Contains($"`{n}`")), Is.Empty);
    }

    [Test]
    public void Hostile_text_round_trips_exactly_and_html_characters_are_escaped_in_the_file()
    {
        var raw = File.ReadAllText(Path.Combine(_exportDir, "hostile.json"));
        Assert.That(raw, Does.Not.Contain("<script>"));
        using var doc = Export("hostile");
        Assert.That(doc.RootElement.GetProperty("unit").GetProperty("name").GetString(),
            Is.EqualTo($"恶意县{ReportTestStore.ScriptTitle}{ReportTestStore.ImgTitle}"));
        Assert.That(doc.RootElement.GetProperty("documents")[0].GetProperty("title").GetString(), Is.EqualTo(ReportTestStore.ScriptTitle));
    }
}
