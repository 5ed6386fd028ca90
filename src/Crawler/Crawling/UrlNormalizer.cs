using System.Text;

namespace Openness.Crawler.Crawling;

/// <summary>
/// One spelling per page, so the frontier's primary key deduplicates: resolved against the page's base, lower-case
/// scheme and host, no default port, no fragment, no session ids or utm_* tracking, canonical percent-encoding.
/// Other query parameters and their order are kept: CMS list pages and search results depend on them.
/// </summary>
public static class UrlNormalizer
{
    private static readonly string[] SessionParams =
        ["jsessionid", "phpsessid", "sid", "sessionid", "session_id", "aspsessionid", "cfid", "cftoken"];

    private static readonly string[] IgnoredSchemes = ["javascript:", "mailto:", "tel:", "data:", "about:", "sms:", "ftp:", "file:"];

    /// <summary>Resolves an href found on a page; null for script/mail/tel links, fragments only, or garbage.</summary>
    public static Uri? Resolve(string? href, Uri baseUrl)
    {
        if (string.IsNullOrWhiteSpace(href)) return null;
        // Browsers strip tabs and newlines anywhere in a URL; CMS templates leave them inside hrefs.
        var cleaned = href.Trim().Replace("\t", "").Replace("\r", "").Replace("\n", "");
        if (cleaned.Length == 0 || cleaned[0] == '#') return null;
        foreach (var scheme in IgnoredSchemes)
            if (cleaned.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        if (!Uri.TryCreate(baseUrl, cleaned, out var resolved)) return null;
        return resolved.Scheme is "http" or "https" ? resolved : null;
    }

    public static string? Normalize(string? href, Uri baseUrl) =>
        Resolve(href, baseUrl) is { } uri ? Normalize(uri) : null;

    public static string Normalize(Uri url)
    {
        var sb = new StringBuilder(url.OriginalString.Length + 8);
        sb.Append(url.Scheme.ToLowerInvariant()).Append("://").Append(url.IdnHost.ToLowerInvariant());
        if (!url.IsDefaultPort) sb.Append(':').Append(url.Port);
        var path = StripPathSessions(url.AbsolutePath);
        sb.Append(path.Length == 0 ? "/" : CanonicalEscapes(path));
        var query = CleanQuery(url.Query);
        if (query.Length > 0) sb.Append('?').Append(query);
        return sb.ToString();
    }

    public static Uri NormalizeUri(Uri url) => new(Normalize(url));

    public static bool IsSessionParam(string name)
    {
        foreach (var s in SessionParams)
            if (name.Equals(s, StringComparison.OrdinalIgnoreCase)) return true;
        return name.StartsWith("aspsessionid", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Removes <c>;jsessionid=...</c>-style path parameters (Java/PHP servlet URL rewriting).</summary>
    private static string StripPathSessions(string path)
    {
        var semi = path.IndexOf(';');
        if (semi < 0) return path;
        var segments = path.Split('/').Select(segment =>
        {
            var parts = segment.Split(';');
            return string.Join(';', parts.Take(1).Concat(parts.Skip(1).Where(p => !IsSessionParam(p.Split('=')[0]))));
        });
        return string.Join('/', segments);
    }

    private static string CleanQuery(string query)
    {
        if (query.Length <= 1) return "";
        var kept = new List<string>();
        foreach (var pair in query[1..].Split('&'))
        {
            if (pair.Length == 0) continue;
            var eq = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            if (IsSessionParam(name) || name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)) continue;
            kept.Add(CanonicalEscapes(pair));
        }
        return string.Join('&', kept);
    }

    /// <summary>Upper-case hex in escapes and decode escaped unreserved characters (RFC 3986 §6.2.2).</summary>
    private static string CanonicalEscapes(string s)
    {
        if (s.IndexOf('%') < 0) return s;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2]))
            {
                var value = Convert.ToInt32(s.Substring(i + 1, 2), 16);
                var c = (char)value;
                if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~') sb.Append(c);
                else sb.Append('%').Append(char.ToUpperInvariant(s[i + 1])).Append(char.ToUpperInvariant(s[i + 2]));
                i += 2;
            }
            else sb.Append(s[i]);
        }
        return sb.ToString();
    }
}
