using System.Globalization;
using Openness.Core.Snapshots;

namespace Openness.Crawler.Fetching;

/// <summary>
/// Auto mode: fetch over HTTP, and render in the browser only when the page needs it — the caller forces it or asks
/// for a screenshot, the unit's hint matches, or <see cref="ScriptNeedDetector"/> finds the content is built by
/// script. Most government pages are static, so most pages never pay for the browser.
/// </summary>
public sealed class AutoFetcher(IPageFetcher http, IPageFetcher browser, Func<Uri, bool>? browserHint = null) : IPageFetcher
{
    public async Task<FetchedPage> FetchAsync(FetchRequest request, FetchScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var httpPage = await http.FetchAsync(request, scope, cancellationToken).ConfigureAwait(false);
        var reason = BrowserReason(request, httpPage);
        if (reason is null)
            return httpPage;

        FetchedPage rendered;
        try
        {
            rendered = await browser.FetchAsync(request, scope, cancellationToken).ConfigureAwait(false);
        }
        catch (BrowserUnavailableException ex)
        {
            return WithNote(httpPage, "browser-failed", ex.Message);
        }

        if (!rendered.Outcome.Succeeded && httpPage.Outcome.Succeeded)
            return WithNote(httpPage, "browser-failed", $"{rendered.Outcome.Error}: {rendered.Outcome.Message}");

        var notes = new Dictionary<string, string>(rendered.Notes)
        {
            ["rendered-because"] = reason,
            ["http-elapsed-s"] = httpPage.Outcome.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            ["http-status"] = httpPage.Outcome.Status?.ToString(CultureInfo.InvariantCulture) ?? httpPage.Outcome.Error.ToString(),
        };
        return rendered with { Notes = notes };
    }

    public async ValueTask DisposeAsync()
    {
        await http.DisposeAsync().ConfigureAwait(false);
        await browser.DisposeAsync().ConfigureAwait(false);
    }

    private string? BrowserReason(FetchRequest request, FetchedPage httpPage)
    {
        if (request.ForceBrowser)
            return "forced by the caller";
        if (request.Screenshot)
            return "screenshot requested";
        if (browserHint?.Invoke(request.Url) == true)
            return "unit hint";
        if (!httpPage.Outcome.Succeeded || httpPage.Html is null || !IsHtml(httpPage.ContentType))
            return null;
        return ScriptNeedDetector.NeedsScript(httpPage.Html, httpPage.FinalUrl, out var why) ? why : null;
    }

    private static bool IsHtml(string? contentType) =>
        contentType is null ||
        contentType.Contains("html", StringComparison.OrdinalIgnoreCase);

    private static FetchedPage WithNote(FetchedPage page, string key, string value) =>
        page with { Notes = new Dictionary<string, string>(page.Notes) { [key] = value } };
}
