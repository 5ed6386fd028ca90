using AngleSharp.Dom;
using Openness.Rules.Catalogue;
using Openness.Rules.Dates;

namespace Openness.Rules.SiteModel.Extraction;

/// <summary>What the page's head and headings say: metas, title, search forms, script templates.</summary>
internal static class PageSignals
{
    // A page's metas are asked for several times (PubDate under five names, ArticleTitle, ColumnName): read them once.
    [ThreadStatic] private static IDocument? _metasOf;
    [ThreadStatic] private static List<(string Name, string Content)>? _metas;

    public static string? Meta(IDocument doc, params string[] names)
    {
        if (!ReferenceEquals(doc, _metasOf) || _metas is null)
        {
            var metas = Dom.Elements(doc).NamedMetas;
            _metas = new List<(string Name, string Content)>(metas.Count);
            foreach (var m in metas) _metas.Add((m.GetAttribute("name") ?? "", m.GetAttribute("content") ?? ""));
            _metasOf = doc;
        }
        foreach (var name in names)
            foreach (var (metaName, content) in _metas)
                if (string.Equals(metaName, name, StringComparison.OrdinalIgnoreCase) && Dom.Collapse(content) is { Length: > 0 } v) return v;
        return null;
    }

    /// <summary>Drops the previous page's metas (and with them the last reference to its DOM).</summary>
    public static void ResetPage()
    {
        _metasOf = null;
        _metas = null;
    }

    public static DateOnly? PubDate(IDocument doc) =>
        DateParser.Parse(Meta(doc, "PubDate", "firstpublishedtime", "publishdate", "pubdate", "Maketime"));

    /// <summary>The page's title without the site suffix ("标题_栏目_站点" → "标题").</summary>
    public static string? Title(IDocument doc)
    {
        var t = Dom.Collapse(doc.Title ?? "");
        if (t.Length == 0) return null;
        var cut = t.IndexOfAny(['_', '|']);
        return cut > 3 ? t[..cut].Trim() : t;
    }

    /// <summary>The list's own heading: the selected tab, a heading in the content area, or the page title's first part.</summary>
    public static string? ListHeading(IDocument doc)
    {
        foreach (var e in doc.QuerySelectorAll(Css.ListHeadings))
        {
            if (Dom.InNavigation(e)) continue;
            var t = NameNormalizer.Normalize(Dom.TextContent(e));
            if (t.Length is >= 2 and <= 20) return t;
        }
        return Title(doc) is { } title ? NameNormalizer.Normalize(title) : null;
    }

    /// <summary>Search forms as URL templates with {q} for the query.</summary>
    public static IEnumerable<string> SearchTemplates(IDocument doc, string pageUrl)
    {
        foreach (var form in Dom.Elements(doc).Forms)
        {
            var box = form.QuerySelectorAll(Css.Input).FirstOrDefault(i =>
                (i.GetAttribute("type") ?? "text").ToLowerInvariant() is "text" or "search" && !string.IsNullOrEmpty(i.GetAttribute("name")));
            if (box is null) continue;
            var action = UrlKeys.Resolve(pageUrl, string.IsNullOrWhiteSpace(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action"));
            if (action is null) continue;
            var fields = new List<string> { $"{Uri.EscapeDataString(box.GetAttribute("name")!)}={{q}}" };
            foreach (var hidden in form.QuerySelectorAll(Css.HiddenInputs))
                fields.Add($"{Uri.EscapeDataString(hidden.GetAttribute("name")!)}={Uri.EscapeDataString(hidden.GetAttribute("value") ?? "")}");
            yield return action + (action.Contains('?') ? "&" : "?") + string.Join("&", fields);
        }
    }

    /// <summary>
    /// Rows drawn by script the snapshot did not run: template attributes (avalon ms-repeat, Angular ng-repeat,
    /// Vue v-for), mustache placeholders, or an empty Hanweb datastore, outside the site's menus.
    /// </summary>
    public static bool HasListTemplates(IDocument doc)
    {
        foreach (var e in doc.QuerySelectorAll(Css.RepeatTemplates))
            if (!Dom.InChrome(e)) return true;
        if (doc.Body is { } body)
            foreach (var t in body.Descendants<IText>())
                if (t.Data.Contains("{{") && t.Data.Contains("}}") && t.ParentElement is { LocalName: not ("script" or "style") } parent && !Dom.InChrome(parent))
                    return true;
        return Dom.Elements(doc).Scripts.Any(s =>
            (s.GetAttribute("type") ?? "").Contains("xml") || Dom.TextContent(s).Contains("dataproxy.jsp") || Dom.TextContent(s).Contains("trsapi"));
    }
}
