using Openness.Core.Snapshots;
using Openness.Rules.Findings;
using Openness.Rules.SiteModel;

namespace Openness.Rules.Checks;

/// <summary>What the checks share: finding a column by catalogue id, evidence from the page that showed it, dates within a period.</summary>
public static class CheckSupport
{
    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>The catalogue's display name for a column id (the id itself when the catalogue does not know it).</summary>
    public static string ColumnName(CheckContext context, string id) => context.Catalogue.Get(id)?.Name ?? id;

    /// <summary>Evidence for something seen at <paramref name="url"/>: the time (and screenshot) of the page it was seen on.</summary>
    public static Evidence EvidenceAt(CheckContext context, string url, string? text, string? pageUrl = null)
    {
        var page = context.Site.PageAt(pageUrl ?? url) ?? context.Site.PageAt(url);
        return new Evidence(url, text, page?.FetchedAt, page?.ScreenshotPath);
    }

    public static Evidence EvidenceFor(CheckContext context, Column column, string text) =>
        EvidenceAt(context, column.Url, text, column.PageUrls.FirstOrDefault() ?? column.Url);

    /// <summary>A column linked from the site but whose page answered with an error is a broken link, not a column.</summary>
    public static bool IsBroken(CheckContext context, Column column) =>
        !column.Visited && context.Site.PageAt(column.Url) is { Outcome.Succeeded: false };

    /// <summary>The best column for a catalogue id: a visited one with items and the newest date wins.</summary>
    public static Column? Find(CheckContext context, string id) =>
        context.Site.ColumnsFor(id).Where(c => !IsBroken(context, c))
            .OrderByDescending(c => c.Visited).ThenByDescending(c => c.ItemCount > 0).ThenByDescending(c => c.NewestDate)
            .FirstOrDefault();

    /// <summary>Columns with the given ids, or every column of the site when no ids are given.</summary>
    public static IReadOnlyList<Column> Columns(CheckContext context, IReadOnlyList<string> ids) =>
        ids.Count == 0 ? context.Site.Columns : context.Site.Columns.Where(c => c.CatalogueId is { } id && ids.Contains(id)).ToList();

    /// <summary>True when <paramref name="date"/> lies within <paramref name="period"/> before the evaluation date (or after it).</summary>
    public static bool Within(CheckContext context, DateOnly date, Duration period) =>
        date >= context.AsOf || (period.Unit == DurationUnit.WorkingDays
            ? context.Calendar.WorkingDaysBetween(date, context.AsOf) <= period.Amount
            : date >= period.Before(context.AsOf));

    /// <summary>Working days from one date to a later one; a negative span (interpretation first) counts as 0.</summary>
    public static int WorkingDaysAfter(CheckContext context, DateOnly from, DateOnly to) => context.Calendar.WorkingDaysBetween(from, to);

    /// <summary>Days from <paramref name="from"/> to <paramref name="to"/> measured in the duration's unit, compared to its amount.</summary>
    public static bool WithinAfter(CheckContext context, DateOnly from, DateOnly to, Duration limit) => limit.Unit switch
    {
        DurationUnit.WorkingDays => WorkingDaysAfter(context, from, to) <= limit.Amount,
        DurationUnit.Days => to.DayNumber - from.DayNumber <= limit.Amount,
        DurationUnit.Weeks => to.DayNumber - from.DayNumber <= 7 * limit.Amount,
        DurationUnit.Months => to <= from.AddMonths(limit.Amount),
        _ => to <= from.AddYears(limit.Amount),
    };

