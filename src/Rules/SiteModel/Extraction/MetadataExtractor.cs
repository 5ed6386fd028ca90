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

    /// <summary>The labels read and the field each fills.</summary>
    internal static IReadOnlyDictionary<string, MetadataField> KnownLabels => Labels;

    // The last character of every label.
    private static readonly System.Buffers.SearchValues<char> LabelEnds = System.Buffers.SearchValues.Create(
        new string(Labels.Keys.Select(k => k[^1]).Distinct().ToArray()));

    private static readonly int LongestLabel = Labels.Keys.Max(k => k.Length);
    private static readonly Dictionary<string, MetadataField>.AlternateLookup<ReadOnlySpan<char>> LabelsBySpan =
        Labels.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A known label before its colon: the label's first character, the position after the colon, the field.</summary>
    internal readonly record struct LabelAt(int Index, int End, MetadataField Field);

    /// <summary>
    /// Every known label followed by a colon, left to right and not overlapping: the label's characters possibly
    /// spaced out (索&amp;ensp;引&amp;ensp;号, 标　　题), whitespace allowed before the colon; where labels end at the same
    /// colon the longest wins (信息来源 over 来源). Read backwards from each colon, which is what a leftmost-first
    /// pattern of all labels matched, without compiling that pattern (a 28 KB method) in every process.
    /// </summary>
    internal static List<LabelAt>? FindLabels(string text)
    {
        List<LabelAt>? found = null;
        Span<int> at = stackalloc int[LongestLabel];
        Span<char> label = stackalloc char[LongestLabel];
        var from = 0;
        for (var colon = text.AsSpan().IndexOfAny(Colons); colon >= 0; colon = NextColon(text, colon + 1))
        {
            // Most colons follow no label ("当前位置：", prose): the character before decides that without a lookup.
            var last = colon - 1;
            while (last >= from && char.IsWhiteSpace(text[last])) last--;
            if (last < from || !LabelEnds.Contains(text[last])) continue;
            // The label's characters, last first, whitespace between them skipped, none before the previous match.
            var count = 0;
            for (var i = last; i >= from && count < LongestLabel; i--)
                if (!char.IsWhiteSpace(text[i])) at[count++] = i;
            for (var k = count; k > 0; k--)
            {
                for (var c = 0; c < k; c++) label[c] = text[at[k - 1 - c]];
                if (!LabelsBySpan.TryGetValue(label[..k], out var field)) continue;
                (found ??= []).Add(new LabelAt(at[k - 1], colon + 1, field));
                from = colon + 1;
                break;
            }
        }
        return found;
    }

    private static int NextColon(string text, int start)
    {
        if (start >= text.Length) return -1;
        var next = text.AsSpan(start).IndexOfAny(Colons);
        return next < 0 ? -1 : start + next;
    }

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
            // Without a colon only a bare label cell can hold a label (checked below).
            var matches = holdsColon[i] ? FindLabels(text) : null;
            if (matches is { Count: > 0 })
            {
                // One box may hold several pairs: "来源：测试县 发布日期：2026-11-20 浏览次数：12".
                for (int m = 0; m < matches.Count; m++)
                {
                    var match = matches[m];
                    if (found.ContainsKey(match.Field)) continue;
                    var end = m + 1 < matches.Count ? matches[m + 1].Index : text.Length;
                    var value = CutAtOtherLabel(Dom.Collapse(text[match.End..end]));
                    if (value.Length == 0 && matches.Count == 1) value = ValueBeside(e);
                    if (value.Length > 0 && value.Length <= 300) found[match.Field] = value;
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
