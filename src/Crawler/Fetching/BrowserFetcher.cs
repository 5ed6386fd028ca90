using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Openness.Core.Snapshots;
using Openness.Crawler.Fetching.Proxy;

namespace Openness.Crawler.Fetching;

/// <summary>
/// Renders pages in Debian Chromium through Playwright, as an assessor's browser would show them. Chromium starts on
/// first use; a small pool of pages is reused across fetches (a new page per URL costs about three times as much).
/// The pages share one context whose only route out is an in-process forward proxy that enforces each fetch's scope
/// and address rules (see <see cref="BrowserPageSlot"/>); Chromium's own resolver is switched off.
/// </summary>
public sealed class BrowserFetcher : IPageFetcher
{
    public const int DefaultPagePoolSize = 4;

    /// <summary>The flags the benchmark's Crawlee peer gets too.</summary>
    public static readonly IReadOnlyList<string> BaseChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    // Every request goes to the proxy, so Chromium needs no resolver: with none, nothing can reach a site around the
    // proxy's checks (not WebRTC, not a bypass rule). Back-forward cache would keep each previous document alive.
    private static readonly string[] SafetyAndMemoryArgs =
    [
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--force-webrtc-ip-handling-policy", "--webrtc-ip-handling-policy=disable_non_proxied_udp",
        "--disable-features=BackForwardCache,Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions,SpareRendererForSitePerProcess",
        "--dns-prefetch-disable",
        // Memory, measured with bench/run-crawl.sh (2,000 pages, 8 pages open): at most two renderer processes, and
        // the pool's pages of one site share one (a site's pages still never share a process with another site's),
        // with no spare renderer started ahead: peak renderer PSS 400-520 MB -> 214-240 MB, tree 1.0-1.09 GB ->
        // 828 MB, same CPU per page. Low-end mode and a size-optimised V8 shrink each renderer's caches and heap.
        "--renderer-process-limit=2", "--process-per-site", "--enable-low-end-device-mode", "--js-flags=--optimize-for-size",
    ];

    // The Playwright driver is a Node process; a small young generation keeps its peak low (it holds no page bodies).
    private const string DriverNodeOptions = "--max-semi-space-size=1";

    private readonly CrawlerOptions _options;
    private readonly IReadOnlyList<string> _extraChromiumArgs;
    private readonly ProxyUpstream _upstream;
    private readonly ProxyLeases _leases = new();
    private BrowserProxy? _proxy;
    private volatile IBrowserContext? _context;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly SemaphoreSlim _pagePermits;
    private readonly ConcurrentBag<BrowserPageSlot> _idle = [];
    private IPlaywright? _playwright;
    private volatile IBrowser? _browser;
    private int _pagesCreated;
    private bool _disposed;

    public BrowserFetcher(CrawlerOptions options, int pagePoolSize = DefaultPagePoolSize)
        : this(options, pagePoolSize, extraChromiumArgs: [])
    {
    }

    /// <param name="extraChromiumArgs">Appended last, so they win over ours (tests use this to make Chromium's
    /// resolver lie, as a rebinding DNS server would).</param>
    internal BrowserFetcher(CrawlerOptions options, int pagePoolSize, IReadOnlyList<string> extraChromiumArgs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(pagePoolSize, 1);
        _options = options;
        _extraChromiumArgs = extraChromiumArgs;
        _upstream = new ProxyUpstream(options);
        PagePoolSize = pagePoolSize;
        _pagePermits = new SemaphoreSlim(pagePoolSize, pagePoolSize);
    }

    /// <summary>Most pages open at once; fetches beyond it wait for a page to come free.</summary>
    public int PagePoolSize { get; }

    /// <summary>Pool slots opened so far (the pool's pages plus replacements for crashed ones; recycling a worn page
    /// inside its slot does not count).</summary>
    public int PagesCreated => Volatile.Read(ref _pagesCreated);

    public async Task<FetchedPage> FetchAsync(FetchRequest request, FetchScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scope);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var clock = Stopwatch.StartNew();

