using NUnit.Framework;
using Openness.Pipeline.Tests.SamplePortals;

namespace Openness.Pipeline.Tests.EndToEnd;

/// <summary>
/// Bad input stops `crawler scan` before anything is fetched, with the file, the line and what was expected, and a
/// non-zero exit code. Runs the real command-line entry point.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class CliInputErrorTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir()
    {
        _dir = Path.Combine(Path.GetTempPath(), "openness-cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveDir()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }


    [Test]
    public async Task Units_rejected_for_a_bad_url_or_an_unknown_key_are_named_by_line_and_nothing_is_fetched()
    {
        // Both units are rejected: reported, saved as failed, and no site is fetched.
        var units = Path.Combine(_dir, "units.yaml");
        var config = Path.Combine(_dir, "settings.json");
        File.WriteAllText(config, System.Text.Json.JsonSerializer.Serialize(new { DataDir = Path.Combine(_dir, "data") }));
        var system = Path.Combine(SampleRepo.Root, "rules", "jilin-2017-county.yaml");
        File.WriteAllText(units, $"""
            evaluation: 测试评估
            indicatorSystem: {system}
            units:
              - id: a
                name: 甲县
                portal: www.a.gov.cn
              - id: b
                name: 乙县
                portl: http://b.gov.cn/
            """);
        var (code, err) = await CliRun.Run("scan", "--units", units, "--config", config, "--as-of", "2026-06-15");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(err, Does.Contain($"{units}:6:").And.Contain("'www.a.gov.cn' is not an absolute http(s) URL"));
        Assert.That(err, Does.Contain($"{units}:9:").And.Contain("unknown key 'portl'"));
        Assert.That(err, Does.Contain("missing key 'portal'"));
        Assert.That(err, Does.Contain("unit 'a' is not scanned").And.Contain("unit 'b' is not scanned"));
    }

    [Test]
    public async Task A_units_file_that_is_not_yaml_names_the_line()
    {
        var units = Path.Combine(_dir, "units.yaml");
        File.WriteAllText(units, "evaluation: x\nunits:\n  - id: [unclosed\n");
        var (code, err) = await CliRun.Run("scan", "--units", units);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain(units).And.Contain("not valid YAML"));
    }

    [Test]
    public async Task A_broken_indicator_system_stops_the_scan_with_its_file_and_line()
    {
        // A copy of a real rules folder with one leaf naming a check that does not exist.
        var rules = Path.Combine(_dir, "rules");
        Directory.CreateDirectory(rules);
        foreach (var f in new[] { "columns.yaml", "cn-calendar.json" })
            File.Copy(Path.Combine(SampleRepo.Root, "rules", f), Path.Combine(rules, f));
        var system = File.ReadAllLines(Path.Combine(SampleRepo.Root, "rules", "jilin-2017-county.yaml")).ToList();
        var line = system.FindIndex(l => l.Contains("check: column-exists", StringComparison.Ordinal));
        Assert.That(line, Is.GreaterThanOrEqualTo(0), "the county system uses column-exists");
        system[line] = system[line].Replace("column-exists", "column-exsits");
        File.WriteAllLines(Path.Combine(rules, "system.yaml"), system);
        var units = Path.Combine(_dir, "units.yaml");
        File.WriteAllText(units, """
            evaluation: 测试评估
            indicatorSystem: rules/system.yaml
            units:
              - id: a
                name: 甲县
                portal: http://127.0.0.1:9/
            """);

        var (code, err) = await CliRun.Run("scan", "--units", units, "--as-of", "2026-06-15");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain($"system.yaml:{line + 1}:").And.Contain("column-exsits"));

        var (validateCode, validateErr) = await CliRun.Run("rules", "validate", Path.Combine(rules, "system.yaml"));
        Assert.That(validateCode, Is.EqualTo(2));
        Assert.That(validateErr, Does.Contain($"system.yaml:{line + 1}:"));
    }

    [Test]
    public async Task A_broken_supervision_table_of_the_system_stops_the_scan_with_its_file_and_line()
    {
        var rules = Path.Combine(_dir, "rules");
        Directory.CreateDirectory(rules);
        foreach (var f in new[] { "columns.yaml", "cn-calendar.json", "jilin-2017-county.yaml" })
            File.Copy(Path.Combine(SampleRepo.Root, "rules", f), Path.Combine(rules, f));
        // The table names the system, so it is the one the scan's rectification lists use; its one task has no text.
        var table = Path.Combine(rules, "supervision.yaml");
        File.WriteAllText(table, "kind: supervision\nid: broken\nname: 督察表\nsystems: [jilin-2017-county.yaml]\ntasks:\n  - number: 1\n    id: t1\n");
        var units = Path.Combine(_dir, "units.yaml");
        File.WriteAllText(units, """
            evaluation: 测试评估
            indicatorSystem: rules/jilin-2017-county.yaml
            units:
              - id: a
                name: 甲县
                portal: http://127.0.0.1:9/
            """);

        var config = Path.Combine(_dir, "settings.json");
        File.WriteAllText(config, System.Text.Json.JsonSerializer.Serialize(new { DataDir = Path.Combine(_dir, "data") }));

        var (code, err) = await CliRun.Run("scan", "--units", units, "--config", config, "--as-of", "2026-06-15");
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain($"{table}:6:").And.Contain("'task'"));
        Assert.That(Directory.Exists(Path.Combine(_dir, "data")), Is.False, "no store opened, nothing fetched");
    }

    [Test]
    public async Task Every_shipped_rules_file_validates()
    {
        var files = Directory.GetFiles(Path.Combine(SampleRepo.Root, "rules"), "*.yaml")
            .Where(f => Path.GetFileName(f) != "columns.yaml").ToArray();
        Assert.That(files, Has.Length.GreaterThanOrEqualTo(10));
        var (code, err) = await CliRun.Run(["rules", "validate", .. files]);
        Assert.That(err, Is.Empty);
        Assert.That(code, Is.Zero);
    }
}
