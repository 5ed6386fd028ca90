using AngleSharp.Dom;

namespace Openness.Rules.SiteModel.Extraction;

/// <summary>
/// What the extractors query the whole page for, gathered in one pre-order walk (document order, as
/// QuerySelectorAll gives it). Each element is tested against the same parsed selectors the queries used, after a
/// cheap tag-name test, so the lists are exactly what those queries returned.
/// </summary>
/// <remarks>
/// Every element is also known by its position in <see cref="All"/>: an element's subtree is the run of positions
/// up to <see cref="End"/>, its parent is <see cref="Parent"/>. The answers the extractors ask of one element many
/// times (is it in a menu, its text) are kept in arrays by position: a dictionary keyed by element spent more on
/// hashing elements than the questions cost.
/// </remarks>
internal sealed class PageElements
{
    /// <summary>a[href]</summary>
    public List<IElement> Links { get; } = [];
    /// <summary>The position in <see cref="All"/> of each of <see cref="Links"/>.</summary>
    public List<int> LinkAt { get; } = [];
    /// <summary>meta[name]</summary>
    public List<IElement> NamedMetas { get; } = [];
    /// <summary>li, tr, dl</summary>
    public List<IElement> Rows { get; } = [];
    /// <summary>The position in <see cref="All"/> of each of <see cref="Rows"/>.</summary>
    public List<int> RowAt { get; } = [];
    public List<IElement> Forms { get; } = [];
    public List<IElement> Scripts { get; } = [];
    public IElement? FirstH1 { get; private set; }
    /// <summary>The first element matching <see cref="Css.RelatedNewsTemplate"/>.</summary>
    public IElement? RelatedNewsTemplate { get; private set; }

    /// <summary>The positions of the elements with a text child holding a colon (： or :), where label：value pairs can be.</summary>
    public List<int> ColonTextAt { get; } = [];

    /// <summary>The positions of the elements with a text child holding 解 (every 解读/图解 heading does).</summary>
    public List<int> JieTextAt { get; } = [];

    /// <summary>Every element in document order (the html element first).</summary>
    public List<IElement> All { get; } = [];
    /// <summary>The position of each element's parent element, -1 for the root.</summary>
    public List<int> Parent { get; } = [];
    /// <summary>One past the position of each element's last descendant: its subtree is [i, End[i]).</summary>
    public List<int> End { get; } = [];

    private Dictionary<IElement, int>? _positions;
    private bool[]? _holdsLink;
    private sbyte[]? _navigationContainer;
    private sbyte[]? _inNavigation;
    private sbyte[]? _inChrome;
    private string?[]? _normalizedText;
    private string?[]? _text;

    /// <summary>Whether the element at <paramref name="i"/> has an a[href] descendant.</summary>
    public bool HoldsLink(int i)
    {
        if (_holdsLink is null)
        {
            _holdsLink = new bool[All.Count];
            foreach (var a in LinkAt)
                for (var p = Parent[a]; p >= 0 && !_holdsLink[p]; p = Parent[p]) _holdsLink[p] = true;
        }
        return _holdsLink[i];
    }

    /// <summary>The position of <paramref name="e"/> in <see cref="All"/>, -1 when it is not of this page.</summary>
    public int IndexOf(IElement e)
    {
        if (_positions is null)
        {
            _positions = new Dictionary<IElement, int>(All.Count, ReferenceEqualityComparer.Instance);
            for (var i = 0; i < All.Count; i++) _positions[All[i]] = i;
        }
        return _positions.TryGetValue(e, out var at) ? at : -1;
    }

    /// <summary>Whether the element at <paramref name="i"/> is an ancestor of the one at <paramref name="j"/>.</summary>
    public bool Contains(int i, int j) => i < j && j < End[i];

    /// <summary><see cref="Dom.IsNavigationContainer"/> of the element at <paramref name="i"/> (menus and chrome both ask it).</summary>
    private bool IsNavigationContainer(int i)
    {
        var memo = _navigationContainer ??= new sbyte[All.Count];
        if (memo[i] == 0) memo[i] = Dom.IsNavigationContainer(All[i]) ? (sbyte)1 : (sbyte)-1;
        return memo[i] > 0;
    }

    /// <summary><see cref="Dom.InNavigation(IElement)"/> of the element at <paramref name="i"/>.</summary>
    public bool InNavigation(int i)
    {
        var memo = _inNavigation ??= new sbyte[All.Count];
        if (memo[i] != 0) return memo[i] > 0;
        var result = IsNavigationContainer(i) || (Parent[i] >= 0 && InNavigation(Parent[i]));
        memo[i] = result ? (sbyte)1 : (sbyte)-1;
        return result;
    }

