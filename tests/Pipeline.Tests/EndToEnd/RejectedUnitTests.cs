using System.Text.Json;
using NUnit.Framework;
using Openness.Pipeline.Tests.Reporting;
using Openness.Pipeline.Tests.SamplePortals;
using Openness.SamplePortals;
using Openness.Storage;

namespace Openness.Pipeline.Tests.EndToEnd;

/// <summary>
/// `crawler scan` on a units file where one unit's portal does not parse: the two good units (sample portals on
/// Kestrel) are crawled and scored, the bad one is reported on stderr as file:line:col and stored as a failed unit of
/// the run with why, so the ranking, its report and its export show it; the exit code says some units failed.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class RejectedUnitTests
{
    private static readonly DateOnly AsOf = new(2026, 6, 15);
    private string _dir = "";

    [SetUp]
    public void MakeDir()
    {
        _dir = Path.Combine(Path.GetTempPath(), "openness-rejected-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveDir()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Test]
    public async Task A_unit_whose_portal_does_not_parse_fails_alone_and_the_others_are_scanned_and_scored()
    {
        await using var host = await SamplePortalHost.StartAsync(SampleRepo.Portals, AsOf);
        var units = Path.Combine(_dir, "units.yaml");
        var system = Path.Combine(SampleRepo.Root, "rules", "jilin-2017-county.yaml");
        File.WriteAllText(units, $"""
            evaluation: 测试评估
            indicatorSystem: {system}
            units:
              - id: county
                name: 示范县人民政府
                group: county
                portal: {host.BaseUrls["county"]}
                allowPrivateAddresses: true
                fetchMode: http
              - id: bad
                name: 坏网址县
                portal: "http//bad url"
              - id: dept-gaps
                name: 示范县统计局
                group: department
                portal: {host.BaseUrls["dept-gaps"]}
                entries: [{host.BaseUrls["dept-gaps"]}xxgk/]
                allowPrivateAddresses: true
                fetchMode: http
            """);
        var data = Path.Combine(_dir, "data");
        var config = Path.Combine(_dir, "settings.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            DataDir = data,
            Crawler = new { PerHostRequestsPerSecond = 0, UnitsInParallel = 2 },
        }));
        var reports = Path.Combine(_dir, "reports");
        var export = Path.Combine(_dir, "export");

        var (code, err) = await CliRun.Run("scan", "--units", units, "--config", config, "--reports", reports, "--out", export,
            "--as-of", "2026-06-15");

        Assert.That(code, Is.EqualTo(1), err);
        Assert.That(err, Does.Contain($"{units}:12:").And.Contain("'http//bad url' is not an absolute http(s) URL"));

        var store = await ScanStore.OpenAsync(StorageOptions.SqliteFile(Path.Combine(data, "openness.db")));
        var run = (await store.GetLatestRunAsync("测试评估"))!;
        Assert.That((run.UnitsPlanned, run.UnitsCompleted, run.UnitsFailed), Is.EqualTo((3, 2, 1)));
        var ranking = (await store.GetRankingAsync(run.RunId))!;
        Assert.That(ranking.Rows.Select(r => r.Unit.Id), Is.EquivalentTo(new[] { "county", "dept-gaps" }));
        Assert.That(ranking.Rows.Select(r => r.Total), Has.All.GreaterThan(0));

        var bad = (await store.GetUnitResultAsync(run.RunId, "bad"))!;
        Assert.That(bad.Crawl.State, Is.EqualTo(UnitScanState.Failed));
        Assert.That(bad.ScoreCard, Is.Null);
        Assert.That(bad.Crawl.Message, Does.Contain("门户网址无法解析").And.Contain("'http//bad url'").And.Contain($"{units}:12:"));
        Assert.That(bad.Unit.Portal, Is.EqualTo("http//bad url"));

        var rankingHtml = File.ReadAllText(Path.Combine(reports, "ranking.html"));
        Assert.That(rankingHtml, Does.Contain("未评分单位").And.Contain("坏网址县").And.Contain("门户网址无法解析"));
        Assert.That(File.ReadAllText(Path.Combine(reports, "bad.html")), Does.Contain("门户网址无法解析"));
        AssertRankingExportsListTheRejectedUnit(reports);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(export, "bad.json")));
        var crawl = json.RootElement.GetProperty("crawl");
        Assert.That(crawl.GetProperty("state").GetString(), Is.EqualTo("failed"));
        Assert.That(crawl.GetProperty("message").GetString(), Does.Contain("门户网址无法解析"));
        Assert.That(json.RootElement.GetProperty("total").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    /// <summary>ranking.csv and sheet 排名 of ranking.xlsx: the two scored units, then 坏网址县 unranked with its reason.</summary>
    private static void AssertRankingExportsListTheRejectedUnit(string reports)
    {
        var csv = File.ReadAllText(Path.Combine(reports, "ranking.csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(csv, Has.Length.EqualTo(4), "header, two scored units, the rejected one");
        Assert.That(csv[0], Does.EndWith(",待人工评分,未评分原因"));
        Assert.That(csv[3], Does.StartWith(",bad,坏网址县,").And.Contain("门户网址无法解析").And.Contain("'http//bad url'"));
        Assert.That(csv[1].Split(',')[0], Is.EqualTo("1"));

        using var x = new XlsxReader(File.ReadAllBytes(Path.Combine(reports, "ranking.xlsx")));
        var sheet = x.Sheet("排名");
        var header = x.Row(sheet, 1);
        Assert.That(header[^1], Is.EqualTo("未评分原因"));
        var last = $"{(char)('A' + header.Count - 1)}4";
        Assert.That((x.Text(sheet, "A4"), x.Text(sheet, "B4"), x.Text(sheet, "C4")), Is.EqualTo(("", "bad", "坏网址县")));
        Assert.That(x.Text(sheet, last), Does.Contain("门户网址无法解析").And.Contain("'http//bad url'"));
        Assert.That(x.Text(sheet, "E4"), Is.Empty, "no total for an unscored unit");
    }

    [Test]
    public async Task A_unit_without_an_id_still_stops_the_file_with_exit_code_2()
    {
        var units = Path.Combine(_dir, "units.yaml");
        File.WriteAllText(units, """
            evaluation: 测试评估
            indicatorSystem: rules/jilin-2017-county.yaml
            units:
              - id: a
                name: 甲县
                portal: "http//bad url"
              - name: 乙县
                portal: http://b.gov.cn/
              - id: a
                name: 丙县
                portal: http://c.gov.cn/
            """);
        var (code, err) = await CliRun.Run("scan", "--units", units);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain($"{units}:7:").And.Contain("missing key 'id'"));
        Assert.That(err, Does.Contain($"{units}:9:").And.Contain("duplicate unit id 'a'"));
        Assert.That(err, Does.Contain("nothing was scanned"));
    }

    [Test]
    public async Task A_missing_indicator_system_file_is_named_at_its_line_with_exit_code_2()
    {
        var units = Path.Combine(_dir, "units.yaml");
        File.WriteAllText(units, """
            evaluation: 测试评估
            indicatorSystem: rules/no-such-system.yaml
            units:
              - id: a
                name: 甲县
                portal: http://a.gov.cn/
            """);
        var (code, err) = await CliRun.Run("scan", "--units", units);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain($"{units}:2:").And.Contain("indicator system file not found: 'rules/no-such-system.yaml'"));
        Assert.That(err, Does.Not.Contain("FileNotFoundException"));
        Assert.That(err, Does.Contain("nothing was scanned"));
    }
}
