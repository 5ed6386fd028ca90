using Microsoft.Playwright;
using Openness.Storage;

namespace Openness.Reporting;

/// <summary>
/// The unit report as an A4 PDF, printed by Debian's Chromium through Playwright from the same HTML as
/// <see cref="UnitReportWriter"/> (its print stylesheet; the CJK font is fonts-wqy-microhei). One browser serves every
/// call and is started again if it dies, so a web app can keep one instance and call it per request. Each print gets
/// its own throw-away context with script disabled, offline, and every request aborted: the page fetches nothing.
/// </summary>
public sealed class UnitReportPdf : IAsyncDisposable
{
    public const string ContentType = "application/pdf";
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    // Page numbers in the bottom margin; Chromium fills the pageNumber/totalPages spans.
    private const string Footer =
        "<div style=\"font-size:8px;width:100%;text-align:center;color:#666;font-family:'WenQuanYi Micro Hei',sans-serif\">" +
        "第 <span class=\"pageNumber\"></span> 页 / 共 <span class=\"totalPages\"></span> 页</div>";

    private readonly string _chromiumPath;
    private readonly UnitReportWriter _writer;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly SemaphoreSlim _prints;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private int _launches;
    private bool _disposed;

    /// <param name="maxConcurrentPrints">prints running at once; more wait (each holds a page's memory in Chromium)</param>
    public UnitReportPdf(string chromiumPath = DefaultChromiumPath, UnitReportWriter? writer = null, int maxConcurrentPrints = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentPrints, 1);
        _chromiumPath = chromiumPath;
        _writer = writer ?? new UnitReportWriter();
        _prints = new SemaphoreSlim(maxConcurrentPrints, maxConcurrentPrints);
    }

    /// <summary>How many times Chromium was started (1 while it stays up, however many PDFs were printed).</summary>
    public int BrowserLaunches => Volatile.Read(ref _launches);

    public Task<byte[]> RenderAsync(UnitResult result, IReadOnlyList<UnitHistoryEntry>? history = null, CancellationToken ct = default) =>
        RenderHtmlAsync(_writer.Render(result, history), ct);

    /// <summary>Prints any self-contained HTML; nothing it references is fetched.</summary>
    public async Task<byte[]> RenderHtmlAsync(string html, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _prints.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var browser = await BrowserAsync(ct).ConfigureAwait(false);
                try
                {
                    return await PrintAsync(browser, html, ct).ConfigureAwait(false);
                }
                catch (PlaywrightException) when (attempt == 1)
                {
                    // Chromium died (a crash, the OOM killer) since the last print: start it again, once. Its
                    // disconnection can reach us a moment after the failed call.
                    if (browser.IsConnected) await Task.Delay(250, ct).ConfigureAwait(false);
                    if (browser.IsConnected) throw;
                }
            }
        }
        finally
        {
            _prints.Release();
        }
    }

    private static async Task<byte[]> PrintAsync(IBrowser browser, string html, CancellationToken ct)
    {
        var context = await browser.NewContextAsync(new()
        {
            JavaScriptEnabled = false,
            Offline = true,
            ServiceWorkers = ServiceWorkerPolicy.Block,
            AcceptDownloads = false,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        }).ConfigureAwait(false);
        try
        {
            await context.RouteAsync("**/*", route => route.AbortAsync("blockedbyclient")).ConfigureAwait(false);
            var page = await context.NewPageAsync().ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            await page.SetContentAsync(html, new() { WaitUntil = WaitUntilState.Load, Timeout = 60_000 }).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            return await page.PdfAsync(new()
            {
                Format = "A4",
                PrintBackground = true,
                PreferCSSPageSize = true,
                // Tagged for screen readers and clean text extraction; the outline gives the long report bookmarks (h1/h2).
                Tagged = true,
                Outline = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = "<span></span>",
                FooterTemplate = Footer,
                Margin = new() { Top = "14mm", Bottom = "16mm", Left = "12mm", Right = "12mm" },
            }).ConfigureAwait(false);
        }
        finally
        {
            if (browser.IsConnected)
            {
                try { await context.CloseAsync().ConfigureAwait(false); }
                catch (PlaywrightException) when (!browser.IsConnected) { /* died while closing: nothing left to close */ }
            }
        }
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } running) return running;
        await _startLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_browser is { IsConnected: true } started) return started;
            if (!File.Exists(_chromiumPath))
                throw new InvalidOperationException(
                    $"Chromium not found at '{_chromiumPath}': install it with `apt-get install -y chromium fonts-wqy-microhei`; the PDF export never downloads a browser.");
            try
            {
                _playwright ??= await Playwright.CreateAsync().ConfigureAwait(false);
                _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = _chromiumPath, Headless = true, Args = ChromiumArgs })
                    .ConfigureAwait(false);
            }
            catch (PlaywrightException ex)
            {
                throw new InvalidOperationException(
                    $"Could not start Chromium at '{_chromiumPath}' to print the PDF: {ex.Message.Split('\n')[0]}. " +
                    "Check the install (`apt-get install -y chromium fonts-wqy-microhei`).", ex);
            }
            Interlocked.Increment(ref _launches);
            return _browser;
        }
        finally
        {
            _startLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (_browser is not null) await _browser.CloseAsync().ConfigureAwait(false);
        _playwright?.Dispose();
    }
}
