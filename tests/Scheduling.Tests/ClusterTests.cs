using System.Text.RegularExpressions;
using NUnit.Framework;
using Openness.Scheduling.Tests.Support;
using Openness.Storage;

namespace Openness.Scheduling.Tests;

/// <summary>
/// Past one machine: two `crawler worker` processes on one PostgreSQL database form a Quartz cluster and share a
/// night of 20 units served on 127.0.0.1. Each unit is scanned exactly once; when one worker is SIGKILLed mid-run
/// the other recovers its units and the night still completes.
/// </summary>
[TestFixture]
public sealed partial class ClusterTests
{
    private const int Units = 20;
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(150);

    [GeneratedRegex(@"unit (?<unit>\S+) saved in run (?<run>\d+) by (?<node>\S+)")]
    private static partial Regex Saved();

    [GeneratedRegex(@"\[(?<unit>unit-\d+)\] start")]
    private static partial Regex Started();

    private static IEnumerable<(string Unit, string Node)> SavedBy(CrawlerProcess worker) =>
        worker.Lines.Select(l => Saved().Match(l)).Where(m => m.Success).Select(m => (m.Groups["unit"].Value, m.Groups["node"].Value));

    [Test]
    public async Task Two_workers_share_twenty_units_each_scanned_exactly_once()
    {
        await using var db = await TestPostgres.CreateAsync();
        await using var site = TestSite.Create(db.Storage, unitsAtOnce: 3);
        await site.ServeGeneratedUnitsAsync(Units, "集群测试", TimeSpan.FromMilliseconds(20));
        Assert.That((await CrawlerProcess.RunAsync(site.Root, Short, site.Args("db", "migrate"))).ExitCode, Is.Zero);
        Assert.That((await CrawlerProcess.RunAsync(site.Root, Short, site.Args("schedule", "add", "--units", site.UnitsFile, "--key", "nightly"))).ExitCode, Is.Zero);

        using var a = CrawlerProcess.Start("worker a", site.Root, site.Args("worker", "--id", "node-a"));
        using var b = CrawlerProcess.Start("worker b", site.Root, site.Args("worker", "--id", "node-b"));
        await a.WaitForLineAsync(l => l.Contains("worker node-a started") && l.Contains("clustered"), Short);
        await b.WaitForLineAsync(l => l.Contains("worker node-b started"), Short);
        Assert.That((await CrawlerProcess.RunAsync(site.Root, Short, site.Args("schedule", "run-now", "nightly"))).ExitCode, Is.Zero);

        var run = await StoreQueries.WaitForRunAsync(db.Storage, "集群测试", r => r.State == RunState.Completed, TimeSpan.FromSeconds(150));
        await Task.Delay(TimeSpan.FromSeconds(2)); // let any (wrong) second scan of a unit show itself
        var saves = SavedBy(a).Concat(SavedBy(b)).ToList();
        Assert.That(saves.Select(s => s.Unit), Is.EquivalentTo(Enumerable.Range(1, Units).Select(i => $"unit-{i:00}")),
            "every unit saved once, by one node:\n" + a.Output + "\n" + b.Output);
        Assert.That(saves.Count(s => s.Node == "node-a"), Is.GreaterThan(0), "node a took part");
        Assert.That(saves.Count(s => s.Node == "node-b"), Is.GreaterThan(0), "node b took part");
        Assert.That((a.Lines.Concat(b.Lines)).Count(l => l.Contains("schedule nightly: scan run") && l.Contains("opened")), Is.EqualTo(1), "one night, one run");

        Assert.That(run.UnitsPlanned, Is.EqualTo(Units));
        Assert.That(run.UnitsCompleted, Is.EqualTo(Units));
        var rows = await StoreQueries.RowsAsync(db.Storage, run.RunId);
        Assert.That(rows, Has.Count.EqualTo(Units));
        foreach (var (unit, r) in rows)
        {
            Assert.That(r.State, Is.EqualTo(UnitScanState.Completed), unit);
            Assert.That(r.DistinctFindings, Is.EqualTo(r.Findings).And.GreaterThan(0), unit);
            Assert.That(r.DistinctPages, Is.EqualTo(r.Pages).And.GreaterThan(0), unit);
        }
    }

