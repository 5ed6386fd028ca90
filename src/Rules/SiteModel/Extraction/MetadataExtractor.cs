using AngleSharp.Dom;
using Openness.Rules.Catalogue;

namespace Openness.Rules.SiteModel.Extraction;

public enum MetadataField { IndexNumber, IssuingBody, WrittenDate, PublishedDate, DocumentNumber, Topic, Validity, Title }

/// <summary>
/// Reads catalogue metadata from the label/value shapes in the corpus: gov.cn <c>table.bd1</c>
/// (<c>&lt;td&gt;&lt;b&gt;索 引 号：&lt;/b&gt;&lt;/td&gt;&lt;td&gt;value&lt;/td&gt;</c>), pingtan <c>div.index_box li</c>
/// (<c>索&amp;ensp;引&amp;ensp;号：&lt;font&gt;value&lt;/font&gt;</c>), 邯郸 <c>&lt;p&gt;&lt;strong&gt;索引号&lt;/strong&gt;：value&lt;/p&gt;</c>,
/// and generic <c>label：value</c>. Text in HTML comments never reaches the DOM's text, so commented-out rows do not count.
/// </summary>
internal static class MetadataExtractor
{
    private static readonly Dictionary<string, MetadataField> Labels = new()
    {
        ["索引号"] = MetadataField.IndexNumber, ["索取号"] = MetadataField.IndexNumber,
        ["发文机关"] = MetadataField.IssuingBody, ["发布机构"] = MetadataField.IssuingBody, ["发文单位"] = MetadataField.IssuingBody,
        ["发布单位"] = MetadataField.IssuingBody, ["信息来源"] = MetadataField.IssuingBody, ["发布机关"] = MetadataField.IssuingBody,
        ["成文日期"] = MetadataField.WrittenDate, ["生成日期"] = MetadataField.WrittenDate, ["成文时间"] = MetadataField.WrittenDate,
        ["发布日期"] = MetadataField.PublishedDate, ["公开日期"] = MetadataField.PublishedDate, ["发布时间"] = MetadataField.PublishedDate,
        ["公开时间"] = MetadataField.PublishedDate,
        ["发文字号"] = MetadataField.DocumentNumber, ["文号"] = MetadataField.DocumentNumber, ["发文文号"] = MetadataField.DocumentNumber,
        ["主题分类"] = MetadataField.Topic, ["分类"] = MetadataField.Topic, ["信息分类"] = MetadataField.Topic, ["主题类别"] = MetadataField.Topic,
        ["有效性"] = MetadataField.Validity, ["时效"] = MetadataField.Validity, ["时效性"] = MetadataField.Validity, ["效力状态"] = MetadataField.Validity,
        ["标题"] = MetadataField.Title, ["名称"] = MetadataField.Title, ["信息名称"] = MetadataField.Title, ["文件名称"] = MetadataField.Title,
    };

    private static readonly char[] Colons = ['：', ':'];

    public static Dictionary<MetadataField, string> Extract(IDocument doc)
    {
        var found = new Dictionary<MetadataField, string>();
        foreach (var e in doc.QuerySelectorAll("li, p, td, th, dt, dd, span, div, label"))
        {
            // Only the innermost text boxes: a container holding several label rows is read through its rows.
            if (e.QuerySelector("li, p, td, tr, div, table, ul, dl") is not null) continue;
            var text = e.TextContent;
            if (text.Length > 600) continue;
            var colon = text.IndexOfAny(Colons);
            string label, value;
            if (colon >= 0)
            {
                label = NameNormalizer.Normalize(text[..colon]);
                value = Dom.Collapse(text[(colon + 1)..]);
            }
            else
            {
                // <td>索引号</td><td>value</td> without a colon: only in a label cell followed by a value cell.
                if (e.LocalName is not ("td" or "th" or "dt") || e.NextElementSibling is not { LocalName: "td" or "dd" }) continue;
                label = NameNormalizer.Normalize(text);
                value = "";
            }
            if (!Labels.TryGetValue(label, out var field) || found.ContainsKey(field)) continue;
            if (value.Length == 0 && e.NextElementSibling is { } next && !IsLabel(next.TextContent))
                value = Dom.Text(next);
            if (value.Length == 0 && e.ParentElement is { LocalName: "td" or "th" or "dt" } cell && cell.NextElementSibling is { } nextCell && !IsLabel(nextCell.TextContent))
                value = Dom.Text(nextCell);
            if (value.Length > 0 && value.Length <= 300) found[field] = value;
        }
        return found;
    }

    private static bool IsLabel(string text)
    {
        var colon = text.IndexOfAny(Colons);
        return Labels.ContainsKey(NameNormalizer.Normalize(colon >= 0 ? text[..colon] : text));
    }
}
