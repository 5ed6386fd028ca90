using System.Net;
using Microsoft.Playwright;
using Openness.Core.Snapshots;

namespace Openness.Crawler.Fetching;

/// <summary>
/// One pooled browser page and its request routing. Every request the page makes passes through
/// <see cref="HandleRouteAsync"/>: out-of-scope hosts, non-public addresses and (without a screenshot) images, fonts
/// and media are aborted. Documents and XHR are fetched with redirects off and handed back to the browser, because
/// Playwright does not route redirect hops: that way each hop is checked against scope and address rules too.
/// </summary>
internal sealed class BrowserPageSlot
{
    private static readonly HashSet<string> AssetTypes = ["image", "font", "media"];
    private static readonly HashSet<string> CheckedHopTypes = ["document", "xhr", "fetch"];

    private readonly CrawlerOptions _options;
    private readonly BrowserAddressGuard _guard;
    private volatile BrowserFetchLease? _lease;

    private BrowserPageSlot(IPage page, CrawlerOptions options, BrowserAddressGuard guard)
    {
        Page = page;
        _options = options;
        _guard = guard;
    }

    public IPage Page { get; }

    public bool IsUsable => !Page.IsClosed && !Crashed;

    private bool Crashed { get; set; }

    public static async Task<BrowserPageSlot> CreateAsync(IBrowserContext context, CrawlerOptions options, BrowserAddressGuard guard)
    {
        var page = await context.NewPageAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        var slot = new BrowserPageSlot(page, options, guard);
        page.Crash += (_, _) => slot.Crashed = true;
        await page.RouteAsync("**/*", slot.HandleRouteAsync).ConfigureAwait(false);
        return slot;
    }

    public void Begin(BrowserFetchLease lease) => _lease = lease;

    /// <summary>Leaves the page blank so the last site's timers and pollers stop before the next unit uses it.</summary>
    public async Task EndAsync()
    {
        _lease = null;
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
        // Still showing the last site (routing already refuses all its requests): keep the page if it answers.
        if (!await RespondsAsync().ConfigureAwait(false))
            Crashed = true;
    }

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

    public void MarkBroken() => Crashed = true;

    /// <summary>Closes the page; a hung renderer may never confirm, so the wait is bounded.</summary>
    public async Task CloseAsync()
    {
        if (Page.IsClosed)
            return;
        try
        {
            await Page.CloseAsync(new() { RunBeforeUnload = false }).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // Already gone, or hung: the browser reclaims it on close.
        }
    }

    private async Task HandleRouteAsync(IRoute route)
    {
        var lease = _lease;
        try
        {
            if (lease is null)
            {
                await route.AbortAsync("blockedbyclient").ConfigureAwait(false); // idle page: nothing may load
                return;
            }
            var request = route.Request;
            bool isMain = request.IsNavigationRequest && request.Frame == Page.MainFrame;
            if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || !lease.Scope.Allows(url))
            {
                lease.CountBlockedRequest();
                if (isMain)
                    lease.Refuse(PageErrorKind.OutOfScope, $"访问超出单位网站范围，已阻止（out of scope）：{request.Url}");
                await route.AbortAsync("blockedbyclient").ConfigureAwait(false);
                return;
            }
            if (!lease.Request.Screenshot && AssetTypes.Contains(request.ResourceType))
            {
                lease.CountSkippedAsset();
                await route.AbortAsync("blockedbyclient").ConfigureAwait(false);
                return;
            }
            if (!lease.Scope.AllowPrivateAddresses && await _guard.IsBlockedAsync(url.Host, CancellationToken.None).ConfigureAwait(false))
            {
                lease.CountBlockedAddress();
                if (isMain)
                    lease.Refuse(PageErrorKind.BlockedAddress, $"目标地址为内网或本机地址，已阻止（blocked private/loopback address）：{url.Host}");
                await route.AbortAsync("addressunreachable").ConfigureAwait(false);
                return;
            }
            if (CheckedHopTypes.Contains(request.ResourceType))
                await FetchHopAsync(route, lease, url, isMain).ConfigureAwait(false);
            else
                await route.ContinueAsync().ConfigureAwait(false);
        }
        catch (PlaywrightException)
        {
            // The page navigated away or closed while this request was in flight: nothing left to route.
        }
        catch (Exception)
        {
            // An unrouted request would hang the page until the timeout; refuse it instead.
            try { await route.AbortAsync("failed").ConfigureAwait(false); } catch (PlaywrightException) { }
        }
    }

    private async Task FetchHopAsync(IRoute route, BrowserFetchLease lease, Uri url, bool isMain)
    {
        var fetchOptions = new RouteFetchOptions { MaxRedirects = 0, MaxRetries = 0, Timeout = (float)_options.RequestTimeout.TotalMilliseconds };
        if (isMain && lease.PendingForm is { } form)
        {
            lease.PendingForm = null;
            fetchOptions.Method = "POST";
            fetchOptions.PostData = System.Text.Encoding.UTF8.GetBytes(string.Join('&', form.Select(p => $"{WebUtility.UrlEncode(p.Key)}={WebUtility.UrlEncode(p.Value)}")));
            var headers = new Dictionary<string, string>(route.Request.Headers) { ["content-type"] = "application/x-www-form-urlencoded" };
            fetchOptions.Headers = headers;
        }

        IAPIResponse response;
        try
        {
            response = await route.FetchAsync(fetchOptions).ConfigureAwait(false);
        }
        catch (PlaywrightException ex)
        {
            await route.AbortAsync(BrowserOutcomes.AbortCodeFor(ex.Message)).ConfigureAwait(false);
            return;
        }
        catch (TimeoutException)
        {
            await route.AbortAsync("timedout").ConfigureAwait(false);
            return;
        }

        if (response.Status is >= 300 and < 400 && response.Headers.TryGetValue("location", out var location) &&
            Uri.TryCreate(url, location, out var target))
        {
            if (!lease.Scope.Allows(target))
            {
                lease.CountBlockedRequest();
                if (isMain)
                    lease.Refuse(PageErrorKind.OutOfScope, $"重定向到单位网站范围以外，已阻止（redirect out of scope）：{target}");
                await route.AbortAsync("blockedbyclient").ConfigureAwait(false);
                return;
            }
            if (isMain && !lease.AddRedirect(target, _options.MaxRedirects))
            {
                await route.AbortAsync("failed").ConfigureAwait(false);
                return;
            }
        }
        else if (isMain)
        {
            lease.MainStatus = response.Status;
            lease.MainContentType = response.Headers.TryGetValue("content-type", out var type) ? type : null;
            if (response.Headers.TryGetValue("content-length", out var length) && long.TryParse(length, out var bytes) &&
                bytes > _options.MaxResponseBytes)
            {
                lease.Refuse(PageErrorKind.TooLarge, $"页面过大（{bytes} bytes > {_options.MaxResponseBytes}）");
                await route.AbortAsync("failed").ConfigureAwait(false);
                return;
            }
        }
        await route.FulfillAsync(new() { Response = response }).ConfigureAwait(false);
    }
}
