using NUnit.Framework;
using Openness.Cli;
using Openness.SamplePortals;
using Openness.Scheduling.Tests.Support;

namespace Openness.Scheduling.Tests;

/// <summary>
/// The "done when": `crawler schedule add` + `crawler worker` scan the bundled sample portals on a schedule,
/// the unit fixes a gap between the two nights, and `crawler report` shows both runs with new/unchanged/fixed marked.
/// </summary>
[TestFixture]
public sealed class SampleNightsTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(180);

    [Test]
    public async Task Two_scheduled_nights_of_the_sample_portals_report_new_unchanged_and_fixed()
    {
        await using var site = TestSite.Create();
        // The two plain-HTTP samples, copied so the test can change one between the nights.
        var portals = Path.Combine(site.Root, "portals");
        foreach (var sample in new[] { "county", "dept-gaps" })
            CopyFolder(Path.Combine(TestSite.RepositoryRoot, "samples", "portals", sample), Path.Combine(portals, sample));
        var asOf = CommandLine.Today();
        await using var host = await SamplePortalHost.StartAsync(portals, asOf);
        await File.WriteAllTextAsync(site.UnitsFile, $"""
            evaluation: 示范县夜间评估（测试）
            indicatorSystem: {Path.Combine(TestSite.RepositoryRoot, "rules", "jilin-2017-county.yaml")}
            units:
              - id: county
                name: 示范县人民政府
                group: county
                portal: {host.BaseUrls["county"]}
                entries: ["{host.BaseUrls["county"]}zwgk/"]
                allowPrivateAddresses: true
              - id: dept-gaps
                name: 示范县统计局
                group: department
                portal: {host.BaseUrls["dept-gaps"]}
                entries: ["{host.BaseUrls["dept-gaps"]}xxgk/"]
                allowPrivateAddresses: true
            """);

        // The first night comes from the schedule: a time a few seconds ahead (Beijing time). The second is
        // `schedule run-now` once the office has fixed its gaps: a second cron night could start before the first
        // has finished on a busy machine, and crawl the portal before the fix.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        while (now.Second > 40)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        }
        var cron = $"{now.Second + 15} {now.Minute} {now.Hour} {now.Day} {now.Month} ? {now.Year}";
        var add = await CrawlerProcess.RunAsync(site.Root, Short, site.Args("schedule", "add", "--units", site.UnitsFile, "--key", "samples", "--cron", cron));
        Assert.That(add.ExitCode, Is.Zero, add.Output);

        using (var worker = CrawlerProcess.Start("worker", site.Root, site.Args("worker")))
        {
            var first = await worker.WaitForLineAsync(l => l.Contains("scan run") && l.Contains("finished"), Short);
            Assert.That(first, Does.Contain("2 completed, 0 failed"));
            // Between the nights the statistics bureau catches up: a fresh work report (工作动态 was 240 days stale)
            // and a first notice (通知公告 was blank), so every column the update check names is up to date.
            var gzdt = Path.Combine(portals, "dept-gaps", "xxgk", "gzdt", "index.html");
            var html = await File.ReadAllTextAsync(gzdt);
            Assert.That(html, Does.Contain("<span class=\"date\">{{date:-240}}</span>"));
            // (The list item links to a document published four days ago; the site model dates items by their links.)
            await File.WriteAllTextAsync(gzdt, html
                .Replace("./{{date:-240:yyyyMM}}/t{{date:-240:yyyyMMdd}}_1034.html", "../zcwj/{{date:-4:yyyyMM}}/t{{date:-4:yyyyMMdd}}_1023.html")
                .Replace("<span class=\"date\">{{date:-240}}</span>", "<span class=\"date\">{{date:-4}}</span>"));
            var tzgg = Path.Combine(portals, "dept-gaps", "xxgk", "tzgg", "index.html");
            var notices = await File.ReadAllTextAsync(tzgg);
            Assert.That(notices, Does.Contain("<ul class=\"list\">\n</ul>"));
            await File.WriteAllTextAsync(tzgg, notices.Replace("<ul class=\"list\">\n</ul>",
                "<ul class=\"list\">\n<li><a href=\"../gzdt/{{date:-240:yyyyMM}}/t{{date:-240:yyyyMMdd}}_1034.html\" target=\"_blank\">关于开展统计执法检查的通知</a><span class=\"date\">{{date:-3}}</span></li>\n</ul>"));
            var runNow = await CrawlerProcess.RunAsync(site.Root, Short, site.Args("schedule", "run-now", "samples"));
            Assert.That(runNow.ExitCode, Is.Zero, runNow.Output);
            await worker.WaitForLineAsync(l => l.Contains("scan run") && l.Contains("finished") && l != first, Short + Short);
        }

        var unit = await CrawlerProcess.RunAsync(site.Root, Short, site.Args("report", "--units", site.UnitsFile, "--unit", "dept-gaps"));
        Assert.That(unit.ExitCode, Is.Zero, unit.Output);
        var evaluation = await CrawlerProcess.RunAsync(site.Root, Short, site.Args("report", "--units", site.UnitsFile));
        Assert.That(evaluation.ExitCode, Is.Zero, evaluation.Output);
        var runs = evaluation.Output.Split('\n').Where(l => l.StartsWith("run ")).ToList();
        Assert.That(runs, Has.Count.EqualTo(2), evaluation.Output);
        Assert.That(runs, Has.All.Contains("Completed  2 completed, 0 failed of 2"));
        var secondRun = evaluation.Output[evaluation.Output.LastIndexOf("\nrun ", StringComparison.Ordinal)..];
        Assert.That(secondRun, Does.Contain("fixed 已整改").And.Contain("unchanged 未变"), evaluation.Output);

        var split = unit.Output.LastIndexOf("\nrun ", StringComparison.Ordinal);
        var (before, after) = (unit.Output[..split], unit.Output[split..]);
        Assert.That(before, Does.Contain("[new 新发现]").And.Not.Contain("[fixed 已整改]"), unit.Output);
        var fixedLines = after.Split('\n').Where(l => l.Contains("[fixed 已整改]")).ToList();
        Assert.That(fixedLines, Has.Some.Contains("column-updated"), unit.Output);
        Assert.That(after, Does.Contain("[unchanged 未变]"), "the gaps it did not fix are still reported");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to));
    }
}
