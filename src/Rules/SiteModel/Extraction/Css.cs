using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;

namespace Openness.Rules.SiteModel.Extraction;

/// <summary>
/// The selectors the extractors use, parsed once. A selector given as a string is looked up in AngleSharp's shared
/// cache (under a lock) on every call, which cost more than a third of the parse itself on a 20,000-page snapshot.
/// </summary>
internal static class Css
{
    private static ISelector Parse(string selector) =>
        new CssSelectorParser().ParseSelector(selector) ?? throw new InvalidOperationException($"bad selector {selector}");

    public static readonly ISelector RelatedNewsTemplate = Parse("[ms-controller='relnews'], [ms-controller='relNews'], iframe#frame_content");
    public static readonly ISelector RepeatTemplates = Parse("[ms-repeat], [ms-for], [ng-repeat], [v-for], [x-for]");
    public static readonly ISelector RepeatTemplatesShort = Parse("[ms-repeat], [ng-repeat], [v-for], [ms-for]");
    public static readonly ISelector Links = Parse("a[href]");
    public static readonly ISelector HeadingBoxes = Parse("div, h1, h2, h3, h4, h5, h6, span, p, dt");
    public static readonly ISelector Blocks = Parse("div, p, ul");
    public static readonly ISelector Dl = Parse("dl");
    public static readonly ISelector Form = Parse("form");
    public static readonly ISelector H1 = Parse("h1");
    public static readonly ISelector Input = Parse("input");
    public static readonly ISelector HiddenInputs = Parse("input[type=hidden][name]");
    public static readonly ISelector Li = Parse("li");
    public static readonly ISelector Rows = Parse("li, tr, dl");
    public static readonly ISelector RowsAndBoxes = Parse("li, tr, dl, div, p");
    public static readonly ISelector ListHeadings = Parse("li.on, li.active, li.cur, li.current, h1, h2, .title, .tit");
    public static readonly ISelector NamedMetas = Parse("meta[name]");
    public static readonly ISelector Script = Parse("script");
    public static readonly ISelector TableOrRow = Parse("table, tr");
    public static readonly ISelector ListRowOrItem = Parse("li, tr, dd");

    /// <summary>The element itself or its nearest ancestor matching a parsed selector (Element.Closest without the cache lookup).</summary>
    public static IElement? Closest(this IElement element, ISelector selector)
    {
        for (var e = element; e is not null; e = e.ParentElement)
            if (selector.Match(e, null)) return e;
        return null;
    }

    /// <summary>The first descendant matching a parsed selector, in document order.</summary>
    public static IElement? QuerySelector(this INode scope, ISelector selector) => scope.ChildNodes.QuerySelector(selector);

    /// <summary>Every descendant matching a parsed selector, in document order.</summary>
    public static IHtmlCollection<IElement> QuerySelectorAll(this INode scope, ISelector selector) => scope.ChildNodes.QuerySelectorAll(selector);
}
