using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace Openness.Crawler.Crawling;

/// <summary>One Hanweb dataproxy.jsp group (3 pages of records) fetched by form POST.</summary>
public sealed record DataProxyGroup(Uri ProxyUrl, IReadOnlyDictionary<string, string> Form, int StartRecord, int EndRecord)
{
    /// <summary>A stable URL for the frontier and the snapshot: the proxy URL with the form appended as query.</summary>
    public string SyntheticUrl =>
        ProxyUrl.AbsoluteUri + "&" + string.Join('&', Form.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
}

/// <summary>What a Hanweb JCMS <c>&lt;datastore&gt;</c> holds: record links and how to ask for the later groups.</summary>
public sealed record HanwebDatastore(
    IReadOnlyList<Uri> RecordLinks, Uri? ProxyUrl, IReadOnlyDictionary<string, string> ProxyForm, int? TotalRecords, int PerPage);

/// <summary>
/// List pages that exist only through script: TRS WCM <c>createPageHTML</c>/<c>countPage</c> pagers, plain
/// 下一页/尾页 links, and Hanweb JCMS datastores whose later groups come from <c>dataproxy.jsp</c> (or, in the newer
/// "load more" lists, <c>morecolumndataproxy.jsp</c>) POSTs.
/// </summary>
public static partial class PagingDiscovery
{
    public const int HanwebPagesPerGroup = 3;

    /// <summary>Hanweb's newer "load more" proxy: one page of records per request, asked for by <c>page=n</c>.</summary>
    public const string HanwebLoadMoreProxy = "morecolumndataproxy.jsp";

    /// <summary>Pages of records one proxy request answers: a group of 3 from dataproxy.jsp, one page from
    /// morecolumndataproxy.jsp.</summary>
    public static int PagesPerRequest(Uri proxyUrl) =>
        proxyUrl.AbsolutePath.EndsWith("/" + HanwebLoadMoreProxy, StringComparison.OrdinalIgnoreCase) ? 1 : HanwebPagesPerGroup;

