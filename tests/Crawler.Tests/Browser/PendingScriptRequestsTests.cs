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

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Options.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync();
        await context.AddInitScriptAsync(PendingScriptRequests.InitScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Site.Url("/pending/index.html").AbsoluteUri, new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        // The refused request fails on its own; the two held ones stay unanswered.
        var held = await EventuallyAsync(page, n => n == 2);
        Assert.That(held, Is.EqualTo(2), "a fetch and an XHR the server has not answered");

        release.SetResult();
        Assert.That(await EventuallyAsync(page, n => n == 0), Is.Zero, "both answered");
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
