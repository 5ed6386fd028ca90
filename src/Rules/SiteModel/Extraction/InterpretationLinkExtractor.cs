using AngleSharp.Dom;
using Openness.Rules.Catalogue;

namespace Openness.Rules.SiteModel.Extraction;

/// <summary>The policy ↔ interpretation links (关联阅读) of one detail page, and whether they are drawn by script.</summary>
internal sealed record InterpretationLinks(List<string> Interpretations, List<string> Originals, bool ViaScript);

/// <summary>
/// A policy document links to its 解读 (相关解读, 政策解读, 图解); an interpretation links back to its original
/// (原文链接, 政策原文, 关联文件/相关文件). Links in menus, headers and footers and links to whole columns do not count.
/// </summary>
internal static class InterpretationLinkExtractor
{
    private static readonly string[] InterpretationWords = ["相关解读", "政策解读", "解读", "图解"];
    private static readonly string[] OriginalWords = ["原文链接", "政策原文", "关联文件", "相关文件", "文件原文", "原文"];
    private static readonly string[] ScriptBlockHeadings = ["文字解读", "图片解读", "相关解读", "政策解读", "关联解读", "解读", "图解", "视频解读"];

    private const string ViaScriptNote = SiteModelBuilder.InterpretationsViaScriptNote;

    public static bool IsInterpretation(string? title, string? columnName) =>
        (title ?? "").Contains("解读") || (title ?? "").Contains("图解") || (columnName ?? "").Contains("解读");

    public static InterpretationLinks Extract(IDocument doc, string rawHtml, string pageUrl, bool pageIsInterpretation, IReadOnlyDictionary<string, string> notes)
    {
        var interpretations = new List<string>();
        var originals = new List<string>();
        var self = UrlKeys.Normalize(pageUrl);
        var page = Dom.Elements(doc);
        var words = pageIsInterpretation ? OriginalWords : InterpretationWords;
        for (var k = 0; k < page.Links.Count; k++)
        {
            var a = page.Links[k];
            var at = page.LinkAt[k];
            var url = UrlKeys.Resolve(pageUrl, a.GetAttribute("href"));
            if (url is null || url == self || page.InChrome(at) || UrlKeys.IsAttachment(url) || UrlKeys.LooksLikeColumn(url)) continue;
            var label = NameNormalizer.Normalize(Dom.TextContent(a) + " " + a.GetAttribute("title"));
            // The block's heading is only looked for when the link's own label does not already say what it is.
            if (!ContainsAny(label, words) && !ContainsAny(BlockHeading(at, page), words)) continue;
            Add(pageIsInterpretation ? originals : interpretations, url);
        }
        var viaScript = interpretations.Count == 0 && originals.Count == 0 && (notes.ContainsKey(ViaScriptNote) || HasScriptBlock(doc, rawHtml));
        return new InterpretationLinks(interpretations, originals, viaScript);
    }

    private static void Add(List<string> list, string url)
    {
        if (!list.Contains(url)) list.Add(url);
    }

    private static bool ContainsAny(string text, string[] words)
    {
        foreach (var w in words)
            if (text.Contains(w, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The short heading that opens the block the anchor sits in (相关解读, 原文链接 ...), up to four levels up.</summary>
    /// <remarks>
    /// At each level the heading is the last element before the anchor in the scope (not one of the anchor's
    /// ancestors, holding no link) whose text is 2 to 12 characters: positions are read backwards from the anchor,
    /// so the search stops at the first such element instead of reading every element of the scope.
    /// </remarks>
    private static string BlockHeading(int anchor, PageElements page)
    {
        var scope = page.Parent[anchor];
        var from = anchor - 1;
        for (int level = 0; level < 4 && scope >= 0; level++, scope = page.Parent[scope])
        {
            for (var j = from; j > scope; j--)
            {
                if (page.Contains(j, anchor) || page.HoldsLink(j)) continue;
                var t = page.NormalizedText(j);
                if (t.Length is >= 2 and <= 12) return t;
            }
            // The next level's scope holds this one: only the elements before this scope are new.
            from = scope - 1;
            if (page.All[scope].LocalName is "body") break;
        }
        return "";
    }

    /// <summary>
    /// A related-reading block filled by script: pingtan's avalon <c>ms-controller="relnews"</c>, gov.cn's
    /// <c>iframe#frame_content</c> sidebar left as an iframe, or a 解读 heading over a list with no real links.
    /// </summary>
    private static bool HasScriptBlock(IDocument doc, string rawHtml)
    {
        if (Dom.Elements(doc).RelatedNewsTemplate is not null) return true;
        // A page whose source has no 解 (nor a character reference that could spell one) has no such heading:
        // searching the source is far cheaper than walking the DOM's text.
        if (!rawHtml.Contains('解') && !rawHtml.Contains("&#", StringComparison.Ordinal)) return false;
        // Every heading contains 解 (解读, 图解): only boxes holding such text can be one, so the rest of the page's
        // boxes are not read at all (reading every div's text is quadratic in the page's depth).
        // The walk noted the elements whose own text holds 解; the boxes holding them are their ancestors.
        var page = Dom.Elements(doc);
        var candidates = new List<IElement>();
        var seen = new bool[page.All.Count];
        foreach (var at in page.JieTextAt)
            for (var p = at; p >= 0 && !seen[p]; p = page.Parent[p])
            {
                seen[p] = true;
                if (page.All[p].LocalName is "div" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "span" or "p" or "dt") candidates.Add(page.All[p]);
            }
        foreach (var e in candidates)
        {
            if (e.Children.Length > 0 && e.QuerySelector(Css.Blocks) is not null) continue;
            var t = NameNormalizer.Normalize(Dom.TextContent(e));
            if (!ScriptBlockHeadings.Contains(t) || Dom.InChrome(e)) continue;
            var block = e.ParentElement?.ParentElement;
            if (block is null) continue;
            var templated = block.QuerySelectorAll(Css.RepeatTemplatesShort).Length > 0 || Dom.TextContent(block).Contains("{{");
            var realLinks = block.QuerySelectorAll(Css.Links).Count(x => UrlKeys.Resolve("http://x/", x.GetAttribute("href")) is not null);
            if (templated && realLinks == 0) return true;
        }
        return false;
    }
}
