using System.Text.RegularExpressions;
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
internal static partial class MetadataExtractor
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

    [GeneratedRegex(@"\s[\u4e00-\u9fa5]{2,6}[：:]")]
    private static partial Regex OtherLabel();

    // Any known label, its characters possibly spaced out (索&ensp;引&ensp;号, 标　　题), then a colon.
    private static readonly Regex LabelColon = new(
        "(" + string.Join("|", Labels.Keys.OrderByDescending(k => k.Length).Select(k => string.Join(@"[\s\u2002\u2003\u3000]*", k.Select(c => Regex.Escape(c.ToString()))))) + @")[\s\u2002\u2003\u3000]*[：:]",
        RegexOptions.Compiled);

    public static Dictionary<MetadataField, string> Extract(IDocument doc)
    {
        var found = new Dictionary<MetadataField, string>();
        if (doc.DocumentElement is not { } root) return found;
        // Only the innermost text boxes (li, p, td, th, dt, dd, span, div, label: none holding a container li, p,
        // td, tr, div, table, ul, dl) are read, in document order: a container holding several label rows is read
        // through its rows. A box can hold a "label：value" pair only if it holds a colon, and without one only a
        // bare label cell can be a label (checked below): the other boxes' text is never read.
        var page = Dom.Elements(doc);
        var count = page.All.Count;
        var holdsContainer = new bool[count];
        var holdsColon = new bool[count];
        for (var i = 0; i < count; i++)
            if (page.All[i] != root && page.All[i].LocalName is "li" or "p" or "td" or "tr" or "div" or "table" or "ul" or "dl")
                for (var p = page.Parent[i]; p >= 0 && !holdsContainer[p]; p = page.Parent[p]) holdsContainer[p] = true;
        foreach (var at in page.ColonTextAt)
            for (var p = at; p >= 0 && !holdsColon[p]; p = page.Parent[p]) holdsColon[p] = true;
        for (var i = 0; i < count; i++)
        {
            var e = page.All[i];
            if (e == root || holdsContainer[i]) continue;
            var name = e.LocalName;
            if (name is not ("li" or "p" or "td" or "th" or "dt" or "dd" or "span" or "div" or "label")) continue;
            var labelCell = name is "td" or "th" or "dt";
            if (!holdsColon[i] && !labelCell) continue;
            var text = Dom.TextContent(e);
            if (text.Length > 600) continue;
            // Without a colon only a bare label cell can hold a label (checked below); skip the big pattern.
            var matches = holdsColon[i] && MayHoldLabel(text) ? LabelColon.Matches(text) : null;
            if (matches is { Count: > 0 })
            {
                // One box may hold several pairs: "来源：测试县 发布日期：2026-11-20 浏览次数：12".
                for (int m = 0; m < matches.Count; m++)
                {
                    var match = matches[m];
                    if (!Labels.TryGetValue(NameNormalizer.Normalize(match.Groups[1].Value), out var field) || found.ContainsKey(field)) continue;
                    var end = m + 1 < matches.Count ? matches[m + 1].Index : text.Length;
                    var value = CutAtOtherLabel(Dom.Collapse(text[(match.Index + match.Length)..end]));
                    if (value.Length == 0 && matches.Count == 1) value = ValueBeside(e);
                    if (value.Length > 0 && value.Length <= 300) found[field] = value;
                }
                continue;
            }
            // <td>索引号</td><td>value</td> without a colon: only in a label cell followed by a value cell.
            if (!labelCell || e.NextElementSibling is not { LocalName: "td" or "dd" }) continue;
            if (Labels.TryGetValue(NameNormalizer.Normalize(text), out var f) && !found.ContainsKey(f) && ValueBeside(e) is { Length: > 0 and <= 300 } v)
                found[f] = v;
        }
        return found;
    }

    // The last character of every label: a label：value pair needs one of them right before a colon (spaces apart).
    private static readonly System.Buffers.SearchValues<char> LabelEnds = System.Buffers.SearchValues.Create(
        new string(Labels.Keys.Select(k => k[^1]).Distinct().ToArray()));

    /// <summary>
    /// False when no colon in <paramref name="text"/> follows a label's last character (whitespace apart, as
    /// <see cref="LabelColon"/> allows), so the pattern cannot match: "各部门：", "当前位置：", "网站标识码：" are not read.
    /// </summary>
    private static bool MayHoldLabel(string text)
    {
        for (var colon = text.AsSpan().IndexOfAny(Colons); colon >= 0; )
        {
            var before = colon - 1;
            while (before >= 0 && char.IsWhiteSpace(text[before])) before--;
            if (before >= 0 && LabelEnds.Contains(text[before])) return true;
            var next = text.AsSpan(colon + 1).IndexOfAny(Colons);
            colon = next < 0 ? -1 : colon + 1 + next;
        }
        return false;
    }

    /// <summary>The value in the next box: &lt;td&gt;label&lt;/td&gt;&lt;td&gt;value&lt;/td&gt;, or the cell after the label's cell.</summary>
    private static string ValueBeside(IElement e)
    {
        if (e.NextElementSibling is { } next && !IsLabel(Dom.TextContent(next))) return Dom.Text(next);
        if (e.ParentElement is { LocalName: "td" or "th" or "dt" } cell && cell.NextElementSibling is { } nextCell && !IsLabel(Dom.TextContent(nextCell)))
            return Dom.Text(nextCell);
        return "";
    }

    /// <summary>Drops a trailing unknown "label：value" (来源：, 浏览次数：) that followed the value in the same box.</summary>
    private static string CutAtOtherLabel(string value)
    {
        var m = OtherLabel().Match(value);
        return m.Success ? value[..m.Index].Trim() : value;
    }

    private static bool IsLabel(string text)
    {
        var colon = text.IndexOfAny(Colons);
        return Labels.ContainsKey(NameNormalizer.Normalize(colon >= 0 ? text[..colon] : text));
    }
}
