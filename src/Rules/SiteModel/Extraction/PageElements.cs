using AngleSharp.Dom;

namespace Openness.Rules.SiteModel.Extraction;

/// <summary>
/// What the extractors query the whole page for, gathered in one pre-order walk (document order, as
/// QuerySelectorAll gives it). Each element is tested against the same parsed selectors the queries used, after a
/// cheap tag-name test, so the lists are exactly what those queries returned.
/// </summary>
internal sealed class PageElements
{
    /// <summary>a[href]</summary>
    public List<IElement> Links { get; } = [];
    /// <summary>meta[name]</summary>
    public List<IElement> NamedMetas { get; } = [];
    /// <summary>li, tr, dl</summary>
    public List<IElement> Rows { get; } = [];
    public List<IElement> Forms { get; } = [];
    public List<IElement> Scripts { get; } = [];
    public IElement? FirstH1 { get; private set; }
    /// <summary>The first element matching <see cref="Css.RelatedNewsTemplate"/>.</summary>
    public IElement? RelatedNewsTemplate { get; private set; }

    /// <summary>Every element in document order (the html element first).</summary>
    public List<IElement> All { get; } = [];

    private HashSet<IElement>? _holdsLink;

    /// <summary>Whether <paramref name="e"/> has an a[href] descendant (what <c>e.QuerySelector(Css.Links) is not null</c> asks).</summary>
    public bool HoldsLink(IElement e)
    {
        if (_holdsLink is null)
        {
            _holdsLink = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
            foreach (var a in Links)
                for (var p = a.ParentElement; p is not null && _holdsLink.Add(p); p = p.ParentElement) { }
        }
        return _holdsLink.Contains(e);
    }

    public static PageElements Collect(IDocument doc)
    {
        var result = new PageElements();
        result.Walk(doc);
        return result;
    }

    private void Walk(INode parent)
    {
        var children = parent.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is not IElement e) continue;
            All.Add(e);
            switch (e.LocalName)
            {
                case "a": if (Css.Links.Match(e, null)) Links.Add(e); break;
                case "meta": if (Css.NamedMetas.Match(e, null)) NamedMetas.Add(e); break;
                case "li" or "tr" or "dl": if (Css.Rows.Match(e, null)) Rows.Add(e); break;
                case "form": if (Css.Form.Match(e, null)) Forms.Add(e); break;
                case "script": if (Css.Script.Match(e, null)) Scripts.Add(e); break;
                case "h1": if (FirstH1 is null && Css.H1.Match(e, null)) FirstH1 = e; break;
            }
            if (RelatedNewsTemplate is null && (e.LocalName == "iframe" || e.HasAttribute("ms-controller")) && Css.RelatedNewsTemplate.Match(e, null))
                RelatedNewsTemplate = e;
            if (e.HasChildNodes) Walk(e);
        }
    }
}
