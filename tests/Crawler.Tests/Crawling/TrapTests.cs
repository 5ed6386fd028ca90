using NUnit.Framework;
using Openness.Crawler.Crawling;
using Openness.Fixtures.Portals;
using static Openness.Crawler.Tests.Crawling.CrawlHarness;

namespace Openness.Crawler.Tests.Crawling;

public class TrapTests
{
    [Test]
    public async Task Calendar_deep_path_and_session_id_traps_stay_bounded()
    {
        var portal = PortalGenerator.Generate(new PortalSpec { Documents = 40, Traps = true });
        await using var h = await StartAsync(portal);
        // A generous depth budget: only the trap detector can stop the calendar and the deepening path.
        var summary = await h.CrawlAsync(FastOptions with { MaxDepth = 40 });

        var calendar = h.Server.CountPath("/hdjl/calendar.html");
        Assert.That(calendar, Is.InRange(2, 12), "a year of months at most");
        var deep = h.PageRequests.Count(r => r.Path.StartsWith("/ztzl/", StringComparison.Ordinal));
        Assert.That(deep, Is.EqualTo(2), "/ztzl/lj/ and /ztzl/lj/lj/; /lj/lj/lj/ is a repeating path");
        Assert.That(summary.SkippedBy[SkipReason.Trap], Is.GreaterThanOrEqualTo(2));
        Assert.That(h.Server.Requests.Where(r => r.Target.Contains("jsessionid", StringComparison.OrdinalIgnoreCase) || r.Target.Contains("utm_", StringComparison.Ordinal)), Is.Empty,
            "session ids and tracking parameters are stripped before fetching");
        Assert.That(portal.CrawlablePaths.Where(p => h.Server.CountPath(p) != 1), Is.Empty, "the real pages are all fetched once");
        Assert.That(h.Store.Pages(withHtml: false).Select(p => p.Url).Where(u => u.Contains("/ztzl/lj/lj/lj/")), Is.Empty);
    }

    [Test]
    public void Detector_flags_each_kind_of_trap()
    {
        var traps = new TrapDetector(maxQueriesPerPath: 50, maxCalendarStepsPerPath: 12);
        Assert.That(traps.Check(new Uri("http://x.gov.cn/a/b/c/d/e/f/g/h/i/j/k/l/m/n.html")), Does.StartWith("deep-path"));
        Assert.That(traps.Check(new Uri("http://x.gov.cn/a/b/a/b/index.html")), Does.StartWith("repeating-path"));
        Assert.That(traps.Check(new Uri("http://x.gov.cn/zwgk/zcwj/202611/t20261120_1.html")), Is.Null, "TRS date folders are not a calendar");
        Assert.That(traps.Check(new Uri("http://x.gov.cn/(S(lit3py55t21z5v55vlm25s55))/default.aspx")), Does.StartWith("session-id"));
        Assert.That(traps.Check(new Uri("http://x.gov.cn/list.do?token=9f86d081884c7d659a2feaa0c55ad015")), Does.StartWith("session-id"));

        var months = Enumerable.Range(0, 30).Select(i => DateOnly.FromDateTime(new DateTime(2026, 1, 1)).AddMonths(-i))
            .Select(d => traps.Check(new Uri($"http://x.gov.cn/cal.jsp?year={d.Year}&month={d.Month}"))).ToList();
        Assert.That(months.Take(12), Has.All.Null);
        Assert.That(months.Skip(12), Has.All.StartWith("calendar"));

        var pages = Enumerable.Range(1, 60).Select(i => traps.Check(new Uri($"http://x.gov.cn/list.jsp?cat={i}"))).ToList();
        Assert.That(pages.Take(50), Has.All.Null);
        Assert.That(pages.Skip(50), Has.All.StartWith("query-space"));
        Assert.That(traps.Check(new Uri("http://x.gov.cn/list.jsp?cat=3")), Is.Null, "a query already seen is not new");
    }
}

