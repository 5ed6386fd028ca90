using AngleSharp.Html.Parser;
using Openness.Core.Snapshots;
using Openness.Core.Units;
using Openness.Rules.Catalogue;
using Openness.Rules.Dates;
using Openness.Rules.SiteModel.Extraction;

namespace Openness.Rules.SiteModel;

/// <summary>
/// Builds a unit's <see cref="SiteModel"/> from its snapshot pages without refetching. Pages are streamed: each one
/// is parsed, read and its DOM dropped before the next, so a 20,000-page snapshot never holds more than one DOM.
/// </summary>
public sealed class SiteModelBuilder
{
    /// <summary>Notes key a fetcher sets on a Hanweb dataproxy page: the column page whose list it continues.</summary>
    public const string ListOfNote = "list-of";
    /// <summary>Notes key the crawler sets on a search results page: the query it searched for.</summary>
    public const string SearchQueryNote = "search-query";
    /// <summary>Notes key a fetcher sets when a detail page's related-reading (解读) block is loaded by a script it did not run.</summary>
    public const string InterpretationsViaScriptNote = "interpretations-via-script";

    private readonly UnitDefinition _unit;
    private readonly ColumnCatalogue _catalogue;
    private readonly DateOnly? _asOf;
    private readonly HtmlParser _parser = new();
    private readonly SiteModel _model;
    private readonly string _portalKey;
    private readonly Dictionary<string, ColumnDraft> _columns = new();
    private readonly List<(ColumnLink Link, bool FromNavigation)> _links = [];
    private readonly Dictionary<string, string> _documentCrumbColumn = new();
    private readonly HashSet<string> _failedKeys = [];
    private readonly HashSet<string> _linkedKeys = [];
    private readonly HashSet<ColumnLink> _seenLinks = [];
    private readonly Dictionary<string, string> _documentAliases = new();
    private readonly Dictionary<string, string> _redirects = new();
    // Pages that looked like nothing in particular when read; they become columns if a later page links to them as one.
    private readonly Dictionary<string, (string PageUrl, bool NeedsScript, string? Heading)> _pendingEmpty = new();

    // Every page repeats the same menus: keep each distinct link once.
    private void AddLink(ColumnLink link, bool fromNavigation)
    {
        if (!_seenLinks.Add(link)) return;
        _links.Add((link, fromNavigation));
        _linkedKeys.Add(UrlKeys.ColumnKey(link.Url));
    }

    private SiteModelBuilder(UnitDefinition unit, ColumnCatalogue catalogue, DateOnly? asOf)
    {
        _unit = unit;
        _catalogue = catalogue;
        _asOf = asOf;
        _model = new SiteModel { Unit = unit };
        _portalKey = UrlKeys.PageKey(unit.Portal.AbsoluteUri);
    }

    /// <param name="asOf">
    /// The evaluation's "today" (--as-of). Year-less dates (MM-DD) are read against it rather than the fetch date, so
    /// a scan fixed to a day reads its pages as of that day.
    /// </param>
    public static SiteModel Build(UnitDefinition unit, IEnumerable<SnapshotPage> pages, ColumnCatalogue catalogue, DateOnly? asOf = null)
    {
        var builder = new SiteModelBuilder(unit, catalogue, asOf);
        foreach (var page in pages) builder.Add(page);
        return builder.Finish();
    }