    [GeneratedRegex("""\b(createPage\w*)\s*\(\s*(\w+)\s*,\s*(\w+)\s*,\s*["']([\w.-]+)["']\s*,\s*["'](\w+)["']\s*\)""")]
    private static partial Regex TrsCallRegex();
    [GeneratedRegex("""\bvar\s+(\w+)\s*=\s*(\d+)""")]
    private static partial Regex VarRegex();
    [GeneratedRegex("""["']([\w.-]+)["']\s*\+\s*["']_["']\s*\+\s*\w+\s*\+\s*["']\.["']?\s*\+?\s*["']?(\w+)""")]
    private static partial Regex WriteLoopRegex();
    [GeneratedRegex("""\bcountPage\s*=\s*(\d+)""")]
    private static partial Regex CountPageRegex();
    [GeneratedRegex("""<datastore>(.*?)</datastore>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex DatastoreRegex();
    [GeneratedRegex("""<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex RecordRegex();
    [GeneratedRegex("""<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>\s*</nextgroup>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex NextGroupRegex();
    [GeneratedRegex("""totalrecord\s*(?:>|:|=)\s*['"]?(\d+)""", RegexOptions.IgnoreCase)]
    private static partial Regex TotalRecordRegex();
    [GeneratedRegex("""perpage\s*(?::|=)\s*['"]?(\d+)""", RegexOptions.IgnoreCase)]
    private static partial Regex PerPageRegex();
    [GeneratedRegex("""href\s*=\s*["']([^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex HrefRegex();

    private static readonly HtmlParser FragmentParser = new(new HtmlParserOptions { IsScripting = false });

    /// <summary>
    /// TRS list pages computed from the pager script: page 1 is <c>index.html</c>, page k+1 <c>index_k.html</c>,
    /// capped at <paramref name="maxPages"/> pages in all. Empty when the page has no TRS pager.
    /// </summary>
    public static IReadOnlyList<Uri> TrsListPages(ParsedPage page, int maxPages)
    {
        var scripts = string.Join('\n', page.Document.QuerySelectorAll("script").Select(s => s.TextContent));
        var vars = VarRegex().Matches(scripts).GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => int.Parse(g.Last().Groups[2].Value, CultureInfo.InvariantCulture));
        int? count = null;
        string name = "index", ext = "html";
        var call = TrsCallRegex().Match(scripts);
        if (call.Success)
        {
            count = int.TryParse(call.Groups[2].Value, out var n) ? n : vars.GetValueOrDefault(call.Groups[2].Value);
            name = call.Groups[4].Value;
            ext = call.Groups[5].Value;
        }
        else if (CountPageRegex().Match(scripts) is { Success: true } countPage)
        {
            count = int.Parse(countPage.Groups[1].Value, CultureInfo.InvariantCulture);
            if (WriteLoopRegex().Match(scripts) is { Success: true } loop) { name = loop.Groups[1].Value; ext = loop.Groups[2].Value; }
        }
        if (count is not > 1) return [];
        var total = Math.Min(count.Value, Math.Max(1, maxPages));
        var pages = new List<Uri> { new(page.Url, $"{name}.{ext}") };
        for (var k = 1; k < total; k++) pages.Add(new Uri(page.Url, $"{name}_{k}.{ext}"));
        return pages;
    }

    /// <summary>Plain pager links (下一页, 尾页, 末页, 上一页, 首页 and numbered pages next to them).</summary>
    public static IReadOnlyList<Uri> PagerLinks(ParsedPage page)
    {
        var result = new List<Uri>();
        foreach (var a in page.Document.QuerySelectorAll("a[href]"))
        {
            var text = a.TextContent.Trim();
            if (text is "下一页" or "下页" or "尾页" or "末页" or "最后一页" or ">" or ">>" or "»")
                if (UrlNormalizer.Resolve(a.GetAttribute("href"), page.BaseUrl) is { } uri) result.Add(UrlNormalizer.NormalizeUri(uri));
        }
        return result;
    }

    /// <summary>Reads Hanweb datastores anywhere in the text (column pages embed them; dataproxy answers are one).</summary>
    public static HanwebDatastore? Datastore(string html, Uri pageUrl)
    {
        var stores = DatastoreRegex().Matches(html);
        if (stores.Count == 0) return null;
        var links = new List<Uri>();
        Uri? proxy = null;
        var form = new Dictionary<string, string>();
        foreach (Match store in stores)
        {
            var inner = store.Groups[1].Value;
            var records = string.Concat(RecordRegex().Matches(inner).Select(m => m.Groups[1].Value));
            if (records.Length > 0)
            {
                var doc = FragmentParser.ParseDocument("<html><body>" + records + "</body></html>");
                foreach (var a in doc.QuerySelectorAll("a[href]"))
                    if (UrlNormalizer.Resolve(a.GetAttribute("href"), pageUrl) is { } uri) links.Add(UrlNormalizer.NormalizeUri(uri));
            }
            if (NextGroupRegex().Match(inner) is { Success: true } next &&
                HrefRegex().Match(next.Groups[1].Value) is { Success: true } href &&
                UrlNormalizer.Resolve(System.Net.WebUtility.HtmlDecode(href.Groups[1].Value), pageUrl) is { } nextUrl)
            {
                proxy = new Uri(nextUrl.GetLeftPart(UriPartial.Path));
                foreach (var pair in nextUrl.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=');
                    var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                    if (key.Equals("page", StringComparison.OrdinalIgnoreCase)) continue;
                    form[key] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
                }
            }
        }
        int? total = TotalRecordRegex().Match(html) is { Success: true } t ? int.Parse(t.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        var perPage = PerPageRegex().Match(html) is { Success: true } p ? int.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture) : 15;
        if (proxy is not null)
        {
            // The script adds these two before posting; the nextgroup link leaves them out.
            form.TryAdd("col", "1");
            form.TryAdd("sourceContentType", "1");
            if (!form.ContainsKey("columnid") && ColumnIdFromPath(pageUrl) is { } col) form["columnid"] = col;
        }
        return new HanwebDatastore(links, proxy, form, total, perPage <= 0 ? 15 : perPage);
    }

    /// <summary>The POST for group <paramref name="group"/> (0 = the records embedded in the column page); with the
    /// load-more proxy a group is one page, asked for as <c>page=group+1</c>.</summary>
    public static DataProxyGroup Group(Uri proxyUrl, IReadOnlyDictionary<string, string> form, int perPage, int group)
    {
        var pages = PagesPerRequest(proxyUrl);
        var size = perPage * pages;
        var start = group * size + 1;
        var end = (group + 1) * size;
        var path = proxyUrl.GetLeftPart(UriPartial.Path);
        var url = pages == 1
            ? new Uri($"{path}?page={group + 1}&perpage={perPage}")
            : new Uri($"{path}?startrecord={start}&endrecord={end}&perpage={perPage}");
        return new DataProxyGroup(url, form, start, end);
    }

    private static string? ColumnIdFromPath(Uri url)
    {
        var m = Regex.Match(url.AbsolutePath, @"/col/col(\d+)/");
        return m.Success ? m.Groups[1].Value : null;
    }
}
