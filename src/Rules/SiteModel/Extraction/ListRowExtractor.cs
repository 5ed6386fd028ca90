using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Openness.Rules.Dates;

namespace Openness.Rules.SiteModel.Extraction;

/// <summary>A list row found on a page, with the element it sits in (so blocks on a homepage can claim their rows).</summary>
internal sealed record ListRow(ListedItem Item, IElement? Element);

/// <summary>
/// Reads list rows in the CMS shapes seen on government sites: <c>ul&gt;li&gt;a + span(date)</c>, tables
/// (<c>&lt;td&gt;&lt;a&gt;</c> + a date cell), <c>&lt;dl&gt;&lt;dd&gt;&lt;a&gt;&lt;/dd&gt;&lt;dd&gt;date&lt;/dd&gt;</c>, and
/// Hanweb datastore records (<c>&lt;record&gt;&lt;![CDATA[&lt;li&gt;…]]&gt;</c>) whether inline in a
/// <c>script type="text/xml"</c> or as a dataproxy response.
/// </summary>
internal static partial class ListRowExtractor
{
    [GeneratedRegex(@"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Record();

    [GeneratedRegex(@"^(更多|more|查看更多|进入|详细|详情|>>|》》|首页|上一页|下一页|尾页|末页)", RegexOptions.IgnoreCase)]
    private static partial Regex NotATitle();

    public static List<ListRow> Extract(IDocument doc, string rawHtml, string pageUrl, DateOnly reference, HtmlParser parser)
    {
        var rows = new List<ListRow>();
        var seen = new HashSet<string>();

        var page = Dom.Elements(doc);
        for (var r = 0; r < page.Rows.Count; r++)
        {
            var row = page.Rows[r];
            var at = page.RowAt[r];
            if (row.LocalName == "li" && row.QuerySelector(Css.Li) is not null) continue;
            if (row.LocalName == "tr" && row.QuerySelector(Css.TableOrRow) is not null) continue;
            if (row.LocalName == "dl" && row.QuerySelector(Css.Dl) is not null) continue;
            var (first, count) = page.LinksIn(at);
            var anchors = Enumerable.Range(first, count).Select(k => (page.Links[k], page.Text(page.LinkAt[k])));
            if (Read(row, anchors, () => page.InChrome(at), pageUrl, reference) is { } item && seen.Add(item.Url))
                rows.Add(new ListRow(item, row));
        }

        // Hanweb: the records are CDATA inside XML, which an HTML parser keeps as raw text or bogus comments.
        var records = Record().Matches(rawHtml);
        if (records.Count > 0)
        {
            var holder = Dom.Elements(doc).Scripts.FirstOrDefault(s => Dom.TextContent(s).Contains("<record", StringComparison.OrdinalIgnoreCase));
            var fragment = parser.ParseDocument("<html><body><ul>" + string.Concat(records.Select(r => r.Groups[1].Value)) + "</ul></body></html>");
            foreach (var row in fragment.QuerySelectorAll(Css.RowsAndBoxes))
            {
                if (row.QuerySelector(Css.RowsAndBoxes) is not null) continue;
                var anchors = row.QuerySelectorAll(Css.Links).Select(a => (a, Dom.Text(a)));
                if (Read(row, anchors, () => Dom.InChrome(row), pageUrl, reference) is { } item && seen.Add(item.Url))
                    rows.Add(new ListRow(item, holder));
            }
        }
        return rows;
    }

    /// <param name="anchors">The row's links with their visible text, in document order.</param>
    /// <param name="inChrome">Whether the row sits in the site's chrome (asked only of dateless rows).</param>
    private static ListedItem? Read(IElement row, IEnumerable<(IElement Element, string Text)> anchors, Func<bool> inChrome,
        string pageUrl, DateOnly reference)
    {
        // The longest title wins; on a tie the first in document order (as a stable sort would give).
        (IElement Element, string Url, string Text)? best = null;
        var bestLength = -1;
        foreach (var (a, text) in anchors)
        {
            if (UrlKeys.Resolve(pageUrl, a.GetAttribute("href")) is not { } url || NotATitle().IsMatch(text) || UrlKeys.IsAttachment(url)) continue;
            var length = Math.Max(text.Length, (a.GetAttribute("title") ?? "").Length);
            if (length > bestLength) (best, bestLength) = ((a, url, text), length);
        }
        if (best is not { } main) return null;
        var title = main.Text;
        var titleAttr = Dom.Collapse(main.Element.GetAttribute("title") ?? "");
        if (title.Length == 0 || ((title.EndsWith("...") || title.EndsWith('…')) && titleAttr.Length > title.Length)) title = titleAttr;
        if (title.Length < 4) return null;

        var rowText = Dom.TextContent(row);
        // A row whose text cannot hold a date counts only as a plain document link: the date search is skipped.
        if (!DateParser.MayHoldDate(rowText))
            return !UrlKeys.LooksLikeDocument(main.Url) || inChrome() || title.Length < 6 ? null : new ListedItem(title, main.Url, null);
        var outside = Dom.Collapse(rowText.Replace(Dom.TextContent(main.Element), " "));
        DateOnly? date = DateParser.TryParse(outside, reference, out var d) ? d : null;
        // Some templates put the date inside the link: <a><span>title</span><span>2026-11-20</span></a>.
        date ??= main.Element.Descendants<IElement>()
            .Select(e => Dom.Text(e))
            .Where(t => t.Length <= 24 && t.Length > 0)
            .Select(t => DateParser.TryParse(t, reference, out var x) && t.Length <= 24 ? x : (DateOnly?)null)
            .FirstOrDefault(x => x is not null);

        // Without a date, only a link that is plainly a document counts: menus are lists of links too.
        // Short dateless links (联系我们, 网站声明) are site chrome even when they point at a TRS document.
        if (date is null && (!UrlKeys.LooksLikeDocument(main.Url) || inChrome() || title.Length < 6)) return null;
        return new ListedItem(title, main.Url, date);
    }
}
