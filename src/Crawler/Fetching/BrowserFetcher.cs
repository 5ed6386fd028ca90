using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Openness.Core.Snapshots;

namespace Openness.Crawler.Fetching;

/// <summary>
/// Renders pages in Debian Chromium through Playwright, as an assessor's browser would show them. Chromium starts on
/// first use; a small pool of pages in one shared context is reused across fetches (a new page per URL costs about
/// three times as much), and each fetch's scope is enforced by the page's request routing.
/// </summary>
public sealed class BrowserFetcher : IPageFetcher
{
    public const int DefaultPagePoolSize = 4;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    private readonly CrawlerOptions _options;
    private readonly BrowserAddressGuard _guard = new();
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly SemaphoreSlim _pagePermits;
    private readonly ConcurrentBag<BrowserPageSlot> _idle = [];
    private IPlaywright? _playwright;
    private volatile IBrowser? _browser;
    private volatile IBrowserContext? _context;
    private int _pagesCreated;
    private bool _disposed;

    public BrowserFetcher(CrawlerOptions options, int pagePoolSize = DefaultPagePoolSize)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(pagePoolSize, 1);
        _options = options;
        PagePoolSize = pagePoolSize;
        _pagePermits = new SemaphoreSlim(pagePoolSize, pagePoolSize);
    }

    /// <summary>Most pages open at once; fetches beyond it wait for a page to come free.</summary>
    public int PagePoolSize { get; }

    /// <summary>Browser pages opened so far (the pool's pages plus replacements for crashed ones).</summary>
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
        if (!scope.AllowPrivateAddresses && await _guard.IsBlockedAsync(request.Url.Host, cancellationToken).ConfigureAwait(false))
            return Failed(request, BrowserOutcomes.Refused(PageErrorKind.BlockedAddress,
                $"目标地址为内网或本机地址，已阻止（blocked private/loopback address）：{request.Url.Host}", clock.Elapsed));

        var context = await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        await _pagePermits.WaitAsync(cancellationToken).ConfigureAwait(false);
        BrowserPageSlot? slot = null;
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                slot = await RentSlotAsync(context).ConfigureAwait(false);
                var lease = new BrowserFetchLease(request, scope);
                slot.Begin(lease);
                FetchedPage page;
                var navigation = new BrowserNavigation(slot.Page, lease, _options);
                try
                {
                    page = await navigation.RunAsync(clock, cancellationToken).ConfigureAwait(false);
                    if (navigation.PageStuck)
                        slot.MarkBroken();
                }
                finally
                {
                    await slot.EndAsync().ConfigureAwait(false);
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
        _playwright?.Dispose();
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
        if (_context is not null)
            return _context;
        await _startLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_context is not null)
                return _context;
            if (!File.Exists(_options.ChromiumPath))
                throw new BrowserUnavailableException(
                    $"Chromium not found at '{_options.ChromiumPath}'. Install it with `apt-get install -y chromium fonts-wqy-microhei` " +
                    "or set ChromiumPath; the crawler never downloads a browser.");
            try
            {
                _playwright ??= await Playwright.CreateAsync().ConfigureAwait(false);
                _browser = await _playwright.Chromium.LaunchAsync(new()
                {
                    ExecutablePath = _options.ChromiumPath,
                    Headless = true,
                    Args = ChromiumArgs,
                }).ConfigureAwait(false);
                // If Chromium dies (OOM on a huge page), start a new one on the next fetch rather than fail forever.
                var browser = _browser;
                browser.Disconnected += (_, _) => ForgetBrowser(browser);
                _context = await _browser.NewContextAsync(new()
                {
                    UserAgent = _options.UserAgent,
                    Locale = "zh-CN",
                    TimezoneId = "Asia/Shanghai",
                    ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
                    AcceptDownloads = false,
                    // Service workers would answer requests without passing through routing.
                    ServiceWorkers = ServiceWorkerPolicy.Block,
                }).ConfigureAwait(false);
                _context.Page += OnContextPage;
                return _context;
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
        var slot = await BrowserPageSlot.CreateAsync(context, _options, _guard).ConfigureAwait(false);
        Interlocked.Increment(ref _pagesCreated);
        return slot;
    }

    private async Task ReturnSlotAsync(BrowserPageSlot slot)
    {
        if (slot.IsUsable && !_disposed)
            _idle.Add(slot);
        else
            await DiscardAsync(slot).ConfigureAwait(false);
    }

    private async Task DiscardAsync(BrowserPageSlot slot)
    {
        await slot.CloseAsync().ConfigureAwait(false);
    }

    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
