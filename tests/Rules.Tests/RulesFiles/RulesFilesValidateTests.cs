using NUnit.Framework;
using Openness.Rules.Catalogue;
using Openness.Rules.Indicators;
using Openness.Rules.Tests.Indicators;

namespace Openness.Rules.Tests.RulesFiles;

/// <summary>Every shipped rules file validates against a registry declaring the contract's checks.</summary>
public class RulesFilesValidateTests
{
    public static IEnumerable<string> RulesFiles() =>
        Directory.EnumerateFiles(RulesPaths.Folder, "*.yaml").Where(f => Path.GetFileName(f) != "columns.yaml")
            .Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(RulesFiles))]
    public void Rules_file_has_no_problems(string name)
    {
        var catalogue = ColumnCatalogue.Load(RulesPaths.File("columns.yaml"));
        var errors = IndicatorSystemValidator.Validate(RulesPaths.File(name), ContractChecks.Create().Registry, catalogue);
        Assert.That(errors.Select(e => e.ToString()), Is.Empty);
    }

    [Test]
    public void The_whole_folder_validates_including_the_catalogue()
    {
        var errors = IndicatorSystemValidator.ValidateFolder(RulesPaths.Folder, ContractChecks.Create().Registry);
        Assert.That(errors.Select(e => e.ToString()), Is.Empty);
    }
}

/// <summary>docs/rules.schema.json is well-formed and describes every kind of rules file.</summary>
public class RulesSchemaTests
{
    [Test]
    public void Schema_parses_and_covers_every_kind()
    {
        var path = Path.Combine(Path.GetDirectoryName(RulesPaths.Folder)!, "docs", "rules.schema.json");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var defs = doc.RootElement.GetProperty("$defs");
        foreach (var kind in new[] { "indicatorSystem", "composite", "supervision", "publishingTargets", "node", "formula", "adjustment" })
            Assert.That(defs.TryGetProperty(kind, out _), Is.True, kind);
        var nodeKeys = defs.GetProperty("node").GetProperty("properties").EnumerateObject().Select(p => p.Name);
        Assert.That(nodeKeys, Is.SupersetOf(new[] { "id", "name", "points", "weight", "methods", "criteria", "checks", "combine", "formula", "allowSumMismatch", "children" }));
    }
}
