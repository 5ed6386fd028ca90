using Openness.Rules.SiteModel;

namespace Openness.Rules.Checks;

/// <summary>Policy ↔ interpretation pairs as both sides show them.</summary>
public static class Interpretations
{
    /// <summary>Policy document URL → interpretations that link back to it (their 原文链接).</summary>
    public static Dictionary<string, List<string>> LinkedFrom(SiteModel.SiteModel site)
    {
        var map = new Dictionary<string, List<string>>();
        foreach (var interpretation in site.Documents)
            foreach (var original in interpretation.OriginalDocumentUrls)
            {
                if (!map.TryGetValue(original, out var list)) map[original] = list = [];
                if (!list.Contains(interpretation.Url)) list.Add(interpretation.Url);
            }
        return map;
    }

    /// <summary>Every interpretation of the document, from its own links and from interpretations pointing back.</summary>
    public static IReadOnlyList<string> Of(Document document, Dictionary<string, List<string>> linkedFrom) =>
        document.InterpretationUrls.Concat(linkedFrom.GetValueOrDefault(document.Url) ?? []).Distinct().ToList();
}