    /// <summary>
    /// Documents that belong to columns with the given ids: listed in them or in their sub-columns (管委会文件 &gt;
    /// 行政规范性文件), or naming them in their own metas/breadcrumb.
    /// </summary>
    public static IReadOnlyList<Document> Documents(CheckContext context, IReadOnlyList<string> ids)
    {
        var columns = context.Site.Columns.Where(c => c.CatalogueId is { } id && ids.Contains(id)).ToList();
        var urls = columns.Select(c => c.Url).ToHashSet();
        for (bool grew = true; grew;)
        {
            var children = context.Site.Columns.Where(c => !urls.Contains(c.Url) && c.ParentUrl is { } p && urls.Contains(p)).ToList();
            grew = children.Count > 0;
            foreach (var c in children) { urls.Add(c.Url); columns.Add(c); }
        }
        var listed = columns.SelectMany(c => c.Items.Select(i => i.Url)).ToHashSet();
        var named = NamedColumns(context);
        return context.Site.Documents.Where(d =>
            d.ColumnUrls.Any(urls.Contains) || listed.Contains(d.Url)
            || (named.TryGetValue(d, out var id) && ids.Contains(id))).ToList();
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SiteModel.SiteModel, NamedColumnsMemo>
        NamedColumnsOf = new();

    private sealed record NamedColumnsMemo(Catalogue.ColumnCatalogue Catalogue, int Documents, Dictionary<Document, string> Map);

    /// <summary>
    /// Each document's own column (its ColumnName meta or breadcrumb) matched to the catalogue, once per site model:
    /// every leaf that names columns asks, and matching normalises the name each time.
    /// </summary>
    public static Dictionary<Document, string> NamedColumns(CheckContext context)
    {
        if (NamedColumnsOf.TryGetValue(context.Site, out var known) && ReferenceEquals(known.Catalogue, context.Catalogue)
            && known.Documents == context.Site.Documents.Count)
            return known.Map;
        var map = new Dictionary<Document, string>(ReferenceEqualityComparer.Instance);
        foreach (var d in context.Site.Documents)
            if (d.ColumnName is { } n && context.Catalogue.Match(n) is { } m) map[d] = m.Id;
        NamedColumnsOf.AddOrUpdate(context.Site, new NamedColumnsMemo(context.Catalogue, context.Site.Documents.Count, map));
        return map;
    }

    /// <summary>The date a URL was published: its document's published date, else the date a list showed for it.</summary>
    public static DateOnly? PublishedOn(CheckContext context, string url) =>
        context.Site.DocumentAt(url)?.PublishedDate ?? context.Site.ListedDate(url);

    public static IReadOnlyList<string> ColumnIds(CheckParameters parameters, string name, params string[] defaults)
    {
        var ids = parameters.TextList(name);
        return ids.Count > 0 ? ids : defaults;
    }

    public static string Percent(double fraction) => $"{fraction * 100:0.#}%";

    /// <summary>Lists at most <paramref name="max"/> entries, saying how many more there are.</summary>
    public static string Some(IEnumerable<string> items, int max = 5)
    {
        var list = items.ToList();
        return list.Count <= max ? string.Join("、", list) : $"{string.Join("、", list.Take(max))}等{list.Count}项";
    }

    internal static bool IsBrokenOutcome(PageOutcome o) => o.Error switch
    {
        PageErrorKind.None => o.Status is >= 400,
        PageErrorKind.HttpStatus or PageErrorKind.Timeout or PageErrorKind.ConnectionRefused or PageErrorKind.ConnectionReset
            or PageErrorKind.DnsFailure or PageErrorKind.TlsError or PageErrorKind.RedirectLoop or PageErrorKind.TooManyRedirects
            or PageErrorKind.InvalidUrl or PageErrorKind.CircuitOpen => true,
        _ => false,
    };

    /// <summary>The outcome in words for a unit ("域名无法解析", "HTTP 404" ...).</summary>
    public static string Describe(PageOutcome o) => o.Error switch
    {
        PageErrorKind.None when o.Status is >= 400 => $"返回HTTP {o.Status}错误",
        PageErrorKind.None => $"HTTP {o.Status}",
        PageErrorKind.HttpStatus => $"返回HTTP {o.Status}错误",
        PageErrorKind.Timeout => "访问超时",
        PageErrorKind.ConnectionRefused => "连接被拒绝",
        PageErrorKind.ConnectionReset => "连接被重置",
        PageErrorKind.DnsFailure => "域名无法解析",
        PageErrorKind.TlsError => "HTTPS证书或加密连接错误",
        PageErrorKind.TooLarge => "页面过大",
        PageErrorKind.RedirectLoop => "重定向循环",
        PageErrorKind.TooManyRedirects => "重定向次数过多",
        PageErrorKind.OutOfScope => "跳转到站外地址",
        PageErrorKind.BlockedAddress => "解析到内网地址",
        PageErrorKind.RobotsDisallowed => "robots.txt禁止访问",
        PageErrorKind.InvalidUrl => "链接地址无效",
        PageErrorKind.CircuitOpen => "站点连续访问失败",
        PageErrorKind.BrowserError => "浏览器渲染失败",
        _ => "访问失败" + (o.Message is { Length: > 0 } m ? $"（{m}）" : ""),
    };
}
