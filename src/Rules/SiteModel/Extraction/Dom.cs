using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Openness.Rules.Catalogue;

namespace Openness.Rules.SiteModel.Extraction;

/// <summary>Small DOM questions shared by the extractors (where an element sits, its visible text).</summary>
internal static partial class Dom
{
    [GeneratedRegex(@"[\s\u00a0\u2002\u2003\u3000\u200b]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(^|[\s_-])(nav|menu|daohang|lanmu|dhlm)([\s_-]|\d|$)|navigation|topnav|mainnav|subnav|leftnav|nav-|_nav|menu_|-menu|menu-", RegexOptions.IgnoreCase)]
    private static partial Regex NavClass();

    [GeneratedRegex(@"crumb|position|location|weizhi|dqwz|mianbao|mbx|curpos|current-path|path", RegexOptions.IgnoreCase)]
    private static partial Regex CrumbClass();

    [GeneratedRegex(@"(^|[\s_-])(footer|foot|bottom|copyright|header)([\s_-]|\d|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ChromeClass();

    /// <summary>Visible text with runs of whitespace (including &amp;ensp; and full-width spaces) collapsed to one space.</summary>
    public static string Text(INode? node) => node is null ? "" : Spaces().Replace(TextContent(node), " ").Trim();

    [ThreadStatic] private static System.Text.StringBuilder? _textBuilder;

    /// <summary>
    /// The node's <see cref="INode.TextContent"/> (its descendant text in document order), read without AngleSharp's
    /// shared builder pool, which takes a lock on every read: an element's text is read for every link and box of
    /// every page. An element holding one text node gives that text itself.
    /// </summary>
    public static string TextContent(INode node)
    {
        if (node is not IElement) return node.TextContent;
        var children = node.ChildNodes;
        if (children.Length == 0) return "";
        if (children.Length == 1 && children[0] is IText only) return only.Data;
        var builder = _textBuilder ??= new System.Text.StringBuilder(256);
        builder.Clear();
        AppendText(node, builder);
        var text = builder.ToString();
        // A huge page's body text must not stay pinned in the thread's builder.
        if (builder.Capacity > 64 * 1024) _textBuilder = null;
        return text;
    }

    private static void AppendText(INode node, System.Text.StringBuilder builder)
    {
        var children = node.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is IText t) builder.Append(t.Data);
            else if (children[i] is IElement e && e.HasChildNodes) AppendText(e, builder);
        }
    }

    public static string Collapse(string text) => Spaces().Replace(text, " ").Trim();

    private static string Marks(IElement e) => $"{e.ClassName} {e.Id} {e.GetAttribute("role")}";

    public static bool IsNavigationContainer(IElement e) =>
        e.LocalName == "nav" || (e.Attributes.Length > 0 && (e.GetAttribute("role") == "navigation" || HasNavMarks(ClassAndId(e))));

    // Every branch of NavClass holds one of these words, and of ChromeClass one of those: a class that holds none
    // (most of them) is answered without running the pattern.
    private static readonly System.Buffers.SearchValues<string> NavWords =
        System.Buffers.SearchValues.Create(["nav", "menu", "daohang", "lanmu", "dhlm"], StringComparison.OrdinalIgnoreCase);
    private static readonly System.Buffers.SearchValues<string> ChromeWords =
        System.Buffers.SearchValues.Create(["foot", "bottom", "copyright", "header"], StringComparison.OrdinalIgnoreCase);

    private static bool HasNavMarks(string marks) => marks.AsSpan().IndexOfAny(NavWords) >= 0 && NavClass().IsMatch(marks);

    private static bool HasChromeMarks(string marks) => marks.AsSpan().IndexOfAny(ChromeWords) >= 0 && ChromeClass().IsMatch(marks);

    /// <summary>"class id" as the class patterns read it; most elements have neither, and " " matches none of them.</summary>
    private static string ClassAndId(IElement e) => e.Attributes.Length == 0 ? " " : $"{e.ClassName} {e.Id}";

    [ThreadStatic] private static IDocument? _walkOf;
    [ThreadStatic] private static PageElements? _walk;

    /// <summary>Forgets the previous page's walk and the answers kept with it (the builder calls it before each page).</summary>
    public static void ResetPage()
    {
        _walkOf = null;
        _walk?.Clear();
    }

    /// <summary>
    /// The page's elements every extractor asks for (links, metas, rows, forms, scripts, the first h1), collected in
    /// one walk of the page: each whole-document query was a walk of its own.
    /// </summary>
    public static PageElements Elements(IDocument doc)
    {
        if (!ReferenceEquals(doc, _walkOf) || _walk is null)
        {
            _walk = PageElements.Collect(doc, _walk);
            _walkOf = doc;
        }
        return _walk;
    }

    /// <summary>The page's links (a[href]) in document order.</summary>
    public static List<IElement> Links(IDocument doc) => Elements(doc).Links;

    // Links share their ancestors, and headings are looked for before every link of a block: the questions below
    // are answered once per element of the walked page, from its arrays. An element of another document (a Hanweb
    // record fragment) is answered without keeping anything.
    private static int PositionOf(IElement e, out PageElements page)
    {
        page = _walk!;
        return _walk is not null && ReferenceEquals(e.Owner, _walkOf) ? _walk.IndexOf(e) : -1;
    }

    /// <summary>An element's text as <see cref="NameNormalizer"/> gives it (a link's name, a heading).</summary>
    public static string NormalizedText(IElement e) =>
        PositionOf(e, out var page) is var i and >= 0 ? page.NormalizedText(i) : NameNormalizer.Normalize(TextContent(e));

    public static bool InNavigation(IElement e) =>
        PositionOf(e, out var page) is var i and >= 0
            ? page.InNavigation(i)
            : IsNavigationContainer(e) || (e.ParentElement is { } parent && InNavigation(parent));

    /// <summary>In the header, footer or a menu: site chrome, not the page's own content.</summary>
    public static bool InChrome(IElement e) =>
        PositionOf(e, out var page) is var i and >= 0
            ? page.InChrome(i)
            : ChromeMark(e) ?? (e.ParentElement is { } parent && InChrome(parent));

    /// <summary>What the element's own tag and marks say about being chrome; null when it is as its parent is.</summary>
    public static bool? ChromeMark(IElement e) => ChromeMark(e, IsNavigationContainer(e));

    /// <param name="navigationContainer">What <see cref="IsNavigationContainer"/> says of the element, when already known.</param>
    public static bool? ChromeMark(IElement e, bool navigationContainer)
    {
        if (e.LocalName is "header" or "footer" or "nav" || navigationContainer) return true;
        if (e.LocalName is "body" or "html") return false;
        if (e.Attributes.Length > 0 && HasChromeMarks(ClassAndId(e))) return true;
        return null;
    }

    public static bool HasCrumbMarks(IElement e) => CrumbClass().IsMatch(Marks(e));

    /// <summary>The element's descendants that come before <paramref name="target"/> in document order.</summary>
    public static IEnumerable<IElement> Before(IElement scope, IElement target)
    {
        foreach (var d in scope.Descendants<IElement>())
        {
            if (d == target) yield break;
            if (d.Contains(target)) continue;
            yield return d;
        }
    }

    public static bool IsHeadingLike(IElement e) =>
        e.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "dt" or "strong" or "b" or "legend" or "caption"
        || HeadingClass().IsMatch($"{e.ClassName} {e.Id}");

    [GeneratedRegex("tit|title|hd|head|name|bt", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingClass();
}
