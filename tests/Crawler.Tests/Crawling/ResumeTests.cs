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

    private static Process StartProbe(string store, Uri portal)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { ProbePath(), store, portal.AbsoluteUri, "2" }) info.ArgumentList.Add(a);
        return Process.Start(info)!;
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
