namespace Openness.Fixtures.Portals;

/// <summary>The CMS families seen on county and department portals (see the corpus INDEX.md pattern notes).</summary>
public enum PortalFamily
{
    /// <summary>TRS WCM: static index_N.html lists paged by createPageHTML, documents ./YYYYMM/tYYYYMMDD_id.html.</summary>
    TrsWcm,
    /// <summary>Hanweb JCMS: /col/col&lt;id&gt;/index.html with a &lt;datastore&gt;, later groups by dataproxy.jsp POST.</summary>
    Hanweb,
    /// <summary>TRS 集约化 "动静结合": static first list page plus an avalon template fed by a JSON API.</summary>
    Avalon,
}

/// <summary>What to generate. Everything is deterministic for a given spec.</summary>
public sealed record PortalSpec
{
    public PortalFamily Family { get; init; } = PortalFamily.TrsWcm;
    public string County { get; init; } = "青山县";
    public string SiteCode { get; init; } = "3601230001";
    /// <summary>Documents spread over the columns (the page count follows from it and the list page size).</summary>
    public int Documents { get; init; } = 60;
    /// <summary>Rows per TRS list page; Hanweb uses 15 per page, 45 per group, as the real dataproxy does.</summary>
    public int ListPageSize { get; init; } = 20;
    /// <summary>Calendar, deep-path and session-id links on the home page.</summary>
    public bool Traps { get; init; } = true;
    /// <summary>Hanweb only: the newer "load more" list (morecolumndataproxy.jsp?page=n, one page per request).</summary>
    public bool HanwebLoadMore { get; init; }
    /// <summary>Attach a PDF to every n-th policy document (0 = none).</summary>
    public int AttachmentEvery { get; init; } = 5;
    /// <summary>null = no robots.txt (404).</summary>
    public string? RobotsTxt { get; init; }
    public DateOnly Today { get; init; } = new(2026, 11, 20);

    public string GovernmentName => County + "人民政府";

    /// <summary>
    /// A spec whose portal has at least <paramref name="pages"/> pages: pages a script-less crawler reaches for TRS
    /// and Hanweb, all pages for the avalon family (most of which only the browser reaches).
    /// </summary>
    public static PortalSpec WithPageCount(PortalFamily family, int pages, bool traps = true)
    {
        var spec = new PortalSpec { Family = family, Traps = traps, AttachmentEvery = 0, Documents = 12 };
        int Size(int documents)
        {
            var portal = PortalGenerator.Generate(spec with { Documents = documents });
            return family == PortalFamily.Avalon ? portal.PagePaths.Count : portal.CrawlablePaths.Count;
        }
        // Page count grows with the document count: find the smallest document count that is big enough.
        int lo = 12, hi = Math.Max(24, pages * 2);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Size(mid) >= pages) hi = mid; else lo = mid + 1;
        }
        return spec with { Documents = lo };
    }
}

public sealed record PortalResource(string ContentType, string Body)
{
    public static PortalResource Html(string body) => new("text/html; charset=utf-8", body);
}

/// <summary>A column (栏目) of the generated portal: its first page, all its list pages and its documents.</summary>
public sealed record PortalColumn(string Id, string Name, string Path, IReadOnlyList<string> ListPages, IReadOnlyList<string> Documents);

/// <summary>One list row of a Hanweb column or an avalon channel (served by the dynamic endpoints).</summary>
public sealed record PortalItem(string Title, string Path, DateOnly Date);
