using NUnit.Framework;
using Openness.Core.Snapshots;
using Openness.Crawler.Fetching;
using static Openness.Crawler.Tests.Browser.BrowserEnvironment;

namespace Openness.Crawler.Tests.Browser;

/// <summary>
/// DNS rebinding: the name answers one way when we check it and another way when the browser connects. Here
/// Chromium's own resolver is made to map the unit's host to 127.0.0.1 (what a rebinding DNS server would answer on
/// the second lookup) while the system resolver we check with has no such name. A browser that resolves for itself
/// would load the loopback site; ours only talks through its proxy, which resolves once, with our policy.
/// </summary>
[TestFixture]
public sealed class BrowserRebindingTests
{
    private const string RebindHost = "portal.rebind.invalid";

    [Test]
    public async Task Chromium_own_lookup_cannot_lead_the_page_to_a_private_address()
    {
        Site.Html("/rebind/index.html", "<html><body>本机内网页面</body></html>");
        await using var fetcher = new BrowserFetcher(Options, pagePoolSize: 1,
            extraChromiumArgs: [$"--host-resolver-rules=MAP {RebindHost} 127.0.0.1, EXCLUDE 127.0.0.1"]);
        var url = new Uri($"http://{RebindHost}:{Site.BaseUrl.Port}/rebind/index.html");
        var strict = new FetchScope(new HashSet<string> { RebindHost }, AllowPrivateAddresses: false);

        var page = await fetcher.FetchAsync(new FetchRequest { Url = url }, strict, CancellationToken.None);

        Assert.That(Site.CountRequests("/rebind/index.html"), Is.Zero, "the loopback site was reached through Chromium's own lookup");
        Assert.That(page.Outcome.Succeeded, Is.False);
        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.DnsFailure), page.Outcome.Message);
        Assert.That(page.Html, Is.Null);
    }

    [Test]
    public async Task Script_requests_are_resolved_by_the_proxy_too()
    {
        // The page itself is fine; its script asks for a host that Chromium's resolver would send to loopback.
        await using var fetcher = new BrowserFetcher(Options, pagePoolSize: 1,
            extraChromiumArgs: [$"--host-resolver-rules=MAP {RebindHost} 127.0.0.1, EXCLUDE 127.0.0.1"]);
        Site.Html("/rebind/script.html", $$"""
            <!DOCTYPE html><html><body><p id="r">等待</p>
            <script>fetch('http://{{RebindHost}}:{{OtherHost.BaseUrl.Port}}/rebind/secret').then(r => r.text())
              .then(t => document.getElementById('r').textContent = t, () => document.getElementById('r').textContent = '失败');</script>
            </body></html>
            """);
        OtherHost.Content("/rebind/secret", "内网数据", "text/plain; charset=utf-8");
        var scope = new FetchScope(new HashSet<string> { Site.HostAndPort, RebindHost }, AllowPrivateAddresses: true);

        var page = await fetcher.FetchAsync(new FetchRequest { Url = Site.Url("/rebind/script.html") }, scope, CancellationToken.None);

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(OtherHost.CountRequests("/rebind/secret"), Is.Zero);
        Assert.That(page.Html, Does.Contain("失败").And.Not.Contain("内网数据"));
    }
}
