using System.Text.RegularExpressions;

namespace Openness.Rules.SiteModel.Extraction;

/// <summary>URL arithmetic the builder needs: resolving links, and one key per column whatever page of it was fetched.</summary>
public static partial class UrlKeys
{
    [GeneratedRegex(@"^(index|default|list|nlist|more)(_\d+)?\.(s?html?|jsp|aspx?|php)$", RegexOptions.IgnoreCase)]
    private static partial Regex ListPageFile();

    // TRS ./YYYYMM/tYYYYMMDD_<id>.html, Hanweb /art/Y/M/D/art_<col>_<id>.html, gov.cn content_NNN.htm, generic ?docId=.
    [GeneratedRegex(@"(/t\d{8}_\d+\.[a-z]+$)|(/art_\d+_\d+\.html?$)|(content_\d+\.s?html?$)|([?&](docid|articleid|contentid|infoid)=)", RegexOptions.IgnoreCase)]
    private static partial Regex DocumentUrl();

    // Parameters that select a page of one list, not another list. Hanweb JCMS pagers also carry the list module's
    // unit id (`?uid=230017&pageNum=2`), which names the same column.
    private static readonly HashSet<string> PagingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "page", "pageindex", "pageno", "pagenum", "curpage", "currentpage", "startrecord", "endrecord", "perpage", "p", "pn",
        "uid",
    };

    private static readonly string[] AttachmentExtensions =
        [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".ofd", ".zip", ".rar", ".7z", ".txt", ".et", ".ppt", ".pptx", ".csv"];

    /// <summary>An absolute http(s) URL for <paramref name="href"/> seen on <paramref name="baseUrl"/>, or null (javascript:, mailto:, #).</summary>
    public static string? Resolve(string baseUrl, string? href)
    {
        if (string.IsNullOrWhiteSpace(href)) return null;
        href = href.Trim();
        if (href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
            || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || href.Contains("{{")) return null;
        if (BaseUri(baseUrl) is not { } b) return null;
        var resolved = _resolved ??= new Dictionary<string, string?>(StringComparer.Ordinal);
        if (resolved.TryGetValue(href, out var known)) return known;
        string? result = null;
        if (Uri.TryCreate(b, href, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)) result = Normalize(u.AbsoluteUri);
        return resolved[href] = result;
    }

    // Every link of a page resolves against the same base, and the same URLs come back on every page (menus,
    // breadcrumbs): parsing them once per thread keeps the rules stage near the cost of the parse itself.
    [ThreadStatic] private static string? _lastBase;
    [ThreadStatic] private static Uri? _lastBaseUri;
    [ThreadStatic] private static Dictionary<string, string?>? _resolved;
    [ThreadStatic] private static Dictionary<string, string>? _columnKeys;
    private const int ColumnKeyCacheSize = 8192;

    private static Uri? BaseUri(string baseUrl)
    {
        if (!ReferenceEquals(baseUrl, _lastBase) && baseUrl != _lastBase)
        {
            _lastBaseUri = Uri.TryCreate(baseUrl, UriKind.Absolute, out var b) ? b : null;
            _lastBase = baseUrl;
            _resolved?.Clear();
        }
        return _lastBaseUri;
    }

    /// <summary>The URL without its fragment.</summary>
    public static string Normalize(string url)
    {
        var hash = url.IndexOf('#');
        return hash >= 0 ? url[..hash] : url;
    }

    /// <summary>
    /// The key shared by all list pages of one column: index.html, index_3.html and the folder itself are one column,
    /// and paging parameters (?page=2) are dropped.
    /// </summary>
    public static string ColumnKey(string url)
    {
        var cache = _columnKeys ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (cache.TryGetValue(url, out var known)) return known;
        if (cache.Count >= ColumnKeyCacheSize) cache.Clear();
        return cache[url] = ComputeColumnKey(url);
    }

    private static string ComputeColumnKey(string url)
    {
        if (!Uri.TryCreate(Normalize(url), UriKind.Absolute, out var u)) return url;
        var path = u.AbsolutePath;
        var slash = path.LastIndexOf('/');
        if (slash >= 0 && ListPageFile().IsMatch(path[(slash + 1)..])) path = path[..(slash + 1)];
        // /xxgk/zcjd and /xxgk/zcjd/ are one folder (servers redirect the first to the second).
        else if (slash >= 0 && path.Length > slash + 1 && !path[(slash + 1)..].Contains('.')) path += "/";
        var query = string.Join("&", u.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !PagingParameters.Contains(p.Split('=')[0])));
        var host = u.IsDefaultPort ? u.Host.ToLowerInvariant() : $"{u.Host.ToLowerInvariant()}:{u.Port}";
        return $"{u.Scheme}://{host}{path}{(query.Length > 0 ? "?" + query : "")}";
    }

    public static bool LooksLikeDocument(string url) => DocumentUrl().IsMatch(Normalize(url));

    /// <summary>A folder or index page: the URL of a column, not of one document.</summary>
    public static bool LooksLikeColumn(string url)
    {
        if (LooksLikeDocument(url) || IsAttachment(url)) return false;
        var key = ColumnKey(url);
        if (key.EndsWith('/')) return true;
        // An extensionless last segment (/xxgk/zcjd) is a folder the server redirects to its index.
        return Uri.TryCreate(key, UriKind.Absolute, out var u) && u.Query.Length == 0 && !u.Segments[^1].Contains('.');
    }

    public static bool IsAttachment(string url)
    {
        var path = PathOf(url) ?? (Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.AbsolutePath : url);
        return AttachmentExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The path of an absolute http(s) URL as <see cref="Resolve"/> gives it (already escaped, so it equals
    /// <see cref="Uri.AbsolutePath"/>), without building a Uri; null for anything else.
    /// </summary>
    private static string? PathOf(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme is not (4 or 5) || !url.StartsWith("http", StringComparison.OrdinalIgnoreCase)) return null;
        var slash = url.IndexOf('/', scheme + 3);
        if (slash < 0) return "/";
        var end = url.IndexOfAny(['?', '#'], slash);
        return end < 0 ? url[slash..] : url[slash..end];
    }

    /// <summary>The portal's key: its folder, so / and /index.html are the same page.</summary>
    public static string PageKey(string url) => ColumnKey(url);
}
