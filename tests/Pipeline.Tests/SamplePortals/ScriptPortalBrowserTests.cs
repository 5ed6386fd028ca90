using NUnit.Framework;
using Microsoft.Playwright;
using Openness.SamplePortals;

namespace Openness.Pipeline.Tests.SamplePortals;

/// <summary>The script-rendered department shows its items in a real browser (and none in its served HTML).</summary>
[TestFixture]
public sealed class ScriptPortalBrowserTests
{
    [Test]
    public async Task Chromium_renders_the_lists_the_html_does_not_contain()
    {
        var asOf = new DateOnly(2026, 3, 10);
        var expected = ExpectedSamples.Load(SampleRepo.Expected)["dept-script"];
        await using var host = await SamplePortalHost.StartAsync(SampleRepo.Portals, asOf);
        var baseUrl = host.BaseUrls["dept-script"];
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync();

        async Task<List<string>> Rows(string path)
        {
            await page.GotoAsync(new Uri(baseUrl, path.TrimStart('/')).ToString());
            await page.WaitForSelectorAsync("#list li");
            return [.. await page.Locator("#list li a").EvaluateAllAsync<string[]>("els => els.map(a => a.textContent)")];
        }

        var news = expected.Columns["work-news"];
        var first = await Rows(news.Path! + "index.html");
        var second = await Rows(news.Path! + "index.html?page=2");
        Assert.That(first.Count + second.Count, Is.EqualTo(news.Items));
        Assert.That(first.Intersect(second), Is.Empty);
        Assert.That(await page.Locator("#pager a").CountAsync(), Is.EqualTo(news.Pages - 1), "script pager links to the other pages");

        var inline = expected.Columns["service-guide"];
        Assert.That(await Rows(inline.Path!), Has.Count.EqualTo(inline.Items));

        // The column directory lives in a same-origin iframe.
        await page.GotoAsync(new Uri(baseUrl, "xxgk/").ToString());
        var frame = page.FrameLocator("#xxgk_nav");
        Assert.That(await frame.Locator("a[href='/xxgk/zcwj/']").CountAsync(), Is.EqualTo(1));

        // Hanweb: the jpage stand-in shows the embedded datastore 15 records to a page.
        var hanweb = ExpectedSamples.Load(SampleRepo.Expected)["dept-hanweb"].Columns["work-news"];
        await page.GotoAsync(new Uri(host.BaseUrls["dept-hanweb"], hanweb.Path!.TrimStart('/')).ToString());
        await page.WaitForSelectorAsync("ul.list li");
        Assert.That(await page.Locator("ul.list li").CountAsync(), Is.EqualTo(15));
        Assert.That(await page.Locator(".default_pgContainer a").CountAsync(), Is.EqualTo(hanweb.EmbeddedRecords / 15));
    }
}
