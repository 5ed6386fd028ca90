using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Openness.Crawler.Crawling;

public enum LinkKind { Page, Frame, Refresh, Attachment }

/// <summary>A link found on a page, already resolved and normalised.</summary>
public sealed record DiscoveredLink(Uri Url, LinkKind Kind, string? Text);

/// <summary>A GET search form: its action and the text field a query goes into (plus hidden fields it sends).</summary>
public sealed record SearchForm(Uri Action, string QueryField, IReadOnlyList<KeyValuePair<string, string>> Fields);

/// <summary>A fetched page parsed once with AngleSharp (never executed), with the base links resolve against.</summary>
public sealed class ParsedPage
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    public IDocument Document { get; }
    public Uri Url { get; }
    public Uri BaseUrl { get; }
    public string Html { get; }

    private ParsedPage(IDocument document, Uri url, Uri baseUrl, string html)
    { Document = document; Url = url; BaseUrl = baseUrl; Html = html; }

    public static ParsedPage Parse(string html, Uri url)
    {
        var doc = Parser.ParseDocument(html);
        var baseHref = doc.QuerySelector("base[href]")?.GetAttribute("href");
        var baseUrl = UrlNormalizer.Resolve(baseHref, url) ?? url;
        return new ParsedPage(doc, url, baseUrl, html);
    }
}

/// <summary>Finds the links a visitor could follow: anchors, image maps, frames and meta refresh.</summary>
public static class LinkExtractor
{
    private static readonly HashSet<string> AttachmentExtensions = new(StringComparer.OrdinalIgnoreCase)
    { ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".rar", ".7z", ".wps", ".ofd", ".et", ".ppt", ".pptx" };

    public static bool IsAttachment(Uri url) => AttachmentExtensions.Contains(Path.GetExtension(url.AbsolutePath));

    public static IReadOnlyList<DiscoveredLink> Extract(ParsedPage page)
    {
        var found = new List<DiscoveredLink>();
        var seen = new HashSet<string>();
        void Add(string? href, LinkKind kind, string? text)
        {
            if (UrlNormalizer.Resolve(href, page.BaseUrl) is not { } uri) return;
            var normal = UrlNormalizer.NormalizeUri(uri);
            if (kind == LinkKind.Page && IsAttachment(normal)) kind = LinkKind.Attachment;
            if (seen.Add(normal.AbsoluteUri)) found.Add(new DiscoveredLink(normal, kind, text));
        }

        foreach (var a in page.Document.QuerySelectorAll("a[href], area[href]"))
            Add(a.GetAttribute("href"), LinkKind.Page, Squash(a.TextContent));
        foreach (var f in page.Document.QuerySelectorAll("frame[src], iframe[src]"))
            Add(f.GetAttribute("src"), LinkKind.Frame, null);
        foreach (var meta in page.Document.QuerySelectorAll("meta[http-equiv]"))
        {
            if (!string.Equals(meta.GetAttribute("http-equiv"), "refresh", StringComparison.OrdinalIgnoreCase)) continue;
            if (RefreshTarget(meta.GetAttribute("content")) is { } target) Add(target, LinkKind.Refresh, null);
        }
        return found;
    }

    /// <summary>GET forms with a text box: the site search a visitor would use.</summary>
    public static IReadOnlyList<SearchForm> SearchForms(ParsedPage page)
    {
        var forms = new List<SearchForm>();
        foreach (var form in page.Document.QuerySelectorAll("form"))
        {
            var method = form.GetAttribute("method");
            if (!string.IsNullOrEmpty(method) && !method.Equals("get", StringComparison.OrdinalIgnoreCase)) continue;
            var text = form.QuerySelectorAll("input[name]").FirstOrDefault(i =>
                (i.GetAttribute("type") ?? "text").ToLowerInvariant() is "text" or "search");
            if (text is null) continue;
            var action = UrlNormalizer.Resolve(form.GetAttribute("action") is { Length: > 0 } act ? act : page.Url.AbsoluteUri, page.BaseUrl);
            if (action is null) continue;
            var fields = form.QuerySelectorAll("input[name][type=hidden]")
                .Select(h => new KeyValuePair<string, string>(h.GetAttribute("name")!, h.GetAttribute("value") ?? ""))
                .ToList();
            forms.Add(new SearchForm(action, text.GetAttribute("name")!, fields));
        }
        return forms;
    }

    /// <summary>The URL of a search for <paramref name="query"/> submitted through <paramref name="form"/>.</summary>
    public static Uri SearchUrl(SearchForm form, string query)
    {
        var pairs = form.Fields.Append(new(form.QueryField, query))
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}");
        var builder = new UriBuilder(form.Action) { Query = string.Join('&', pairs), Fragment = "" };
        return builder.Uri;
    }

    private static string? RefreshTarget(string? content)
    {
        if (content is null) return null;
        var idx = content.IndexOf("url", StringComparison.OrdinalIgnoreCase);
        if (idx < 0) return null;
        var rest = content[(idx + 3)..].TrimStart();
        if (!rest.StartsWith('=')) return null;
        return rest[1..].Trim().Trim('\'', '"');
    }

    private static string Squash(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
