using NUnit.Framework;
using Openness.Cli;
using Openness.Cli.Commands;
using Openness.Scheduling.Tests.Support;
using Openness.Storage;

namespace Openness.Scheduling.Tests;

/// <summary>
/// The schedule on the default SQLite job store, with real `crawler` child processes: a paused schedule does not fire,
/// a missed night runs once, the schedule outlives the process that made it, and a worker killed mid-run and started
/// again finishes the run without losing or duplicating anything.
/// </summary>
[TestFixture]
public sealed class ScheduleTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(150);

    [Test]
    public async Task A_paused_schedule_does_not_fire_and_survives_a_restart_until_resumed()
    {
        await using var site = TestSite.Create();
        await site.ServeGeneratedUnitsAsync(1, "暂停测试", TimeSpan.Zero);
        // Every second: if pausing did not hold, the worker would open a run within a second or two.
        var add = await CrawlerProcess.RunAsync(site.Root, Short, site.Args("schedule", "add", "--units", site.UnitsFile, "--key", "nightly", "--cron", "* * * * * ?"));
        Assert.That(add.ExitCode, Is.Zero, add.Output);
        var pause = await CrawlerProcess.RunAsync(site.Root, Short, site.Args("schedule", "pause", "nightly"));
        Assert.That(pause.ExitCode, Is.Zero, pause.Output);

        // A new process reads the schedule back from the store: it survived the processes that made it.
        var list = await CrawlerProcess.RunAsync(site.Root, Short, site.Args("schedule", "list"));
        Assert.That(list.Output, Does.Contain("nightly").And.Contain("* * * * * ?").And.Contain("paused").And.Contain("暂停测试"));

        using var worker = CrawlerProcess.Start("worker", site.Root, site.Args("worker"));
        await worker.WaitForLineAsync(l => l.Contains("worker") && l.Contains("started"), Short);
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.That(worker.Lines.Any(l => l.Contains("opened")), Is.False, worker.Output);
        Assert.That(await StoreQueries.RunsAsync(site.Storage, "暂停测试"), Is.Empty);

        var resume = await CrawlerProcess.RunAsync(site.Root, Short, site.Args("schedule", "resume", "nightly"));
        Assert.That(resume.ExitCode, Is.Zero, resume.Output);
        await worker.WaitForLineAsync(l => l.Contains("schedule nightly: scan run") && l.Contains("opened"), Short);
        await CrawlerProcess.RunAsync(site.Root, Short, site.Args("schedule", "pause", "nightly"));
    }

    [Test]
    public async Task Three_missed_nights_run_once_when_a_worker_starts()
    {
        await using var site = TestSite.Create();
        await site.ServeGeneratedUnitsAsync(1, "补跑测试", TimeSpan.Zero);
        // Three "nights" a few seconds apart (Beijing time, this year only, so there is no fourth), all passing while
        // no worker runs. Ignoring misfires would run three scans at start-up; skipping them would run none.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        if (now.Second > 40) { await Task.Delay(TimeSpan.FromSeconds(61 - now.Second)); now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone); }
        var cron = $"{now.Second + 10},{now.Second + 13},{now.Second + 16} {now.Minute} {now.Hour} {now.Day} {now.Month} ? {now.Year}";
        // Added in this process: a child process's start-up on a busy machine could outlast the first night.
        await using (var control = ControlScope.Open(AppSettings.Load(site.Config)))
        {
            var entry = await control.Schedules.AddEvaluationAsync("nightly", site.UnitsFile, cron);
            Assert.That(entry.NextFireAt, Is.EqualTo(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second + 10, now.Offset)));
        }
        var lastNight = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second + 16, now.Offset);
        // All three pass, the last more than the 2 s misfire threshold ago.
        await Task.Delay(lastNight + TimeSpan.FromSeconds(4) - DateTimeOffset.UtcNow);

        using var worker = CrawlerProcess.Start("worker", site.Root, site.Args("worker"));
        await worker.WaitForLineAsync(l => l.Contains("scan run") && l.Contains("finished"), Short);
        await Task.Delay(TimeSpan.FromSeconds(5)); // room for any further catch-up firings to show themselves
        Assert.That(worker.Lines.Count(l => l.Contains("schedule nightly: scan run") && l.Contains("opened")), Is.EqualTo(1), worker.Output);
        var runs = await StoreQueries.RunsAsync(site.Storage, "补跑测试");
        Assert.That(runs, Has.Count.EqualTo(1));
        Assert.That(runs[0].State, Is.EqualTo(RunState.Completed));

        // The fire-once-now firing ran for the missed nights; with none left this year the trigger is spent.
        await using var after = ControlScope.Open(AppSettings.Load(site.Config));
        Assert.That(await after.Schedules.ListAsync(), Is.Empty);
    }

    [Test]
    public async Task A_worker_killed_mid_run_and_started_again_loses_no_finding_and_duplicates_none()
    {
        await using var site = TestSite.Create(unitsAtOnce: 2);
        await site.ServeGeneratedUnitsAsync(6, "断点测试", TimeSpan.FromMilliseconds(40), documents: 24);
        Assert.That((await CrawlerProcess.RunAsync(site.Root, Short, site.Args("schedule", "add", "--units", site.UnitsFile, "--key", "nightly"))).ExitCode, Is.Zero);
        Assert.That((await CrawlerProcess.RunAsync(site.Root, Short, site.Args("schedule", "run-now", "nightly"))).ExitCode, Is.Zero);

        Dictionary<string, UnitRows> before;
        long runId;
        using (var first = CrawlerProcess.Start("worker 1", site.Root, site.Args("worker")))
        {
            await first.WaitForLineAsync(l => l.Contains(" saved in run "), Short);
            first.KillHard();
            var run = (await StoreQueries.RunsAsync(site.Storage, "断点测试")).Single();
            Assert.That(run.State, Is.EqualTo(RunState.Running), "killed mid-run");
            runId = run.RunId;
            before = await StoreQueries.RowsAsync(site.Storage, runId);
            Assert.That(before.Count, Is.InRange(1, 5), first.Output);
        }

        using var second = CrawlerProcess.Start("worker 2", site.Root, site.Args("worker"));
        var done = await StoreQueries.WaitForRunAsync(site.Storage, "断点测试", r => r.State == RunState.Completed, TimeSpan.FromSeconds(120));
        Assert.That(done.RunId, Is.EqualTo(runId), "the same night's run is finished, not a new one");
        Assert.That(done.UnitsCompleted, Is.EqualTo(6));

        var after = await StoreQueries.RowsAsync(site.Storage, runId);
        Assert.That(after.Keys, Is.EquivalentTo(Enumerable.Range(1, 6).Select(i => $"unit-{i:00}")));
        foreach (var (unit, rows) in after)
        {
            Assert.That(rows.Findings, Is.GreaterThan(0), unit);
            Assert.That(rows.DistinctFindings, Is.EqualTo(rows.Findings), $"{unit}: a finding stored twice");
            Assert.That(rows.DistinctPages, Is.EqualTo(rows.Pages), $"{unit}: a page stored twice");
        }
        foreach (var (unit, rows) in before)
            Assert.That(after[unit].FindingKeys, Is.EqualTo(rows.FindingKeys), $"{unit}: saved before the kill, must be kept as it was");
    }
}