    private void Add(SnapshotPage page)
    {
        Dom.ResetPage();
        PageSignals.ResetPage();
        var stripped = page with { Html = null };
        _model.Pages.Add(stripped);
        var isHome = UrlKeys.PageKey(page.Url) == _portalKey || (page.FinalUrl is not null && UrlKeys.PageKey(page.FinalUrl) == _portalKey);
        if (isHome && (_model.Homepage is null || (!_model.Homepage.Outcome.Succeeded && page.Outcome.Succeeded))) _model.Homepage = stripped;

        if (!page.Outcome.Succeeded || string.IsNullOrEmpty(page.Html))
        {
            if (!page.Outcome.Succeeded) _failedKeys.Add(UrlKeys.ColumnKey(page.Url));
            return;
        }

        var url = page.EffectiveUrl;
        if (UrlKeys.ColumnKey(page.Url) is var requested && requested != UrlKeys.ColumnKey(url)) _redirects[requested] = UrlKeys.ColumnKey(url);
        var fetchedOn = _asOf ?? (page.FetchedAt == default ? DateOnly.FromDateTime(DateTime.UtcNow) : DateOnly.FromDateTime(page.FetchedAt.UtcDateTime));
        using var doc = _parser.ParseDocument(page.Html);

        var pubDate = PageSignals.PubDate(doc);
        // A document page's rows matter only inside its "更多" blocks: most detail pages never read them.
        List<ListRow>? listed = null;
        List<ListRow> Rows() => listed ??= ListRowExtractor.Extract(doc, page.Html, url, fetchedOn, _parser);
        var crumbs = NavigationExtractor.Breadcrumb(doc, url);
        foreach (var link in NavigationExtractor.NavigationLinks(doc, url)) AddLink(link, true);
        foreach (var link in crumbs) AddLink(link, false);
        foreach (var block in NavigationExtractor.MoreLinks(doc, url))
        {
            AddLink(block.Column, false);
            var draft = Draft(UrlKeys.ColumnKey(block.Column.Url));
            foreach (var row in Rows().Where(r => r.Element is not null && block.Scope.Contains(r.Element)))
                draft.AddItem(row.Item);
        }
        foreach (var template in PageSignals.SearchTemplates(doc, url))
            if (!_model.SearchUrls.Contains(template)) _model.SearchUrls.Add(template);

        if (page.Notes.TryGetValue(SearchQueryNote, out var query))
        {
            _model.SearchRuns.Add(new SearchRun(url, query, Rows().Count, page.FetchedAt));
            return;
        }
        if (isHome)
        {
            _model.HomepageDates.AddRange(Rows().Select(r => r.Item.Date).OfType<DateOnly>());
            return;
        }

        var metadata = MetadataExtractor.Extract(doc);
        var articleTitle = PageSignals.Meta(doc, "ArticleTitle");
        var isDetail = !page.Notes.ContainsKey(ListOfNote)
            && (articleTitle is not null || UrlKeys.LooksLikeDocument(url) || metadata.Count - (metadata.ContainsKey(MetadataField.Title) ? 1 : 0) >= 2);
        if (isDetail) AddDocument(page, doc, metadata, articleTitle, crumbs, pubDate);
        else AddListPage(page, doc, Rows(), crumbs);
    }

    private void AddListPage(SnapshotPage page, AngleSharp.Dom.IDocument doc, List<ListRow> rows, List<ColumnLink> crumbs)
    {
        var key = page.Notes.TryGetValue(ListOfNote, out var listOf) ? UrlKeys.ColumnKey(listOf) : UrlKeys.ColumnKey(page.EffectiveUrl);
        var meta = PageSignals.Meta(doc, "ColumnName");
        var ownCrumb = crumbs.LastOrDefault(c => UrlKeys.ColumnKey(c.Url) == key);
        // A page that is neither listed, nor named as a column, nor reached as one is some other page (an about page ...).
        if (rows.Count == 0 && meta is null && ownCrumb is null && !_columns.ContainsKey(key) && !_linkedKeys.Contains(key)
            && !_linkedKeys.Contains(UrlKeys.ColumnKey(page.Url)))
        {
            _pendingEmpty[key] = (page.Url, PageSignals.HasListTemplates(doc), PageSignals.ListHeading(doc));
            return;
        }
        var draft = Draft(key);
        draft.Visited = true;
        draft.PageUrls.Add(page.Url);
        // The page's own breadcrumb entry names it best; some CMSs put the site's name in the ColumnName meta.
        if (meta is not null) draft.AddName(NameNormalizer.Normalize(meta), 1);
        if (ownCrumb is not null)
        {
            draft.AddName(ownCrumb.Name, 0);
            draft.ParentKey ??= ownCrumb.ParentUrl is { } p ? UrlKeys.ColumnKey(p) : null;
        }
        if (PageSignals.ListHeading(doc) is { Length: > 0 } heading) draft.AddName(heading, 3);
        foreach (var row in rows) draft.AddItem(row.Item);
        // A list with no name anywhere (a bare fragment) is still a column: it is known by its address.
        draft.AddName(Uri.TryCreate(key, UriKind.Absolute, out var u) ? u.AbsolutePath : key, 9);
        if (rows.Count == 0 && PageSignals.HasListTemplates(doc)) draft.NeedsScript = true;
    }

