using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Openness.Rules.Catalogue;

namespace Openness.Rules.SiteModel.Extraction;

/// <summary>A column a page points to: name as shown, its URL, and the column it sits under when the page shows that.</summary>
internal sealed record ColumnLink(string Name, string Url, string? ParentUrl, ColumnLinkSource Source);

internal enum ColumnLinkSource { Navigation, Breadcrumb, MoreLink }

/// <summary>A homepage/list block: heading + "更多" link, and the element whose rows belong to that column.</summary>
internal sealed record ColumnBlock(ColumnLink Column, IElement Scope);

/// <summary>Finds columns from navigation menus and left trees, breadcrumbs, and "更多" links next to block headings.</summary>
internal static partial class NavigationExtractor
{
    [GeneratedRegex(@"^(更多|more|查看更多|更多信息|更多>+|>+更多|更多\+|\+更多|more>+|more\+)$", RegexOptions.IgnoreCase)]
    private static partial Regex MoreText();

    [GeneratedRegex(@"当前位置|您的位置|你的位置|所在位置|现在位置|当前页面")]
    private static partial Regex CrumbLabel();

    /// <summary><see cref="MoreText"/>, after the test every one of its branches passes (更多 or more in the text).</summary>
    private static bool IsMoreText(string text) =>
        (text.Contains("更多", StringComparison.Ordinal) || text.Contains("more", StringComparison.OrdinalIgnoreCase)) && MoreText().IsMatch(text);

    private static readonly HashSet<string> NotColumns = ["首页", "网站首页", "返回首页", "主页", "登录", "注册", "无障碍", "English", "繁體", "繁体", "简体", "关闭", "打印", "收藏"];

    public static List<ColumnLink> NavigationLinks(IDocument doc, string pageUrl)
    {
        var links = new List<ColumnLink>();
        var page = Dom.Elements(doc);
        for (var k = 0; k < page.Links.Count; k++)
        {
            var a = page.Links[k];
            if (!page.InNavigation(page.LinkAt[k])) continue;
            var url = UrlKeys.Resolve(pageUrl, a.GetAttribute("href"));
            var name = page.NormalizedText(page.LinkAt[k]);
            if (url is null || !IsColumnName(name) || UrlKeys.IsAttachment(url) || UrlKeys.LooksLikeDocument(url)) continue;
            links.Add(new ColumnLink(name, url, ParentInTree(a, pageUrl), ColumnLinkSource.Navigation));
        }
        return links;
    }

    private static bool IsColumnName(string name) =>
        name.Length is >= 2 and <= 24 && !NotColumns.Contains(name) && name.IndexOfAny(['，', ',', '。', '！', '?', '？']) < 0;

    /// <summary>The link of the menu entry this one is nested under (li &gt; ul &gt; li), when that entry has a real URL.</summary>
    private static string? ParentInTree(IElement a, string pageUrl)
    {
        var li = a.Closest(Css.Li);
        var outer = li?.ParentElement?.Closest(Css.Li);
        if (outer is null) return null;
        var head = outer.QuerySelector(Css.Links);
        if (head is null || head == a || li!.Contains(head)) return null;
        return UrlKeys.Resolve(pageUrl, head.GetAttribute("href"));
    }

    private static bool InDatedRow(IElement e) =>
        e.Closest(Css.ListRowOrItem) is { } row && Dates.DateParser.FindDates(Dom.TextContent(row), null).Count > 0;

    private static string? Heading(IEnumerable<IElement> candidates) =>
        candidates.Select(Dom.NormalizedText)
            .LastOrDefault(t => IsColumnName(t) && !MoreText().IsMatch(t) && t.Length <= 16 && !t.Any(char.IsAsciiDigit));

    /// <summary>首页 &gt; 政务公开 &gt; 政府信息公开 &gt; 管委会文件: the chain without 首页, each entry's parent the one before.</summary>
    public static List<ColumnLink> Breadcrumb(IDocument doc, string pageUrl)
    {
        // Walk up from each 首页 link (a few levels) instead of testing every container: big pages stay linear.
        var page = Dom.Elements(doc);
        var best = -1;
        for (var k = 0; k < page.Links.Count && best < 0; k++)
        {
            var home = page.LinkAt[k];
            if (!page.NormalizedText(home).Contains("首页")) continue;
            var e = page.Parent[home];
            for (int level = 0; level < 4 && e >= 0 && page.All[e].LocalName != "body"; level++, e = page.Parent[e])
            {
                var (first, count) = page.LinksIn(e);
                if (count > 10) break;
                if (count < 2 || first != k) continue;
                var text = page.Text(e);
                if (text.Length > 240) break;
                if (Dom.HasCrumbMarks(page.All[e]) || CrumbLabel().IsMatch(text) || text.Contains('>') || text.Contains('»') || text.Contains('›'))
                {
                    best = e;
                    break;
                }
            }
        }
        if (best < 0) return [];
        var chain = new List<ColumnLink>();
        string? parent = null;
        var (firstLink, links) = page.LinksIn(best);
        for (var k = firstLink + 1; k < firstLink + links; k++)
        {
            var url = UrlKeys.Resolve(pageUrl, page.Links[k].GetAttribute("href"));
            var name = page.NormalizedText(page.LinkAt[k]);
            if (url is null || name.Length == 0) continue;
            chain.Add(new ColumnLink(name, url, parent, ColumnLinkSource.Breadcrumb));
            parent = url;
        }
        return chain;
    }

    /// <summary>"更多" links: the column is named by the nearest heading before the link in its block.</summary>
    public static List<ColumnBlock> MoreLinks(IDocument doc, string pageUrl)
    {
        var blocks = new List<ColumnBlock>();
        var page = Dom.Elements(doc);
        var moreAnchors = new List<IElement>();
        for (var k = 0; k < page.Links.Count; k++)
        {
            var text = page.NormalizedText(page.LinkAt[k]);
            if (text.Length == 0) text = NameNormalizer.Normalize(page.Links[k].GetAttribute("title") ?? "");
            if (IsMoreText(text)) moreAnchors.Add(page.Links[k]);
        }
        foreach (var a in moreAnchors)
        {
            var url = UrlKeys.Resolve(pageUrl, a.GetAttribute("href"));
            if (url is null) continue;
            IElement? scope = a.ParentElement;
            string? heading = null;
            for (int level = 0; level < 4 && scope is not null; level++)
            {
                var before = Dom.Before(scope, a).ToList();
                // Headings first (h3, .tit, strong); plain spans and links only when they are not list rows or dates.
                heading = Heading(before.Where(e => Dom.IsHeadingLike(e) && !InDatedRow(e)))
                    ?? Heading(before.Where(e => e.LocalName is "span" or "a" or "div" && e.Closest(Css.ListRowOrItem) is null));
                if (heading is not null) break;
                scope = scope.ParentElement;
            }
            if (heading is null || scope is null) continue;
            // The block is where the heading was found, widened once when the rows sit beside the heading's box.
            var block = scope.QuerySelector(Css.Rows) is null && scope.ParentElement is { } up
                && up.QuerySelectorAll(Css.Links).Count(x => MoreText().IsMatch(Dom.NormalizedText(x))) <= 1 ? up : scope;
            blocks.Add(new ColumnBlock(new ColumnLink(heading, url, null, ColumnLinkSource.MoreLink), block));
        }
        return blocks;
    }
}
