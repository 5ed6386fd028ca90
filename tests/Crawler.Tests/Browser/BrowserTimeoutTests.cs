using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using Openness.Core.Snapshots;
using Openness.Crawler.Fetching;
using static Openness.Crawler.Tests.Browser.BrowserEnvironment;

namespace Openness.Crawler.Tests.Browser;

/// <summary>Slow sites, with a fetcher whose timeouts are short enough to test.</summary>
[TestFixture]
public sealed class BrowserTimeoutTests
{
    private BrowserFetcher _fetcher = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _fetcher = new BrowserFetcher(Options with { RequestTimeout = TimeSpan.FromSeconds(1.5), BrowserNetworkIdleCap = TimeSpan.FromSeconds(0.5) }, pagePoolSize: 1);
        Site.Handle("/slow/never.html", Slow);
        Site.Handle("/slow/frame.html", Slow);
        Site.Html("/slow/with-hanging-frame.html", """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body><h1>部门文件</h1>
            <iframe src="/slow/frame.html"></iframe></body></html>
            """);
        Site.Html("/slow/busy.html", "<!DOCTYPE html><html><body><p>死循环</p><script>while (true) {}</script></body></html>");
        Site.Html("/slow/after.html", "<!DOCTYPE html><html><body>恢复正常</body></html>");
    }

    [OneTimeTearDown]
    public async Task Stop() => await _fetcher.DisposeAsync();

    private static async Task Slow(HttpContext context)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            await context.Response.WriteAsync("<html><body>太慢了</body></html>");
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as it should.
        }
    }

    [Test]
    public async Task Page_that_never_answers_is_a_timeout()
    {
        var page = await _fetcher.FetchAsync(new FetchRequest { Url = Site.Url("/slow/never.html") }, Scope, CancellationToken.None);

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.Timeout), page.Outcome.Message);
        Assert.That(page.Outcome.Message, Does.Contain("超时"));
        Assert.That(page.Outcome.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task Document_that_arrived_is_kept_when_a_frame_holds_up_load()
    {
        var page = await _fetcher.FetchAsync(new FetchRequest { Url = Site.Url("/slow/with-hanging-frame.html") }, Scope, CancellationToken.None);

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Html, Does.Contain("部门文件"));
        Assert.That(page.Notes, Does.ContainKey("load-timeout"));
    }

    [Test]
    public async Task Script_that_never_yields_is_a_browser_error_and_the_pool_recovers()
    {
        var page = await _fetcher.FetchAsync(new FetchRequest { Url = Site.Url("/slow/busy.html") }, Scope, CancellationToken.None);
        var after = await _fetcher.FetchAsync(new FetchRequest { Url = Site.Url("/slow/after.html") }, Scope, CancellationToken.None);

        Assert.That(page.Outcome.Succeeded, Is.False);
        Assert.That(page.Outcome.Error, Is.AnyOf(PageErrorKind.BrowserError, PageErrorKind.Timeout), page.Outcome.Message);
        Assert.That(after.Outcome.Succeeded, Is.True, after.Outcome.Message);
        Assert.That(after.Html, Does.Contain("恢复正常"));
    }

    [Test]
    public async Task Cancelled_fetch_throws_and_the_page_is_usable_afterwards()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.That(async () => await _fetcher.FetchAsync(new FetchRequest { Url = Site.Url("/slow/never.html") }, Scope, cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());
        var after = await _fetcher.FetchAsync(new FetchRequest { Url = Site.Url("/slow/after.html") }, Scope, CancellationToken.None);

        Assert.That(after.Outcome.Succeeded, Is.True, after.Outcome.Message);
        Assert.That(after.Html, Does.Contain("恢复正常"));
    }
}