    private void AddDocument(SnapshotPage page, AngleSharp.Dom.IDocument doc, Dictionary<MetadataField, string> metadata,
        string? articleTitle, List<ColumnLink> crumbs, DateOnly? pubDate)
    {
        string? Field(MetadataField f) => metadata.GetValueOrDefault(f);
        var columnName = PageSignals.Meta(doc, "ColumnName") ?? crumbs.LastOrDefault()?.Name;
        var h1 = Dom.Text(Dom.Elements(doc).FirstH1);
        var title = articleTitle ?? Field(MetadataField.Title) ?? (h1.Length > 0 ? h1 : PageSignals.Title(doc));
        var document = new Document
        {
            Url = page.Url,
            Title = title,
            IndexNumber = Field(MetadataField.IndexNumber),
            IssuingBody = Field(MetadataField.IssuingBody),
            WrittenDate = DateParser.Parse(Field(MetadataField.WrittenDate), pubDate),
            PublishedDate = DateParser.Parse(Field(MetadataField.PublishedDate), pubDate) ?? pubDate,
            DocumentNumber = Field(MetadataField.DocumentNumber),
            Topic = Field(MetadataField.Topic),
            Validity = Field(MetadataField.Validity),
            ColumnName = columnName is null ? null : NameNormalizer.Normalize(columnName),
        };
        foreach (var a in Dom.Links(doc))
            if (UrlKeys.Resolve(page.EffectiveUrl, a.GetAttribute("href")) is { } href && UrlKeys.IsAttachment(href) && !document.Attachments.Contains(href))
                document.Attachments.Add(href);
        var links = InterpretationLinkExtractor.Extract(doc, page.Html!, page.EffectiveUrl,
            InterpretationLinkExtractor.IsInterpretation(title, document.ColumnName), page.Notes);
        document.InterpretationUrls.AddRange(links.Interpretations);
        document.OriginalDocumentUrls.AddRange(links.Originals);
        document.InterpretationLinksViaScript = links.ViaScript;
        if (crumbs.LastOrDefault() is { } own) _documentCrumbColumn[page.Url] = UrlKeys.ColumnKey(own.Url);
        _model.Documents.Add(document);
        if (page.FinalUrl is not null && page.FinalUrl != page.Url) _documentAliases[page.FinalUrl] = page.Url;
    }

    private ColumnDraft Draft(string key)
    {
        if (!_columns.TryGetValue(key, out var d)) _columns[key] = d = new ColumnDraft(key);
        return d;
    }

