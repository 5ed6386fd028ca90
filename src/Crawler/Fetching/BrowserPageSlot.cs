using Microsoft.Playwright;
using Openness.Crawler.Fetching.Proxy;

namespace Openness.Crawler.Fetching;

/// <summary>
/// One pooled browser page. Its only way out is the context's <see cref="BrowserProxy"/>, which knows the page's
/// current fetch by the slot id Chromium adds to each of its requests: out-of-scope hosts, non-public addresses and
/// (without a screenshot) images, fonts and media are refused there, each redirect hop comes back through it, and no
/// request passes through the Playwright driver. The page is replaced after <see cref="NavigationsPerPage"/> fetches
/// so its renderer's heap cannot grow for the whole night.
/// </summary>
internal sealed class BrowserPageSlot
{
    /// <summary>Fetches before the page (and with it, usually, its renderer process) is replaced by a fresh one.</summary>
    public const int NavigationsPerPage = 100;

    /// <summary>Fetches between two memory-pressure signals to the page's renderer.</summary>
    public const int NavigationsPerPurge = 20;

    private readonly IBrowserContext _context;
    private readonly ProxyLeases _leases;
    private readonly string _id;
    private BrowserFetchLease? _lease;
    private FetchScope? _shownScope;
    private int _navigations;
    private ICDPSession? _cdp;

    private BrowserPageSlot(IBrowserContext context, ProxyLeases leases, string id, IPage page)
    {
        _context = context;
        _leases = leases;
        _id = id;
        Page = page;
        Watch(page);
    }

    public IPage Page { get; private set; }

    public bool IsUsable => !Page.IsClosed && !Crashed;

    /// <summary>Pages this slot opened (the first, replacements after recycling).</summary>
    public int PagesOpened { get; private set; } = 1;

    private bool Crashed { get; set; }

    public static async Task<BrowserPageSlot> CreateAsync(IBrowserContext context, ProxyLeases leases, string id)
    {
        var page = await OpenPageAsync(context, id).ConfigureAwait(false);
        return new BrowserPageSlot(context, leases, id, page);
    }

    private static async Task<IPage> OpenPageAsync(IBrowserContext context, string id)
    {
        var page = await context.NewPageAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        try
        {
            await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { [ProxyLeases.SlotHeader] = id })
                .WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            return page;
        }
        catch
        {
            await ClosePageAsync(page).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts a fetch. A page still showing another unit's site goes blank first, so that site's timers and
    /// pollers stop before its requests could be judged by this unit's scope.</summary>
    public async Task BeginAsync(BrowserFetchLease lease)
    {
        if (_shownScope is not null && !_shownScope.Equals(lease.Scope) && !Crashed)
            await GoBlankAsync().ConfigureAwait(false);
        _shownScope = lease.Scope;
        _lease = lease;
        _leases.Begin(_id, lease);
    }

    /// <summary>Ends the fetch: its tunnels close. A page that rendered stays as it is, since the same unit's next
    /// fetch replaces it anyway (going blank after every fetch cost a quarter of browser mode's CPU); a page whose
    /// fetch failed goes blank, so an error page still committing cannot interrupt the next navigation.</summary>
    public async Task EndAsync(bool rendered)
    {
        var lease = _lease;
        _lease = null;
        _leases.End(_id);
        lease?.End();
        _navigations++;
        if (rendered && !Crashed && _navigations % NavigationsPerPurge == 0)
            await PurgeRendererAsync().ConfigureAwait(false);
        if (Crashed || rendered)
            return;
        await GoBlankAsync().ConfigureAwait(false);
        _shownScope = null;
    }

    /// <summary>
    /// Tells the page's renderer it is short of memory, as the OS would: Blink drops its resource and font caches
    /// and decoded images and V8 collects with memory reduction. Pooled renderers serve hundreds of pages a night
    /// and otherwise keep every cache they ever filled; a crawler that opens a fresh page per URL never has to.
    /// </summary>
    private async Task PurgeRendererAsync()
    {
        try
        {
            _cdp ??= await _context.NewCDPSessionAsync(Page).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            await _cdp.SendAsync("Memory.simulatePressureNotification", new Dictionary<string, object> { ["level"] = "critical" })
                .WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            _cdp = null; // the next purge tries a new session; a dead page is caught by its next fetch
        }
    }

    private async Task GoBlankAsync()
    {
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

    /// <summary>Replaces a page that has served <see cref="NavigationsPerPage"/> fetches.</summary>
    public async Task RecycleIfWornAsync()
    {
        if (_navigations < NavigationsPerPage || !IsUsable)
            return;
        var worn = Page;
        try
        {
            Page = await OpenPageAsync(_context, _id).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return; // keep the worn page; it still works
        }
        Watch(Page);
        _cdp = null;
        PagesOpened++;
        _navigations = 0;
        _shownScope = null;
        await ClosePageAsync(worn).ConfigureAwait(false);
    }

    public void MarkBroken() => Crashed = true;

    /// <summary>Closes the page; a hung renderer may never confirm, so the wait is bounded.</summary>
    public Task CloseAsync() => ClosePageAsync(Page);

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
}
