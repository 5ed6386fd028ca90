using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using NUnit.Framework;
using Openness.Crawler.Fetching;
using static Openness.Crawler.Tests.Browser.BrowserEnvironment;

namespace Openness.Crawler.Tests.Browser;

/// <summary>
/// The page-side count the browser fetcher reads when its proxy goes quiet: a script's request that the proxy has not
/// seen yet must still hold the capture back. Run on a bare Playwright page so the count is seen on its own.
/// </summary>
[TestFixture]
public sealed class PendingScriptRequestsTests
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Options.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>A page of a fresh context carrying the fetcher's init script, navigated to <paramref name="path"/> on the test site.</summary>
    private async Task<IPage> OpenAsync(string path, WaitUntilState waitUntil)
    {
        var context = await _browser.NewContextAsync();
        await context.AddInitScriptAsync(PendingScriptRequests.InitScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Site.Url(path).AbsoluteUri, new() { WaitUntil = waitUntil });
        return page;
    }

    [Test]
    public async Task Script_requests_count_until_answered_or_failed()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Site.Html("/pending/index.html", """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body><ul id="rows"></ul>
            <script>
              fetch('/pending/by-fetch').then(r => r.text());
              var x = new XMLHttpRequest(); x.open('GET', '/pending/by-xhr'); x.send();
              fetch('http://127.0.0.1:1/refused').catch(function () {});
            </script></body></html>
            """);
        foreach (var path in new[] { "/pending/by-fetch", "/pending/by-xhr" })
            Site.Handle(path, async context =>
            {
                await release.Task.WaitAsync(TimeSpan.FromSeconds(20));
                await context.Response.WriteAsync("[]");
            });

        var page = await OpenAsync("/pending/index.html", WaitUntilState.DOMContentLoaded);

        // The refused request fails on its own; the two held ones stay unanswered.
        var held = await EventuallyAsync(page, n => n == 2);
        Assert.That(held, Is.EqualTo(2), "a fetch and an XHR the server has not answered");

        release.SetResult();
        Assert.That(await EventuallyAsync(page, n => n == 0), Is.Zero, "both answered");
    }

    [Test]
    public async Task A_short_timer_counts_until_it_runs_and_a_re_arming_one_stops_counting()
    {
        Site.Html("/pending/timers.html", """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
            <script>
              setTimeout(function () { window.ran = true; }, 700);
              setTimeout(function () {}, 5000); // a slow timer is not waited for
              function tick() { setTimeout(tick, 20); } // an animation re-arming itself
              tick();
            </script></body></html>
            """);
        var page = await OpenAsync("/pending/timers.html", WaitUntilState.Load);

        await Task.Delay(150); // the animation's third timer, the first not counted, is set within ~60 ms
        // Both read in one evaluation, so the 700 ms timer cannot run between them.
        var seen = await page.EvaluateAsync<int[]>("() => [window.__opennessPendingRequests, window.ran === true ? 1 : 0]");
        Assert.That(seen[0], Is.EqualTo(seen[1] == 1 ? 0 : 1), "the 700 ms timer counts until it has run; the animation does not");
        Assert.That(await EventuallyAsync(page, n => n == 0), Is.Zero, "once it has run nothing is pending");
        Assert.That(await page.EvaluateAsync<bool>("() => window.ran === true"), Is.True);
    }

    private static async Task<int> EventuallyAsync(IPage page, Func<int, bool> done)
    {
        int count = -1;
        for (int i = 0; i < 100; i++)
        {
            count = await PendingScriptRequests.ReadAsync(page, TimeSpan.FromSeconds(5));
            if (done(count)) break;
            await Task.Delay(50);
        }
        return count;
    }
}
