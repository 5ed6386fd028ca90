namespace Openness.Crawler.Crawling;

/// <summary>How a unit's crawl ended as a whole.</summary>
public enum UnitCrawlOutcome
{
    /// <summary>The portal answered; per-page failures are in the snapshot.</summary>
    Ok,
    /// <summary>The portal could not be reached (refused, no DNS, timeout, 403 ...): itself a finding.</summary>
    Unreachable,
    /// <summary>The crawl itself broke (a bug or a broken snapshot file); message says why.</summary>
    Failed,
}

/// <summary>Why a discovered URL was not fetched.</summary>
public enum SkipReason { OutOfScope, Robots, Trap, Depth, PageBudget, AttachmentBudget, ListPageCap }

/// <summary>What one run of <see cref="SiteCrawler.CrawlAsync"/> did for a unit.</summary>
public sealed record CrawlSummary
{
    public required string UnitId { get; init; }
    public required UnitCrawlOutcome Outcome { get; init; }
    /// <summary>User-facing wording of the outcome (Chinese), with the technical cause in brackets.</summary>
    public string? Message { get; init; }
    /// <summary>Pages fetched and stored by this run.</summary>
    public int PagesFetched { get; init; }
    /// <summary>Pages in the snapshot after this run (earlier runs of a resumed crawl included).</summary>
    public int PagesTotal { get; init; }
    /// <summary>Pages of this run whose fetch did not succeed (stored with their error).</summary>
    public int Failed { get; init; }
    public IReadOnlyDictionary<SkipReason, int> SkippedBy { get; init; } = new Dictionary<SkipReason, int>();
    public int Skipped => SkippedBy.Values.Sum();
    /// <summary>Set when a budget ended the crawl early: "page-budget" or "time-budget".</summary>
    public string? StoppedBy { get; init; }
    public TimeSpan Elapsed { get; init; }
    /// <summary>True when this run continued a snapshot that already held pages.</summary>
    public bool Resumed { get; init; }
}
