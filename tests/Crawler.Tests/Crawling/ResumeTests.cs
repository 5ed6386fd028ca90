using NUnit.Framework;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Openness.Fixtures.Portals;

namespace Openness.Crawler.Tests.Crawling;

public class ResumeTests
{
    private static string ProbePath()
    {
        // tests/Crawler.Tests/bin/<Configuration>/net10.0 → tests/CrawlProbe/bin/<Configuration>/net10.0/CrawlProbe.dll
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var tests = here.Parent.Parent!.Parent!.Parent!.FullName;
        var probe = Path.Combine(tests, "CrawlProbe", "bin", configuration, tfm, "CrawlProbe.dll");
        Assert.That(File.Exists(probe), Is.True, $"CrawlProbe not built at {probe}");
        return probe;
    }

    private static Process StartProbe(string store, Uri portal, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { ProbePath(), store, portal.AbsoluteUri, "2" }.Concat(extra)) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    private static List<string> StoredUrls(string store)
    {
        using var db = new SqliteConnection($"Data Source={store};Mode=ReadOnly;Pooling=False");
        db.Open();
        var stored = new List<string>();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT url FROM pages";
        using var r = cmd.ExecuteReader();
        while (r.Read()) stored.Add(r.GetString(0));
        return stored;
    }

    private static async Task KillAfterAsync(Process crawl, PortalServer server, int requests)
    {
        var deadline = Stopwatch.StartNew();
        while (server.TotalRequests < requests && !crawl.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20);
        Assert.That(crawl.HasExited, Is.False, "the crawl must still be running when it is killed");
        crawl.Kill(entireProcessTree: true);
        await crawl.WaitForExitAsync();
    }

    [Test]
    public async Task A_resumed_crawl_keeps_the_trap_and_list_page_caps_of_the_killed_run()
    {
        // Depth is no limit here (40), so only the trap detector stops the endless calendar (12 date steps) and only
        // the per-column cap (2 list pages) stops the pagers. A resume that forgot the counts would grant both again.
        const int listCap = 2;
        const int calendarSteps = 12;
        var portal = PortalGenerator.Generate(PortalSpec.WithPageCount(PortalFamily.TrsWcm, 300, traps: true));
        await using var server = await PortalServer.StartAsync(portal, new PortalServerOptions { ResponseDelay = TimeSpan.FromMilliseconds(15) });
        var folder = Path.Combine(Path.GetTempPath(), "crawl-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = Path.Combine(folder, "unit.sqlite");
        var portalUrl = server.Url("/index.html");
        string[] limits = ["40", listCap.ToString(System.Globalization.CultureInfo.InvariantCulture)];

        using (var first = StartProbe(store, portalUrl, limits))
            await KillAfterAsync(first, server, 40);
        var calendarAtKill = server.CountPath("/hdjl/calendar.html");
        Assert.That(calendarAtKill, Is.InRange(1, calendarSteps - 1), "killed while walking the calendar");

        using (var second = StartProbe(store, portalUrl, limits))
        {
            var output = await second.StandardOutput.ReadToEndAsync();
            var errors = await second.StandardError.ReadToEndAsync();
            await second.WaitForExitAsync();
            Assert.That(second.ExitCode, Is.Zero, output + errors);
            Assert.That(output, Does.Contain("\"Resumed\":true"));
        }

        var stored = StoredUrls(store).Select(u => new Uri(u)).ToList();
        Assert.That(stored.Count(u => u.AbsolutePath == "/hdjl/calendar.html"), Is.InRange(1, calendarSteps),
            "calendar steps across both runs stay within the trap cap");
        Assert.That(server.CountPath("/hdjl/calendar.html"), Is.LessThanOrEqualTo(calendarSteps + 2), "plus at most the requests in flight at the kill");
        foreach (var column in portal.Columns.Where(c => c.ListPages.Count > listCap))
        {
            var listPages = column.ListPages.Append(column.Path).ToHashSet();
            Assert.That(stored.Select(u => u.AbsolutePath).Where(listPages.Contains).Distinct().Count(), Is.LessThanOrEqualTo(listCap),
                $"list pages of {column.Path} across both runs stay within the cap");
        }
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task A_killed_crawl_resumes_without_refetching_or_losing_pages()
    {
        var portal = PortalGenerator.Generate(PortalSpec.WithPageCount(PortalFamily.TrsWcm, 300, traps: false));
        Assert.That(portal.CrawlablePaths, Has.Count.GreaterThanOrEqualTo(300));
        await using var server = await PortalServer.StartAsync(portal, new PortalServerOptions { ResponseDelay = TimeSpan.FromMilliseconds(15) });
        var folder = Path.Combine(Path.GetTempPath(), "crawl-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = Path.Combine(folder, "unit.sqlite");
        var portalUrl = server.Url("/index.html");

        using (var first = StartProbe(store, portalUrl))
        {
            var deadline = Stopwatch.StartNew();
            while (server.TotalRequests < 100 && !first.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20);
            Assert.That(first.HasExited, Is.False, "the crawl must still be running when it is killed");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        var atKill = server.TotalRequests;
        Assert.That(atKill, Is.LessThan(portal.CrawlablePaths.Count), "killed mid-crawl");

        string output;
        using (var second = StartProbe(store, portalUrl))
        {
            output = await second.StandardOutput.ReadToEndAsync();
            var errors = await second.StandardError.ReadToEndAsync();
            await second.WaitForExitAsync();
            Assert.That(second.ExitCode, Is.Zero, output + errors);
        }
        Assert.That(output, Does.Contain("\"Resumed\":true"));

        // The store: every page once, none lost.
        using var db = new SqliteConnection($"Data Source={store};Mode=ReadOnly;Pooling=False");
        db.Open();
        var stored = new List<string>();
        using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = "SELECT url FROM pages";
            using var r = cmd.ExecuteReader();
            while (r.Read()) stored.Add(r.GetString(0));
        }
        var expected = portal.CrawlablePaths.Select(p => server.Url(p).AbsoluteUri).ToList();
        Assert.That(expected.Except(stored), Is.Empty, "no page lost");
        Assert.That(stored.Select(u => new Uri(u).AbsolutePath).Where(p => p != "/search/search.html"), Is.EquivalentTo(portal.CrawlablePaths),
            "each page stored exactly once, nothing else but the site search");

        // The server: each page requested once, except what was in flight when the process died (2 per host).
        var counts = portal.CrawlablePaths.ToDictionary(p => p, server.CountPath);
        Assert.That(counts.Values, Has.All.InRange(1, 2));
        Assert.That(counts.Count(c => c.Value == 2), Is.LessThanOrEqualTo(2), "only the in-flight requests at kill time are repeated");
        Directory.Delete(folder, recursive: true);
    }
}
