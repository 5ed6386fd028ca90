using NUnit.Framework;
using Openness.Core.Snapshots;
using Openness.Crawler.Fetching;
using static Openness.Crawler.Tests.Browser.BrowserEnvironment;

namespace Openness.Crawler.Tests.Browser;

/// <summary>Auto mode with a real HTTP GET on one side and the real browser fetcher on the other.</summary>
[TestFixture]
public sealed class AutoFetcherTests
{
    private const string StaticList = """
        <!DOCTYPE html><html><head><meta charset="utf-8"><script src="/js/common.js"></script></head><body>
        <div class="news-list"><ul><li><a href="./202601/t20260110_1.html">政务公开工作要点</a></li></ul></div></body></html>
        """;

    private const string ScriptList = """
        <!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
        <ul class="xxgk-list" id="list"></ul>
        <script>
          fetch('/auto/api/list').then(r => r.json()).then(items => {
            document.getElementById('list').innerHTML = items.map(i => '<li><a href="' + i.u + '">' + i.t + '</a></li>').join('');
          });
        </script></body></html>
        """;

    [OneTimeSetUp]
    public void Serve()
    {
        Site.Html("/auto/static.html", StaticList);
        Site.Content("/js/common.js", "var site = 1;", "application/javascript");
        Site.Html("/auto/script.html", ScriptList);
        Site.Json("/auto/api/list", """[{"t":"2025年政府信息公开工作年度报告","u":"/nb/2025.html"}]""");
        Site.Content("/auto/data.json", """{"items":[]}""", "application/json");
    }

    // The browser fetcher is shared by all browser tests; the auto fetcher must not dispose it here.
    private static AutoFetcher Auto(PlainGetFetcher http, IPageFetcher? browser = null, Func<Uri, bool>? hint = null) =>
        new(http, browser ?? new SharedBrowser(), hint);

    [Test]
    public async Task Static_page_stays_http()
    {
        var http = new PlainGetFetcher();
        await using var auto = Auto(http);

        var page = await auto.FetchAsync(new FetchRequest { Url = Site.Url("/auto/static.html") }, Scope, CancellationToken.None);

        Assert.That(page.Mode, Is.EqualTo(FetchMode.Http));
        Assert.That(page.Html, Does.Contain("政务公开工作要点"));
        Assert.That(page.Notes, Does.Not.ContainKey("rendered-because"));
    }

    [Test]
    public async Task Page_built_by_script_is_rendered_in_the_browser_with_the_reason()
    {
        var http = new PlainGetFetcher();
        await using var auto = Auto(http);

        var page = await auto.FetchAsync(new FetchRequest { Url = Site.Url("/auto/script.html") }, Scope, CancellationToken.None);

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Mode, Is.EqualTo(FetchMode.Browser));
        Assert.That(page.Notes["rendered-because"], Does.Contain("fetch()").And.Contain("ul#list"));
        Assert.That(page.Notes, Does.ContainKey("http-elapsed-s"));
        Assert.That(page.Notes["http-status"], Is.EqualTo("200"));
        Assert.That(page.Html, Does.Contain("2025年政府信息公开工作年度报告"));
        Assert.That(http.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Screenshot_forced_browser_and_unit_hint_each_render()
    {
        var http = new PlainGetFetcher();
        await using var auto = Auto(http, hint: url => url.AbsolutePath.StartsWith("/auto/static", StringComparison.Ordinal) && url.Query == "?hinted");

        var shot = await auto.FetchAsync(new FetchRequest { Url = Site.Url("/auto/static.html"), Screenshot = true }, Scope, CancellationToken.None);
        var forced = await auto.FetchAsync(new FetchRequest { Url = Site.Url("/auto/static.html"), ForceBrowser = true }, Scope, CancellationToken.None);
        var hinted = await auto.FetchAsync(new FetchRequest { Url = Site.Url("/auto/static.html?hinted") }, Scope, CancellationToken.None);

        Assert.That(shot.Mode, Is.EqualTo(FetchMode.Browser));
        Assert.That(shot.Screenshot, Is.Not.Null);
        Assert.That(shot.Notes["rendered-because"], Is.EqualTo("screenshot requested"));
        Assert.That(forced.Mode, Is.EqualTo(FetchMode.Browser));
        Assert.That(forced.Notes["rendered-because"], Is.EqualTo("forced by the caller"));
        Assert.That(hinted.Mode, Is.EqualTo(FetchMode.Browser));
        Assert.That(hinted.Notes["rendered-because"], Is.EqualTo("unit hint"));
    }

    [Test]
    public async Task Non_html_content_is_not_rendered()
    {
        var http = new PlainGetFetcher();
        await using var auto = Auto(http);

        var page = await auto.FetchAsync(new FetchRequest { Url = Site.Url("/auto/data.json") }, Scope, CancellationToken.None);

        Assert.That(page.Mode, Is.EqualTo(FetchMode.Http));
    }

    [Test]
    public async Task Unavailable_browser_falls_back_to_the_http_page_with_a_note()
    {
        var http = new PlainGetFetcher();
        var brokenBrowser = new BrowserFetcher(Options with { ChromiumPath = "/nonexistent/chromium" });
        await using var auto = new AutoFetcher(http, brokenBrowser);

        var page = await auto.FetchAsync(new FetchRequest { Url = Site.Url("/auto/script.html") }, Scope, CancellationToken.None);

        Assert.That(page.Mode, Is.EqualTo(FetchMode.Http));
        Assert.That(page.Outcome.Succeeded, Is.True);
        Assert.That(page.Notes["browser-failed"], Does.Contain("/nonexistent/chromium"));
    }

    [Test]
    public async Task Browser_failure_after_http_success_keeps_the_http_page()
    {
        // HTTP may fetch it, but the browser's stricter scope (no private addresses) refuses the same page.
        var http = new PlainGetFetcher();
        await using var auto = Auto(http);
        var strict = new FetchScope(new HashSet<string> { Site.HostAndPort }, AllowPrivateAddresses: false);

        var page = await auto.FetchAsync(new FetchRequest { Url = Site.Url("/auto/script.html") }, strict, CancellationToken.None);

        Assert.That(page.Mode, Is.EqualTo(FetchMode.Http));
        Assert.That(page.Notes["browser-failed"], Does.Contain(nameof(PageErrorKind.BlockedAddress)));
    }

    /// <summary>Lends the fixture's browser fetcher without letting the auto fetcher close it.</summary>
    private sealed class SharedBrowser : IPageFetcher
    {
        public Task<FetchedPage> FetchAsync(FetchRequest request, FetchScope scope, CancellationToken cancellationToken) =>
            Fetcher.FetchAsync(request, scope, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
