using NUnit.Framework;
using Openness.Core.Units;
using Openness.Pipeline.Tests.SamplePortals;
using Openness.Scheduling;

namespace Openness.Pipeline.Tests.Units;

/// <summary>
/// The units file rejects a unit with a bad entry alone, keeping the good ones; a scheduler night built from it queues
/// the good units and records the rejected ones (except those with a schedule of their own).
/// </summary>
[TestFixture]
public sealed class RejectedUnitsReadingTests
{
    private static string File(string units) => $"""
        evaluation: 测试评估
        indicatorSystem: {Path.Combine(SampleRepo.Root, "rules", "jilin-2017-county.yaml")}
        units:
        {units}
        """;

    private const string Units = """
          - id: good
            name: 甲县
            portal: http://a.gov.cn/
          - id: modes
            name: 乙县
            portal: http://b.gov.cn/
            fetchMode: fast
            maxPages: 0
            colour: red
          - id: noname
            portal: http//x
        """;

    [Test]
    public void Units_with_bad_entries_are_rejected_with_each_problem_and_the_good_one_is_kept()
    {
        var file = UnitsFileReader.Parse(File(Units), "units.yaml");
        Assert.That(file.Units.Select(u => u.Id), Is.EqualTo(new[] { "good" }));
        Assert.That(file.Rejected.Select(r => r.Id), Is.EqualTo(new[] { "modes", "noname" }));

        var modes = file.Rejected[0];
        Assert.That(modes.Name, Is.EqualTo("乙县"));
        Assert.That(modes.Problems.Select(p => p.Key), Is.EqualTo(new[] { "fetchMode", "maxPages", UnitProblem.UnknownKey }));
        Assert.That(modes.Message, Does.Contain("抓取方式无效").And.Contain("units.yaml:10:").And.Contain("最大页数无效")
            .And.Contain("未知配置项").And.Contain("'colour'"));

        var noname = file.Rejected[1];
        Assert.That((noname.Name, noname.Portal), Is.EqualTo(((string?)null, "http//x")));
        Assert.That(noname.Message, Does.Contain("缺少名称（missing name）").And.Contain("门户网址无法解析（portal URL does not parse）")
            .And.Contain("'http//x'"));
    }

    [Test]
    public void A_bad_entry_url_is_reported_at_its_own_line_not_the_list_key()
    {
        var file = UnitsFileReader.Parse(File("""
              - id: entries
                name: 丁县
                portal: http://d.gov.cn/
                entries:
                  - http://d.gov.cn/zwgk/
                  - http://d.gov.cn/xxgk/
                  - www.d.gov.cn/bad/
            """), "units.yaml");
        var rejected = file.Rejected.Single();
        Assert.That(rejected.Problems.Select(p => p.Key), Is.EqualTo(new[] { "entries" }));
        // Lines: evaluation 1, indicatorSystem 2, units 3, "- id" 4, name 5, portal 6, entries 7, items 8-10.
        Assert.That(rejected.Message, Does.Contain("units.yaml:10:").And.Contain("'www.d.gov.cn/bad/' is not an absolute http(s) URL"));
    }

    [Test]
    public void A_duplicate_of_a_rejected_unit_still_stops_the_file()
    {
        var ex = Assert.Throws<Openness.Core.Diagnostics.InputFileException>(() => UnitsFileReader.Parse(File(Units + "\n" + """
              - id: modes
                name: 丙县
                portal: http://c.gov.cn/
            """), "units.yaml"));
        Assert.That(ex!.Errors.Select(e => e.Message), Has.One.Contains("duplicate unit id 'modes'"));
    }

    [Test]
    public async Task A_night_queues_the_good_units_and_records_the_rejected_ones_without_a_schedule_of_their_own()
    {
        var path = Path.Combine(Path.GetTempPath(), "openness-plan-" + Guid.NewGuid().ToString("N")[..8] + ".yaml");
        await System.IO.File.WriteAllTextAsync(path, File(Units));
        try
        {
            var plan = await ScanPlan.LoadAsync(path, CancellationToken.None);
            var (queued, rejected) = plan.Night(new HashSet<string> { "noname" });
            Assert.That(queued.Select(u => u.Id), Is.EqualTo(new[] { "good" }));
            Assert.That(rejected.Select(u => u.Id), Is.EqualTo(new[] { "modes" }));
            Assert.That(plan.Unit("noname"), Is.Null, "a rejected unit is not scanned by its own schedule");
            Assert.That(plan.Rejected("noname")?.Message, Does.Contain("门户网址无法解析").And.Contain("'http//x'"),
                "its own schedule records it as failed, with why");
            Assert.Throws<InvalidOperationException>(() => plan.Unit("gone"));
        }
        finally { System.IO.File.Delete(path); }
    }
}
