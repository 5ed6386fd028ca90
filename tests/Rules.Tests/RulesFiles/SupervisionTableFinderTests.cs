using NUnit.Framework;
using Openness.Core.Diagnostics;
using Openness.Rules.Indicators;

namespace Openness.Rules.Tests.RulesFiles;

/// <summary>The supervision table a system is used with is the one in its folder that names its file.</summary>
public class SupervisionTableFinderTests
{
    [TestCase("jilin-2017-county.yaml")]
    [TestCase("jilin-2017-group-b.yaml")]
    [TestCase("suizhou-2020-county.yaml")]
    public void A_system_named_by_the_seed_004_table_gets_it(string system)
    {
        var table = new SupervisionTableFinder().For(RulesBundle.Load(RulesPaths.File(system)).System);
        Assert.That(table?.Id, Is.EqualTo("supervision-2017"));
        Assert.That(table!.Tasks, Has.Count.GreaterThan(30));
    }

    [Test]
    public void A_system_no_table_names_gets_none()
    {
        // The department work evaluation (seed 001) is not among the table's systems.
        Assert.That(new SupervisionTableFinder().For(RulesBundle.Load(RulesPaths.File("suizhou-2020-department-work.yaml")).System), Is.Null);
    }

    [Test]
    public void A_broken_table_is_reported_by_file_and_line_and_reports_go_on_without_it()
    {
        var dir = Directory.CreateTempSubdirectory("supervision-").FullName;
        try
        {
            foreach (var f in new[] { "columns.yaml", "cn-calendar.json", "jilin-2017-county.yaml" })
                File.Copy(RulesPaths.File(f), Path.Combine(dir, f));
            var broken = Path.Combine(dir, "supervision-broken.yaml");
            File.WriteAllText(broken, "kind: supervision\nid: broken\nname: 坏的督察表\nsystems: [jilin-2017-county.yaml]\ntasks:\n  - number: 1\n    id: t1\n");
            var system = RulesBundle.Load(Path.Combine(dir, "jilin-2017-county.yaml")).System;

            var ex = Assert.Throws<InputFileException>(() => new SupervisionTableFinder().For(system));
            Assert.That(ex!.Errors.Select(e => e.ToString()), Has.Some.StartsWith($"{broken}:6:").And.Some.Contains("'task'"));

            var warnings = new List<string>();
            Assert.That(new SupervisionTableFinder().ForReports(system, warnings.Add), Is.Null);
            Assert.That(warnings, Has.Some.Contains(broken).And.Some.Contains("written without its tasks"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