    private bool InScope(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (_unit.ScopeHosts().Contains(UnitDefinition.ScopeKey(u).ToLowerInvariant())
            || SameSite(u.Host, _unit.Portal.Host));

    /// <summary>Government sites spread over sub-domains (www.x.gov.cn, xxgk.x.gov.cn): same last three labels = same site.</summary>
    private static bool SameSite(string a, string b)
    {
        static string Tail(string h) => string.Join('.', h.ToLowerInvariant().Split('.').TakeLast(h.EndsWith(".gov.cn") ? 3 : 2));
        return Tail(a) == Tail(b);
    }

    private SiteModel Finish()
    {
        Dom.ResetPage();
        PageSignals.ResetPage();
        foreach (var (link, fromNavigation) in _links)
        {
            var key = UrlKeys.ColumnKey(link.Url);
            key = _redirects.GetValueOrDefault(key, key);
            if (key == _portalKey) continue;
            var known = _columns.ContainsKey(key);
            if (!known && fromNavigation && !InScope(link.Url) && _catalogue.Match(link.Name) is null) continue;
            var draft = Draft(key);
            draft.AddName(link.Name, link.Source == ColumnLinkSource.Breadcrumb ? 0 : 2);
            draft.ParentKey ??= link.ParentUrl is { } p && UrlKeys.ColumnKey(p) != _portalKey ? UrlKeys.ColumnKey(p) : null;
            if (_pendingEmpty.Remove(key, out var pending))
            {
                draft.Visited = true;
                draft.PageUrls.Add(pending.PageUrl);
                draft.NeedsScript |= pending.NeedsScript;
                if (pending.Heading is { Length: > 0 } h) draft.AddName(h, 3);
            }
        }

        var columns = _columns.Values.Where(d => d.Names.Count > 0).Select(d => d.ToColumn(_catalogue)).ToList();
        // A menu may link a column by another URL than the page that names itself (nlist.htm vs the folder): one column.
        var visitedNames = columns.Where(c => c.Visited).Select(c => c.NameAsShown).ToHashSet();
        columns.RemoveAll(c => !c.Visited && visitedNames.Contains(c.NameAsShown) && !_failedKeys.Contains(c.Url));
        _model.Columns.AddRange(columns);

        var listedIn = new Dictionary<string, List<string>>();
        foreach (var c in columns)
            foreach (var i in c.Items)
            {
                if (!listedIn.TryGetValue(i.Url, out var l)) listedIn[i.Url] = l = [];
                if (!l.Contains(c.Url)) l.Add(c.Url);
            }
        var aliases = _documentAliases.ToLookup(a => a.Value, a => a.Key);
        var columnKeys = columns.Select(c => c.Url).ToHashSet();
        foreach (var d in _model.Documents)
        {
            foreach (var u in aliases[d.Url].Prepend(d.Url))
                if (listedIn.TryGetValue(u, out var cols))
                    foreach (var c in cols.Where(c => !d.ColumnUrls.Contains(c))) d.ColumnUrls.Add(c);
            if (d.ColumnUrls.Count == 0 && _documentCrumbColumn.TryGetValue(d.Url, out var own) && columnKeys.Contains(own)) d.ColumnUrls.Add(own);
        }
        return _model;
    }

    /// <summary>A column being assembled from everything that named, linked or listed it.</summary>
    private sealed class ColumnDraft(string key)
    {
        public string Key { get; } = key;
        public List<(string Name, int Priority)> Names { get; } = [];
        public string? ParentKey { get; set; }
        public List<ListedItem> Items { get; } = [];
        private readonly HashSet<string> _itemUrls = [];
        public List<string> PageUrls { get; } = [];
        public bool Visited { get; set; }
        public bool NeedsScript { get; set; }

        public void AddName(string name, int priority)
        {
            name = NameNormalizer.Normalize(name);
            if (name.Length > 0 && !Names.Contains((name, priority))) Names.Add((name, priority));
        }

        public void AddItem(ListedItem item)
        {
            if (_itemUrls.Add(item.Url)) Items.Add(item);
            else if (item.Date is not null && Items.FindIndex(i => i.Url == item.Url && i.Date is null) is var at and >= 0) Items[at] = item;
        }

        public Column ToColumn(ColumnCatalogue catalogue)
        {
            var ordered = Names.OrderBy(n => n.Priority).Select(n => n.Name).ToList();
            var match = ordered.Select(catalogue.Match).FirstOrDefault(m => m is not null);
            var column = new Column
            {
                NameAsShown = ordered[0],
                Url = Key,
                ParentUrl = ParentKey == Key ? null : ParentKey,
                CatalogueId = match?.Id,
                Visited = Visited,
                ItemsNeedScript = NeedsScript && Items.Count == 0,
            };
            column.Items.AddRange(Items);
            column.PageUrls.AddRange(PageUrls.Distinct());
            return column;
        }
    }
}
