using Openness.Core.Snapshots;
using Openness.Core.Units;

namespace Openness.Rules.SiteModel;

/// <summary>One entry listed in a column: title, link and date as the list shows them.</summary>
public sealed record ListedItem(string Title, string Url, DateOnly? Date);

/// <summary>A named section of the site that lists items (栏目), merged across all its list pages.</summary>
public sealed class Column
{
    /// <summary>Canonical column id from rules/columns.yaml, or null when the name matched no catalogue entry.</summary>
    public string? CatalogueId { get; set; }
    /// <summary>Name as shown on the site, normalised (&lt;br&gt;, &amp;ensp;, full-width spaces removed).</summary>
    public required string NameAsShown { get; init; }
    public required string Url { get; init; }
    public string? ParentUrl { get; set; }
    public List<ListedItem> Items { get; } = [];
    /// <summary>The list pages this column's items came from (index.html, index_1.html, ...).</summary>
    public List<string> PageUrls { get; } = [];
    /// <summary>True when the list page was seen but its items are drawn by script the snapshot did not run.</summary>
    public bool ItemsNeedScript { get; set; }
    /// <summary>True when the column's own page was fetched (not just linked from a menu).</summary>
    public bool Visited { get; set; }
    public int ItemCount => Items.Count;
    public DateOnly? NewestDate => Items.Max(i => i.Date);
}

/// <summary>A disclosed document (policy document, interpretation, annual report, guide ...) with its catalogue metadata.</summary>
public sealed class Document
{
    public required string Url { get; init; }
    public string? Title { get; set; }
    public string? IndexNumber { get; set; }
    public string? IssuingBody { get; set; }
    public DateOnly? WrittenDate { get; set; }
    public DateOnly? PublishedDate { get; set; }
    public string? DocumentNumber { get; set; }
    public string? Topic { get; set; }
    public string? Validity { get; set; }
    public List<string> Attachments { get; } = [];
    /// <summary>Links from this document to interpretations of it (相关解读, 政策解读, 图解 ...).</summary>
    public List<string> InterpretationUrls { get; } = [];
    /// <summary>Links from this document (when it is an interpretation) back to the policy it explains (原文链接, 关联文件).</summary>
    public List<string> OriginalDocumentUrls { get; } = [];
    /// <summary>The page loads its interpretation links by script (e.g. an API-fed sidebar) that was not run.</summary>
    public bool InterpretationLinksViaScript { get; set; }
    /// <summary>Column page(s) that list this document.</summary>
    public List<string> ColumnUrls { get; } = [];
    /// <summary>Column name from the page's own metas/breadcrumb (ColumnName, 首页>...>政策解读).</summary>
    public string? ColumnName { get; set; }
}

/// <summary>Everything the checks look at, built once per unit from its site snapshot without refetching.</summary>
public sealed class SiteModel
{
    public required UnitDefinition Unit { get; init; }
    public List<Column> Columns { get; } = [];
    public List<Document> Documents { get; } = [];
    /// <summary>Every page's fetch outcome (for reachability and broken-link checks), with HTML dropped.</summary>
    public List<SnapshotPage> Pages { get; } = [];
    public SnapshotPage? Homepage { get; set; }
    /// <summary>Dates seen on the homepage's lists: the newest tells whether the portal is kept up to date.</summary>
    public List<DateOnly> HomepageDates { get; } = [];
    /// <summary>Search forms found on the platform, as URL templates with {q} for the query.</summary>
    public List<string> SearchUrls { get; } = [];
    /// <summary>Searches the crawler ran (pages noted "search-query"), with the number of results each listed.</summary>
    public List<SearchRun> SearchRuns { get; } = [];

    public IEnumerable<Column> ColumnsFor(string catalogueId) => Columns.Where(c => c.CatalogueId == catalogueId);

    // Checks look documents and listed dates up by URL for every policy document and interpretation: with 20,000
    // documents a scan per lookup made the checks quadratic. Indexes are rebuilt if the model grew since.
    private Dictionary<string, Document>? _documentsByUrl;
    private int _documentsIndexed = -1;
    private Dictionary<string, DateOnly>? _listedDates;
    private int _listedIndexed = -1;

    /// <summary>The first document at <paramref name="url"/>.</summary>
    public Document? DocumentAt(string url)
    {
        if (_documentsByUrl is null || _documentsIndexed != Documents.Count)
        {
            _documentsByUrl = new Dictionary<string, Document>(StringComparer.Ordinal);
            foreach (var d in Documents) _documentsByUrl.TryAdd(d.Url, d);
            _documentsIndexed = Documents.Count;
        }
        return _documentsByUrl.GetValueOrDefault(url);
    }

    /// <summary>The first date a column list shows for <paramref name="url"/> (columns and rows in order), if any shows one.</summary>
    public DateOnly? ListedDate(string url)
    {
        var items = Columns.Sum(c => c.Items.Count);
        if (_listedDates is null || _listedIndexed != items)
        {
            _listedDates = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
            foreach (var i in Columns.SelectMany(c => c.Items))
                if (i.Date is { } d) _listedDates.TryAdd(i.Url, d);
            _listedIndexed = items;
        }
        return _listedDates.TryGetValue(url, out var date) ? date : null;
    }

    private Dictionary<string, SnapshotPage>? _pagesByUrl;
    private int _pagesIndexed = -1;

    /// <summary>The fetched page at <paramref name="url"/> (its requested or final URL), for evidence times and outcomes.</summary>
    public SnapshotPage? PageAt(string url)
    {
        if (_pagesByUrl is null || _pagesIndexed != Pages.Count)
        {
            _pagesByUrl = new Dictionary<string, SnapshotPage>();
            foreach (var p in Pages)
            {
                _pagesByUrl.TryAdd(p.Url, p);
                if (p.FinalUrl is not null) _pagesByUrl.TryAdd(p.FinalUrl, p);
            }
            _pagesIndexed = Pages.Count;
        }
        return _pagesByUrl.GetValueOrDefault(url);
    }
}

/// <summary>A search the crawler ran on the platform (the snapshot page carries Notes["search-query"]), and how many rows it listed.</summary>
public sealed record SearchRun(string Url, string Query, int ResultCount, DateTimeOffset FetchedAt);
