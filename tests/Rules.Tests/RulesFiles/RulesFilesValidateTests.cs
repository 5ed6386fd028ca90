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
