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
        if (BaseOf(baseUrl) is not { } b) return null;
        var shared = _shared ??= new Dictionary<(string, string), string?>();
        var key = (b.ScopeOf(href), href);
        if (shared.TryGetValue(key, out var known)) return known;
        if (shared.Count >= SharedCacheSize) shared.Clear();
        string? result = null;
        if (Uri.TryCreate(b.Uri, href, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)) result = Normalize(u.AbsoluteUri);
        return shared[key] = result;
    }

    // Every link of a page resolves against the same base, and the same links come back on every page (menus,
    // breadcrumbs, footers): a link's resolution is kept per thread under the part of the base it depends on
    // (RFC 3986 §5.2), so /xxgk/ or ../../zcwj/ are resolved once per site or folder, not once per page.
    [ThreadStatic] private static string? _lastBase;
    [ThreadStatic] private static ResolutionBase? _lastResolutionBase;
    [ThreadStatic] private static Dictionary<(string Scope, string Href), string?>? _shared;
    [ThreadStatic] private static Dictionary<string, string>? _columnKeys;
    private const int ColumnKeyCacheSize = 8192;
    private const int SharedCacheSize = 65536;

    private static ResolutionBase? BaseOf(string baseUrl)
    {
        if (!ReferenceEquals(baseUrl, _lastBase) && baseUrl != _lastBase)
        {
            _lastResolutionBase = Uri.TryCreate(baseUrl, UriKind.Absolute, out var b) ? new ResolutionBase(b) : null;
            _lastBase = baseUrl;
        }
        return _lastResolutionBase;
    }

    /// <summary>A base URL and the parts of it a relative link can depend on.</summary>
    private sealed class ResolutionBase(Uri uri)
    {
        public Uri Uri { get; } = uri;
        private readonly string _authority = uri.GetLeftPart(UriPartial.Authority);
        private readonly string _folder = FolderOf(uri.GetLeftPart(UriPartial.Path));
        // Anything the rules below do not place depends on the whole base (its fragment never matters).
        private readonly string _whole = uri.GetLeftPart(UriPartial.Query);

        private static string FolderOf(string path) => path[..(path.LastIndexOf('/') + 1)];

        /// <summary>The part of this base that <paramref name="href"/> resolves against.</summary>
        public string ScopeOf(string href)
        {
            if (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                return "";
            if (href.StartsWith("//", StringComparison.Ordinal)) return Uri.Scheme;
            if (href.StartsWith('/')) return _authority;
            // A relative path (a.html, ./a, ../b/) replaces the base's last segment and query; one that starts with
            // ?, or holds a colon before its first slash (another scheme), or a backslash, is left to the whole base.
            var colon = href.IndexOf(':');
            var slash = href.IndexOf('/');
            if (href.StartsWith('?') || href.Contains('\\') || (colon >= 0 && (slash < 0 || colon < slash))) return _whole;
            return _folder;
        }
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
        var query = u.Query.Length <= 1 ? "" : string.Join("&", u.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
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
        // A key with a query, or whose last segment has an extension, is a page (decided without parsing it again).
        if (key.Contains('?') || (!key.Contains('%') && key.AsSpan(key.LastIndexOf('/') + 1).Contains('.'))) return false;
        // An extensionless last segment (/xxgk/zcjd) is a folder the server redirects to its index.
        return Uri.TryCreate(key, UriKind.Absolute, out var u) && u.Query.Length == 0 && !u.Segments[^1].Contains('.');
    }

    public static bool IsAttachment(string url)
    {
        var path = PathOf(url);
        if (path.IsEmpty) path = Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.AbsolutePath : url;
        var dot = path.LastIndexOf('.');
        if (dot < 0) return false;
        var extension = path[dot..];
        foreach (var e in AttachmentExtensions)
            if (extension.Equals(e, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>
    /// The path of an absolute http(s) URL as <see cref="Resolve"/> gives it (already escaped, so it equals
    /// <see cref="Uri.AbsolutePath"/>), without building a Uri; empty for anything else.
    /// </summary>
    private static ReadOnlySpan<char> PathOf(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme is not (4 or 5) || !url.StartsWith("http", StringComparison.OrdinalIgnoreCase)) return default;
        var slash = url.IndexOf('/', scheme + 3);
        if (slash < 0) return "/";
        var end = url.IndexOfAny(['?', '#'], slash);
        return end < 0 ? url.AsSpan(slash) : url.AsSpan(slash, end - slash);
    }

    /// <summary>The portal's key: its folder, so / and /index.html are the same page.</summary>
    public static string PageKey(string url) => ColumnKey(url);
}
