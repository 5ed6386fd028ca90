using NUnit.Framework;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Openness.Core.Units;
using Openness.Crawler.Crawling;
using Openness.Crawler.Fetching;
using Openness.Fixtures.Portals;
using static Openness.Crawler.Tests.Crawling.CrawlHarness;

namespace Openness.Crawler.Tests.Crawling;

public class PolitenessTests
{
    private static Dictionary<string, string> Star(int pages)
    {
        var site = new Dictionary<string, string> { ["/index.html"] = Page("首页", Enumerable.Range(1, pages - 1).Select(i => $"/p{i}.html").ToArray()) };
        for (var i = 1; i < pages; i++) site[$"/p{i}.html"] = Page($"第{i}页");
        return site;
    }

    [Test]
    public async Task Spaces_requests_to_one_host_by_the_rate_limit()
    {
        await using var h = await StartAsync(Star(20));
        var clock = Stopwatch.StartNew();
        await h.CrawlAsync(FastOptions with { PerHostRequestsPerSecond = 5, PerHostConcurrency = 4, HonourRobotsTxt = false });
        clock.Stop();

        Assert.That(h.PageRequests, Has.Count.EqualTo(20));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(3.5)), "20 requests at 5/s take 3.8 s");
    }

    [Test]
    public async Task Unlimited_rate_is_fast()
    {
        await using var h = await StartAsync(Star(20));
        var clock = Stopwatch.StartNew();
        await h.CrawlAsync(FastOptions with { PerHostRequestsPerSecond = 0, HonourRobotsTxt = false });
        Assert.That(h.PageRequests, Has.Count.EqualTo(20));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task Bounds_concurrency_per_host_and_globally()
    {
        using var throttle = new HostThrottle(perHostConcurrency: 2, perHostRequestsPerSecond: 0, globalConcurrency: 3);
        var a = new Uri("http://a.gov.cn/x");
        var b = new Uri("http://b.gov.cn/x");
        var a1 = await throttle.AcquireAsync(a, CancellationToken.None);
        var a2 = await throttle.AcquireAsync(a, CancellationToken.None);
        var a3 = throttle.AcquireAsync(a, CancellationToken.None);
        await Task.Delay(100);
        Assert.That(a3.IsCompleted, Is.False, "third request to host a waits");
        var b1 = await throttle.AcquireAsync(b, CancellationToken.None);
        var b2 = throttle.AcquireAsync(b, CancellationToken.None);
        await Task.Delay(100);
        Assert.That(b2.IsCompleted, Is.False, "global limit of 3 reached");
        a1.Dispose();
        await Task.WhenAny(a3, b2);
        await Task.Delay(100);
        Assert.That(a3.IsCompleted ^ b2.IsCompleted, Is.True, "one freed slot lets exactly one waiter through");
        b1.Dispose();
        a2.Dispose();
        (await a3).Dispose();
        (await b2).Dispose();
    }

    [Test]
    public async Task Runner_isolates_units_and_words_their_outcomes()
    {
        var closedPort = ClosedPort();
        var portal = PortalGenerator.Generate(new PortalSpec { Documents = 20, Traps = false });
        await using var good = await PortalServer.StartAsync(portal);
        await using var forbidden = await PortalServer.StartAsync(GeneratedPortal.FromPages(new Dictionary<string, string> { ["/index.html"] = Page("首页") }),
            new PortalServerOptions { StatusOverrides = new Dictionary<string, int> { ["/index.html"] = 403 } });
        UnitDefinition Unit(string id, string url) => new() { Id = id, Name = id, Portal = new Uri(url), AllowPrivateAddresses = true };
        var units = new[]
        {
            Unit("closed", $"http://127.0.0.1:{closedPort}/index.html"),
            Unit("nodns", "http://www.no-such-county.invalid/index.html"),
            Unit("good", good.Url("/index.html").AbsoluteUri),
            Unit("forbidden", forbidden.Url("/index.html").AbsoluteUri),
        };
        var folder = Path.Combine(Path.GetTempPath(), "crawl-tests", Guid.NewGuid().ToString("N"));
        var options = FastOptions with { UnitsInParallel = 3 };
        await using var fetcher = new HttpFetcher(options);
        using var throttle = HostThrottle.From(options);
        var reported = new List<string>();
        var summaries = await new CrawlRunner(fetcher, options, throttle).CrawlAsync(units, u => Path.Combine(folder, u.Id + ".sqlite"),
            new SyncProgress(s => { lock (reported) reported.Add(s.UnitId); }), CancellationToken.None);

        Assert.That(summaries.Select(s => s.UnitId), Is.EqualTo(new[] { "closed", "nodns", "good", "forbidden" }));
        Assert.That(summaries[0].Outcome, Is.EqualTo(UnitCrawlOutcome.Unreachable));
        Assert.That(summaries[0].Message, Does.StartWith("网站无法访问：服务器拒绝连接").And.Contain($"127.0.0.1:{closedPort}"));
        Assert.That(summaries[1].Outcome, Is.EqualTo(UnitCrawlOutcome.Unreachable));
        Assert.That(summaries[1].Message, Does.Contain("域名无法解析").And.Contain("www.no-such-county.invalid"));
        Assert.That(summaries[2].Outcome, Is.EqualTo(UnitCrawlOutcome.Ok));
        Assert.That(summaries[2].PagesFetched, Is.EqualTo(portal.CrawlablePaths.Count + portal.AttachmentPaths.Count + 1), "all pages, attachments and the site search");
        Assert.That(summaries[3].Outcome, Is.EqualTo(UnitCrawlOutcome.Unreachable));
        Assert.That(summaries[3].Message, Does.Contain("服务器拒绝访问（HTTP 403）"));
        Assert.That(reported, Is.EquivalentTo(units.Select(u => u.Id)));
        Directory.Delete(folder, recursive: true);
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; assertions need the reports delivered before they run.</summary>
    private sealed class SyncProgress(Action<CrawlSummary> report) : IProgress<CrawlSummary>
    {
        public void Report(CrawlSummary value) => report(value);
    }
}
