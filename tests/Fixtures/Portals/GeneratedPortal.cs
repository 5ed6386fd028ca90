namespace Openness.Fixtures.Portals;

/// <summary>A portal held in memory: static resources by path plus the data behind its dynamic endpoints.</summary>
public sealed class GeneratedPortal
{
    private readonly Dictionary<string, PortalResource> _resources = new(StringComparer.Ordinal);
    private readonly List<string> _crawlable = [];
    private readonly List<string> _pages = [];
    private readonly HashSet<string> _crawlableSet = new(StringComparer.Ordinal);

    public PortalSpec Spec { get; }
    public IReadOnlyDictionary<string, PortalResource> Resources => _resources;
    /// <summary>Every HTML page (path) a crawler that follows links and the CMS paging conventions reaches without
    /// running script, traps and search excluded. Hanweb dataproxy POSTs are counted in <see cref="DataProxyPosts"/>.</summary>
    public IReadOnlyList<string> CrawlablePaths => _crawlable;
    /// <summary>Every HTML page of the site, including those only script (the avalon JSON API) leads to.</summary>
    public IReadOnlyList<string> PagePaths => _pages;
    /// <summary>List pages per column a crawler must be allowed (CrawlerOptions.MaxListPagesPerColumn) to reach
    /// every page in <see cref="CrawlablePaths"/>: TRS lists and Hanweb groups (3 pages each) grow with the portal.</summary>
    public int ListPagesNeededPerColumn => Math.Max(1, Columns.Count == 0 ? 1 : Columns.Max(c =>
        Spec.Family == PortalFamily.Hanweb ? 3 * (int)Math.Ceiling(c.Documents.Count / 45.0) : c.ListPages.Count));
    public List<PortalColumn> Columns { get; } = [];
    public List<string> DocumentPaths { get; } = [];
    public List<string> AttachmentPaths { get; } = [];
    /// <summary>Hanweb: column id → all records, newest first (the dataproxy answers slices of these).</summary>
    public Dictionary<string, List<PortalItem>> HanwebRecords { get; } = new();
    /// <summary>Hanweb: the POST groups (beyond the embedded first group) needed to list every record.</summary>
    public int DataProxyPosts { get; internal set; }
    /// <summary>Avalon: channel id → all items, newest first (served as JSON by /api/list).</summary>
    public Dictionary<string, List<PortalItem>> AvalonChannels { get; } = new();

    public GeneratedPortal(PortalSpec spec) => Spec = spec;

    /// <summary>A hand-made site for focused tests: path → HTML.</summary>
    public static GeneratedPortal FromPages(IReadOnlyDictionary<string, string> pages, string? robotsTxt = null)
    {
        var portal = new GeneratedPortal(new PortalSpec { Traps = false, RobotsTxt = robotsTxt, Documents = 0 });
        foreach (var (path, html) in pages) portal.AddPage(path, html);
        return portal;
    }

    public void AddPage(string path, string html, bool crawlable = true)
    {
        if (!_resources.ContainsKey(path)) _pages.Add(path);
        _resources[path] = PortalResource.Html(html);
        if (crawlable && _crawlableSet.Add(path)) _crawlable.Add(path);
    }

    public void AddResource(string path, PortalResource resource) => _resources[path] = resource;
}
