using System.Text.RegularExpressions;
using AngleSharp.Dom;

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
    public static string Text(INode? node) => node is null ? "" : Spaces().Replace(node.TextContent, " ").Trim();

    public static string Collapse(string text) => Spaces().Replace(text, " ").Trim();

    private static string Marks(IElement e) => $"{e.ClassName} {e.Id} {e.GetAttribute("role")}";

    public static bool IsNavigationContainer(IElement e) =>
        e.LocalName == "nav" || e.GetAttribute("role") == "navigation" || NavClass().IsMatch($"{e.ClassName} {e.Id}");

    public static bool InNavigation(IElement e)
    {
        for (var p = e; p is not null; p = p.ParentElement)
            if (IsNavigationContainer(p)) return true;
        return false;
    }

    /// <summary>In the header, footer or a menu: site chrome, not the page's own content.</summary>
    public static bool InChrome(IElement e)
    {
        for (var p = e; p is not null; p = p.ParentElement)
        {
            if (p.LocalName is "header" or "footer" or "nav" || IsNavigationContainer(p)) return true;
            if (p.LocalName is "body" or "html") break;
            if (ChromeClass().IsMatch($"{p.ClassName} {p.Id}")) return true;
        }
        return false;
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
        || Regex.IsMatch($"{e.ClassName} {e.Id}", "tit|title|hd|head|name|bt", RegexOptions.IgnoreCase);
}
