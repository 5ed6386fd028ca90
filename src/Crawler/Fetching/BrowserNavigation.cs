using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Openness.Core.Snapshots;

namespace Openness.Crawler.Fetching;

/// <summary>One fetch on a rented page: navigate, let scripts settle, capture the DOM (and a screenshot).</summary>
internal sealed class BrowserNavigation(IPage page, BrowserFetchLease lease, CrawlerOptions options)
{
    private readonly Dictionary<string, string> _notes = new();

    /// <summary>The page stopped answering (a script that never yields): it must not be reused.</summary>
    public bool PageStuck { get; private set; }

    public async Task<FetchedPage> RunAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        var request = lease.Request;
        IResponse? response = null;
        try
        {
            response = await page.GotoAsync(request.Url.AbsoluteUri, new()
            {
                WaitUntil = WaitUntilState.Load,
                Timeout = (float)options.RequestTimeout.TotalMilliseconds,
                Referer = request.Referrer,
            }).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (lease.MainStatus is not null)
        {
            // The document arrived but some script or frame kept "load" from firing: keep what rendered.
            _notes["load-timeout"] = BrowserFetcher.Seconds(options.RequestTimeout);
        }
        catch (TimeoutException)
        {
            return Finish(BrowserOutcomes.Timeout(options.RequestTimeout, clock.Elapsed), html: null, screenshot: null, response);
        }
        catch (PlaywrightException ex)
        {
            var outcome = lease.Refusal is { } refusal
                ? BrowserOutcomes.Refused(refusal.Kind, refusal.Message, clock.Elapsed)
                : BrowserOutcomes.FromNavigationError(ex.Message, clock.Elapsed);
            return Finish(outcome, html: null, screenshot: null, response);
        }

        // The proxy refused the page itself (out of scope, private address, too large): its stand-in answer is not the site's.
        if (lease.Refusal is { } refused)
            return Finish(BrowserOutcomes.Refused(refused.Kind, refused.Message, clock.Elapsed), html: null, screenshot: null, response);

        int status = lease.MainStatus ?? response?.Status ?? 0;
        if (status == 0)
            return Finish(BrowserOutcomes.Refused(PageErrorKind.BrowserError, "浏览器未收到页面响应（no main response）", clock.Elapsed), null, null, response);

        await WaitForNetworkIdleAsync(cancellationToken).ConfigureAwait(false);

        string? html = null;
        try
        {
            var dom = await BrowserDomCapture.CaptureAsync(page, options.MaxDomNodes, options.RequestTimeout).ConfigureAwait(false);
            html = dom.Html;
            _notes["dom-nodes"] = dom.Nodes.ToString(CultureInfo.InvariantCulture);
            if (dom.Inlined > 0)
                _notes["iframes-inlined"] = dom.Inlined.ToString(CultureInfo.InvariantCulture);
            if (dom.Truncated)
                _notes["dom-truncated"] = $"{dom.Nodes} elements > {options.MaxDomNodes}";
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            PageStuck = ex is TimeoutException;
            return Finish(BrowserOutcomes.Refused(PageErrorKind.BrowserError,
                $"无法读取渲染后的页面（DOM capture failed: {ex.Message.Split('\n')[0]}）", clock.Elapsed), null, null, response);
        }

        byte[]? screenshot = null;
        if (request.Screenshot)
        {
            try
            {
                screenshot = await page.ScreenshotAsync(new()
                {
                    FullPage = true,
                    Type = ScreenshotType.Png,
                    Timeout = (float)options.RequestTimeout.TotalMilliseconds,
                }).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                _notes["screenshot-failed"] = ex.Message.Split('\n')[0];
            }
        }

        return Finish(BrowserOutcomes.FromStatus(status, clock.Elapsed), html, screenshot, response);
    }

    // Lists filled by XHR appear after "load". Every request of the fetch passes through the crawler's proxy, so the
    // proxy's count of relayed requests says when the page has gone quiet; the page's own count of unanswered script
    // requests (read once the proxy is quiet) covers a request that has not reached the proxy yet; the cap bounds
    // pages that poll forever.
    private async Task WaitForNetworkIdleAsync(CancellationToken cancellationToken)
    {
        var cap = options.BrowserNetworkIdleCap;
        if (cap <= TimeSpan.Zero)
            return;
        var quiet = (long)options.BrowserQuietWindow.TotalMilliseconds;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            bool proxyQuiet = lease.InFlight == 0 && lease.QuietFor >= quiet;
            if (proxyQuiet && await PendingScriptRequests.ReadAsync(page, cap - waited.Elapsed + TimeSpan.FromSeconds(1)).ConfigureAwait(false) == 0)
                return;
            if (waited.Elapsed >= cap)
            {
                _notes["network-idle-cap-reached"] = BrowserFetcher.Seconds(cap);
                return;
            }
            var left = proxyQuiet || lease.InFlight > 0 ? 25 : Math.Clamp(quiet - lease.QuietFor, 5, 25);
            await Task.Delay(TimeSpan.FromMilliseconds(left), cancellationToken).ConfigureAwait(false);
        }
    }

    private FetchedPage Finish(PageOutcome outcome, string? html, byte[]? screenshot, IResponse? response)
    {
        if (lease.BlockedRequests > 0)
            _notes["blocked-requests"] = lease.BlockedRequests.ToString(CultureInfo.InvariantCulture);
        if (lease.BlockedAddresses > 0)
            _notes["blocked-addresses"] = lease.BlockedAddresses.ToString(CultureInfo.InvariantCulture);
        if (lease.SkippedAssets > 0)
            _notes["skipped-assets"] = lease.SkippedAssets.ToString(CultureInfo.InvariantCulture);
        _notes["browser-elapsed-s"] = BrowserFetcher.Seconds(outcome.Elapsed);

        var redirects = lease.Redirects.Count > 0 ? lease.Redirects : RedirectsSeenByChromium(response);
        var finalUrl = html is not null && Uri.TryCreate(page.Url, UriKind.Absolute, out var current) && current.Scheme is "http" or "https"
            ? current
            : redirects.LastOrDefault() ?? lease.Request.Url;
        return new FetchedPage
        {
            RequestedUrl = lease.Request.Url,
            FinalUrl = finalUrl,
            Mode = FetchMode.Browser,
            Outcome = outcome,
            ContentType = lease.MainContentType ?? ContentTypeOf(response),
            Html = html,
            Screenshot = screenshot,
            Notes = _notes,
            Redirects = redirects,
        };
    }

    // Through an HTTPS tunnel the proxy sees no redirects and no headers; Chromium's record of the chain is all there is.
    private static IReadOnlyList<Uri> RedirectsSeenByChromium(IResponse? response)
    {
        var hops = new List<Uri>();
        for (var request = response?.Request; request?.RedirectedFrom is not null; request = request.RedirectedFrom)
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var hop))
                hops.Insert(0, hop);
        }
        return hops;
    }

    private static string? ContentTypeOf(IResponse? response) =>
        response?.Headers.TryGetValue("content-type", out var type) == true ? type : null;
}
