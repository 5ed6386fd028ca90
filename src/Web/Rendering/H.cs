using System.Globalization;
using System.Net;
using Openness.Rules.Findings;

namespace Openness.Web.Rendering;

/// <summary>
/// The only way text reaches the app's HTML: everything crawled or typed (titles, messages, names, reasons) goes
/// through <see cref="T"/>; links are emitted only for absolute http/https URLs and open with noopener noreferrer.
/// </summary>
public static class H
{
    public static string T(string? value) => WebUtility.HtmlEncode(value ?? "");

    /// <summary>A query-string or path component.</summary>
    public static string U(string? value) => Uri.EscapeDataString(value ?? "");

    public static string Points(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>In Beijing time, which is what offices read.</summary>
    public static string Time(DateTimeOffset? t) =>
        t?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A link to a crawled page (the unit's own site) in a new tab, with no opener or referrer handed over.</summary>
    public static string External(string? url, string? label = null)
    {
        var shown = T(label ?? url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return $"<span class=\"url\">{shown}</span>";
        return $"<a href=\"{T(uri.AbsoluteUri)}\" target=\"_blank\" rel=\"noopener noreferrer\">{shown}</a>";
    }

    public static string Status(FindingStatus s) =>
        $"<span class=\"s s-{Reporting.Labels.StatusCode(s)}\">{T(Reporting.Labels.Status(s))}</span>";
}