    [Test]
    // Quartz's cluster recovery can fire a dead node's unit twice at once on the survivor; the unit job takes turns
    // per run × unit, so the second firing finds the unit saved and does not scan it again (asserted below).
    public async Task Killing_one_worker_mid_run_still_gets_all_twenty_done_by_the_other()
    {
        await using var db = await TestPostgres.CreateAsync();
        await using var site = TestSite.Create(db.Storage, unitsAtOnce: 3);
        // Slower pages, so node a is in the middle of units when it dies.
        await site.ServeGeneratedUnitsAsync(Units, "宕机测试", TimeSpan.FromMilliseconds(60), documents: 20);
        Assert.That((await CrawlerProcess.RunAsync(site.Root, Short, site.Args("schedule", "add", "--units", site.UnitsFile, "--key", "nightly"))).ExitCode, Is.Zero);

        using var a = CrawlerProcess.Start("worker a", site.Root, site.Args("worker", "--id", "node-a"));
        using var b = CrawlerProcess.Start("worker b", site.Root, site.Args("worker", "--id", "node-b"));
        await a.WaitForLineAsync(l => l.Contains("worker node-a started"), Short);
        await b.WaitForLineAsync(l => l.Contains("worker node-b started"), Short);
        Assert.That((await CrawlerProcess.RunAsync(site.Root, Short, site.Args("schedule", "run-now", "nightly"))).ExitCode, Is.Zero);

        // Kill node a while it is crawling a unit (started, not saved).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var crawling = a.Lines.Where(l => l.Contains("] crawling")).Select(l => l[(l.IndexOf('[') + 1)..l.IndexOf(']')]).ToHashSet();
            if (crawling.Except(SavedBy(a).Select(s => s.Unit)).Any()) break;
            await Task.Delay(50);
        }
        a.KillHard();
        var savedByA = SavedBy(a).Select(s => s.Unit).ToHashSet();
        var inFlight = a.Lines.Select(l => Started().Match(l)).Where(m => m.Success).Select(m => m.Groups["unit"].Value).Except(savedByA).ToHashSet();
        Assert.That(inFlight, Is.Not.Empty, "node a died in the middle of a unit:\n" + a.Output);

        var run = await StoreQueries.WaitForRunAsync(db.Storage, "宕机测试", r => r.State == RunState.Completed, TimeSpan.FromSeconds(180));
        Assert.That(run.UnitsCompleted, Is.EqualTo(Units), b.Output);
        var savedByB = SavedBy(b).ToList();
        Assert.That(savedByA.Concat(savedByB.Select(s => s.Unit)), Is.EquivalentTo(Enumerable.Range(1, Units).Select(i => $"unit-{i:00}")),
            "node b did every unit node a did not finish, and none twice:\n" + b.Output);
        // A unit node a died in is fired again on node b by Quartz's recovery, and sometimes also by its original trigger;
        // whichever comes first scans it, the other finds it saved. So: saved once, by node b, and recovery took place.
        foreach (var unit in inFlight)
            Assert.That(savedByB.Count(s => s.Unit == unit), Is.EqualTo(1), $"{unit} was running on node a and is finished by node b:\n{b.Output}");
        Assert.That(b.Lines.Any(l => l.Contains("(recovered)")), Is.True, $"node b ran node a's units as recovery firings:\n{b.Output}");

        var rows = await StoreQueries.RowsAsync(db.Storage, run.RunId);
        Assert.That(rows, Has.Count.EqualTo(Units));
        foreach (var (unit, r) in rows)
        {
            Assert.That(r.DistinctFindings, Is.EqualTo(r.Findings).And.GreaterThan(0), unit);
            Assert.That(r.DistinctPages, Is.EqualTo(r.Pages), unit);
        }
    }
}