    /// <summary><see cref="Dom.InChrome(IElement)"/> of the element at <paramref name="i"/>.</summary>
    public bool InChrome(int i)
    {
        var memo = _inChrome ??= new sbyte[All.Count];
        if (memo[i] != 0) return memo[i] > 0;
        var result = Dom.ChromeMark(All[i], IsNavigationContainer(i)) ?? (Parent[i] >= 0 && InChrome(Parent[i]));
        memo[i] = result ? (sbyte)1 : (sbyte)-1;
        return result;
    }

    /// <summary><see cref="Dom.NormalizedText"/> of the element at <paramref name="i"/>, read once per page.</summary>
    public string NormalizedText(int i)
    {
        var memo = _normalizedText ??= new string?[All.Count];
        return memo[i] ??= Catalogue.NameNormalizer.Normalize(Dom.TextContent(All[i]));
    }

    /// <summary><see cref="Dom.Text"/> of the element at <paramref name="i"/>, read once per page.</summary>
    public string Text(int i)
    {
        var memo = _text ??= new string?[All.Count];
        return memo[i] ??= Dom.Text(All[i]);
    }

    /// <summary>The links inside the element at <paramref name="i"/>: indexes First .. First + Count - 1 of <see cref="Links"/>.</summary>
    public (int First, int Count) LinksIn(int i)
    {
        var first = LinkAt.BinarySearch(i + 1);
        if (first < 0) first = ~first;
        var last = LinkAt.BinarySearch(End[i]);
        if (last < 0) last = ~last;
        return (first, last - first);
    }

    /// <summary>Walks <paramref name="doc"/>, into <paramref name="reuse"/> when given: a page's lists then start at the size the last page needed.</summary>
    public static PageElements Collect(IDocument doc, PageElements? reuse = null)
    {
        var result = reuse ?? new PageElements();
        result.Clear();
        result.Walk(doc, -1);
        return result;
    }

    /// <summary>Forgets the page (and with it every reference into its DOM).</summary>
    public void Clear()
    {
        Links.Clear();
        LinkAt.Clear();
        NamedMetas.Clear();
        Rows.Clear();
        RowAt.Clear();
        Forms.Clear();
        Scripts.Clear();
        ColonTextAt.Clear();
        JieTextAt.Clear();
        All.Clear();
        Parent.Clear();
        End.Clear();
        FirstH1 = null;
        RelatedNewsTemplate = null;
        _positions = null;
        _holdsLink = null;
        _navigationContainer = null;
        _inNavigation = null;
        _inChrome = null;
        _normalizedText = null;
        _text = null;
    }

    private void Walk(INode parent, int parentAt)
    {
        var children = parent.ChildNodes;
        for (var c = 0; c < children.Length; c++)
        {
            if (children[c] is not IElement e)
            {
                if (parentAt >= 0 && children[c] is IText t)
                {
                    var data = t.Data.AsSpan();
                    if (data.IndexOfAny('：', ':') >= 0 && (ColonTextAt.Count == 0 || ColonTextAt[^1] != parentAt)) ColonTextAt.Add(parentAt);
                    if (data.Contains('解') && (JieTextAt.Count == 0 || JieTextAt[^1] != parentAt)) JieTextAt.Add(parentAt);
                }
                continue;
            }
            var at = All.Count;
            All.Add(e);
            Parent.Add(parentAt);
            End.Add(0);
            switch (e.LocalName)
            {
                case "a":
                    if (Css.Links.Match(e, null))
                    {
                        Links.Add(e);
                        LinkAt.Add(at);
                    }
                    break;
                case "meta": if (Css.NamedMetas.Match(e, null)) NamedMetas.Add(e); break;
                case "li" or "tr" or "dl":
                    if (Css.Rows.Match(e, null))
                    {
                        Rows.Add(e);
                        RowAt.Add(at);
                    }
                    break;
                case "form": if (Css.Form.Match(e, null)) Forms.Add(e); break;
                case "script": if (Css.Script.Match(e, null)) Scripts.Add(e); break;
                case "h1": if (FirstH1 is null && Css.H1.Match(e, null)) FirstH1 = e; break;
            }
            if (RelatedNewsTemplate is null && (e.LocalName == "iframe" || (e.Attributes.Length > 0 && e.HasAttribute("ms-controller")))
                && Css.RelatedNewsTemplate.Match(e, null))
                RelatedNewsTemplate = e;
            if (e.HasChildNodes) Walk(e, at);
            End[at] = All.Count;
        }
    }
}