        if (!request.Url.IsAbsoluteUri || request.Url.Scheme is not ("http" or "https"))
            return Failed(request, BrowserOutcomes.Refused(PageErrorKind.InvalidUrl, $"无效的网址（invalid URL）：{request.Url}", clock.Elapsed));
        if (!scope.Allows(request.Url))
            return Failed(request, BrowserOutcomes.Refused(PageErrorKind.OutOfScope, $"网址超出单位网站范围（out of scope）：{request.Url}", clock.Elapsed));
        var context = await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        await _pagePermits.WaitAsync(cancellationToken).ConfigureAwait(false);
        BrowserPageSlot? slot = null;
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                slot = await RentSlotAsync(context).ConfigureAwait(false);
                var lease = new BrowserFetchLease(request, scope);
                await slot.BeginAsync(lease).ConfigureAwait(false);
                FetchedPage? page = null;
                var navigation = new BrowserNavigation(slot.Page, lease, _options);
                try
                {
                    page = await navigation.RunAsync(clock, cancellationToken).ConfigureAwait(false);
                    if (navigation.PageStuck)
                        slot.MarkBroken();
                }
                finally
                {
                    await slot.EndAsync(rendered: page?.Html is not null).ConfigureAwait(false);
                }
                // A page that crashed under this fetch says nothing about the site: try once more on a fresh page.
                if (slot.IsUsable || navigation.PageStuck || attempt == 2 || page.Outcome.Error != PageErrorKind.BrowserError)
                    return page with { Outcome = page.Outcome with { Attempts = attempt } };
                await DiscardAsync(slot).ConfigureAwait(false);
                slot = null;
            }
        }
        finally
        {
            if (slot is not null)
                await ReturnSlotAsync(slot).ConfigureAwait(false);
            _pagePermits.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            if (_browser is not null)
                await _browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // Chromium already gone: nothing to close.
        }
        while (_idle.TryTake(out var slot))
            await slot.CloseAsync().ConfigureAwait(false);
        _playwright?.Dispose();
        if (_proxy is not null)
            await _proxy.DisposeAsync().ConfigureAwait(false);
        _upstream.Dispose();
        _startLock.Dispose();
        _pagePermits.Dispose();
    }

    private static FetchedPage Failed(FetchRequest request, PageOutcome outcome) => new()
    {
        RequestedUrl = request.Url,
        FinalUrl = request.Url,
        Mode = FetchMode.Browser,
        Outcome = outcome,
    };

    private async Task<IBrowserContext> EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (_context is { } running)
            return running;
        await _startLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_context is { } started)
                return started;
            if (!File.Exists(_options.ChromiumPath))
                throw new BrowserUnavailableException(
                    $"Chromium not found at '{_options.ChromiumPath}'. Install it with `apt-get install -y chromium fonts-wqy-microhei` " +
                    "or set ChromiumPath; the crawler never downloads a browser.");
            try
            {
                if (_playwright is null && Environment.GetEnvironmentVariable("NODE_OPTIONS") is null)
                    Environment.SetEnvironmentVariable("NODE_OPTIONS", DriverNodeOptions); // read by the driver it starts
                _playwright ??= await Playwright.CreateAsync().ConfigureAwait(false);
                var browser = await _playwright.Chromium.LaunchAsync(new()
                {
                    ExecutablePath = _options.ChromiumPath,
                    Headless = true,
                    Args = [.. BaseChromiumArgs, .. SafetyAndMemoryArgs, .. _extraChromiumArgs],
                }).ConfigureAwait(false);
                // If Chromium dies (OOM on a huge page), start a new one on the next fetch rather than fail forever.
                browser.Disconnected += (_, _) => ForgetBrowser(browser);
                _browser = browser;
                _proxy ??= new BrowserProxy(_leases, _upstream, _options);
                var context = await browser.NewContextAsync(new()
                {
                    UserAgent = _options.UserAgent,
                    Locale = "zh-CN",
                    TimezoneId = "Asia/Shanghai",
                    ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
                    AcceptDownloads = false,
                    // Service workers would answer requests from their own cache, past the proxy's checks.
                    ServiceWorkers = ServiceWorkerPolicy.Block,
                    Proxy = new Microsoft.Playwright.Proxy { Server = _proxy.Address },
                }).ConfigureAwait(false);
                await context.AddInitScriptAsync(PendingScriptRequests.InitScript).ConfigureAwait(false);
                context.Page += OnContextPage;
                _context = context;
                return context;
            }
            catch (PlaywrightException ex)
            {
                throw new BrowserUnavailableException(
                    $"Could not start Chromium at '{_options.ChromiumPath}': {ex.Message.Split('\n')[0]}. " +
                    "Check the install (`apt-get install -y chromium fonts-wqy-microhei`).", ex);
            }
        }
        finally
        {
            _startLock.Release();
        }
    }

    private void ForgetBrowser(IBrowser browser)
    {
        if (!ReferenceEquals(_browser, browser))
            return;
        _context = null;
        _browser = null;
        while (_idle.TryTake(out _)) { } // their pages died with the browser
    }

    // Pop-ups opened by a page's script (window.open, target=_blank clicks) are not part of the pool: close them.
    private void OnContextPage(object? sender, IPage page) => _ = Task.Run(async () =>
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

    private async Task<BrowserPageSlot> RentSlotAsync(IBrowserContext context)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.IsUsable)
                return idle;
            await DiscardAsync(idle).ConfigureAwait(false);
        }
        // Unguessable, so a page's script cannot pass itself off as another page (another unit's fetch) by header.
        var slot = await BrowserPageSlot.CreateAsync(context, _leases, Guid.NewGuid().ToString("N")).ConfigureAwait(false);
        Interlocked.Increment(ref _pagesCreated);
        return slot;
    }

    private async Task ReturnSlotAsync(BrowserPageSlot slot)
    {
        if (slot.IsUsable && !_disposed)
        {
            await slot.RecycleIfWornAsync().ConfigureAwait(false);
            _idle.Add(slot);
        }
        else
            await DiscardAsync(slot).ConfigureAwait(false);
    }

    private async Task DiscardAsync(BrowserPageSlot slot)
    {
        await slot.CloseAsync().ConfigureAwait(false);
    }

    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
