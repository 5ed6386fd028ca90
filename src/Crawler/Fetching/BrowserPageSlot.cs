using Microsoft.Playwright;
using Openness.Crawler.Fetching.Proxy;

namespace Openness.Crawler.Fetching;

/// <summary>
/// One pooled browser page in its own browser context, whose only way out is the slot's <see cref="BrowserProxy"/>:
/// out-of-scope hosts, non-public addresses and (without a screenshot) images, fonts and media are refused there,
/// each redirect hop comes back through it, and no request passes through the Playwright driver. The page is replaced
/// after <see cref="NavigationsPerPage"/> fetches so its renderer's heap cannot grow for the whole night.
/// </summary>
internal sealed class BrowserPageSlot
{
    /// <summary>Fetches before the page (and with it, usually, its renderer process) is replaced by a fresh one.</summary>
    public const int NavigationsPerPage = 100;

    private readonly IBrowserContext _context;
    private readonly BrowserProxy _proxy;
    private volatile BrowserFetchLease? _lease;
    private int _navigations;

    private BrowserPageSlot(IBrowserContext context, BrowserProxy proxy, IPage page)
    {
        _context = context;
        _proxy = proxy;
        Page = page;
        Watch(page);
    }

    public IPage Page { get; private set; }

    public bool IsUsable => !Page.IsClosed && !Crashed;

    /// <summary>Pages this slot opened (the first, replacements after recycling).</summary>
    public int PagesOpened { get; private set; } = 1;

    private bool Crashed { get; set; }

    public static async Task<BrowserPageSlot> CreateAsync(IBrowser browser, CrawlerOptions options, ProxyUpstream upstream)
    {
        BrowserPageSlot? slot = null;
        var proxy = new BrowserProxy(() => slot?._lease, upstream, options);
        try
        {
            var context = await browser.NewContextAsync(new()
            {
                UserAgent = options.UserAgent,
                Locale = "zh-CN",
                TimezoneId = "Asia/Shanghai",
                ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
                AcceptDownloads = false,
                // Service workers would answer requests from their own cache, past the proxy's checks.
                ServiceWorkers = ServiceWorkerPolicy.Block,
                Proxy = new Microsoft.Playwright.Proxy { Server = proxy.Address },
            }).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            context.Page += OnContextPage;
            var page = await context.NewPageAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            slot = new BrowserPageSlot(context, proxy, page);
            return slot;
        }
        catch
        {
            await proxy.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Begin(BrowserFetchLease lease) => _lease = lease;

    /// <summary>Ends the fetch: its tunnels close, and the page goes blank so the last site's timers and pollers stop
    /// before the next unit uses it.</summary>
    public async Task EndAsync()
    {
        var lease = _lease;
        _lease = null;
        lease?.End();
        _navigations++;
        if (Crashed)
            return;
        // After a refused navigation Chromium is still committing its error page, which interrupts the first
        // attempts; that is not a broken page, so try again before giving the page up.
        for (int attempt = 0; attempt < 5 && IsUsable; attempt++)
        {
            try
            {
                await Page.GotoAsync("about:blank", new() { Timeout = 5_000 }).ConfigureAwait(false);
                return;
            }
            catch (PlaywrightException ex) when (ex.Message.Contains("interrupted", StringComparison.OrdinalIgnoreCase))
            {
                await Task.Delay(50 * (attempt + 1)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                break;
            }
        }
        // Still showing the last site (the proxy already refuses all its requests): keep the page if it answers.
        if (!await RespondsAsync().ConfigureAwait(false))
            Crashed = true;
    }

    /// <summary>Replaces a page that has served <see cref="NavigationsPerPage"/> fetches; the context and proxy stay.</summary>
    public async Task RecycleIfWornAsync()
    {
        if (_navigations < NavigationsPerPage || !IsUsable)
            return;
        var worn = Page;
        try
        {
            Page = await _context.NewPageAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return; // keep the worn page; it still works
        }
        Watch(Page);
        PagesOpened++;
        _navigations = 0;
        await ClosePageAsync(worn).ConfigureAwait(false);
    }

    public void MarkBroken() => Crashed = true;

    /// <summary>Closes the page, its context and its proxy; a hung renderer may never confirm, so the wait is bounded.</summary>
    public async Task CloseAsync()
    {
        try
        {
            await _context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // Already gone, or hung: the browser reclaims it on close.
        }
        await _proxy.DisposeAsync().ConfigureAwait(false);
    }

    private void Watch(IPage page) => page.Crash += (_, _) => Crashed = true;

    private async Task<bool> RespondsAsync()
    {
        if (!IsUsable)
            return false;
        try
        {
            return await Page.EvaluateAsync<int>("() => 1").WaitAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false) == 1;
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return false;
        }
    }

    private static async Task ClosePageAsync(IPage page)
    {
        try
        {
            await page.CloseAsync(new() { RunBeforeUnload = false }).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // Already gone, or hung: the context reclaims it on close.
        }
    }

    // Pop-ups opened by a page's script (window.open, target=_blank clicks) are not part of the pool: close them.
    private static void OnContextPage(object? sender, IPage page) => _ = Task.Run(async () =>
    {
        try
        {
            if (await page.OpenerAsync().ConfigureAwait(false) is not null && !page.IsClosed)
                await page.CloseAsync().ConfigureAwait(false);
        }
        catch (PlaywrightException)
        {
            // Already closed with its opener.
        }
    });
}
