using System.Text.Json;
using Openness.Core.Snapshots;

namespace Openness.Crawler.Crawling;

/// <summary>
/// How to fetch a frontier URL that is not a plain GET of itself (dataproxy POSTs, searches), and what to note on
/// the stored page. Kept in the snapshot's meta table under <c>req:&lt;url&gt;</c>, so a resumed crawl knows too.
/// </summary>
internal sealed record CrawlRequestRecord
{
    public string Method { get; init; } = "GET";
    /// <summary>The URL actually requested (a synthetic frontier URL maps to the real proxy URL).</summary>
    public string? Target { get; init; }
    public Dictionary<string, string>? Form { get; init; }
    public Dictionary<string, string> Notes { get; init; } = new();
    /// <summary>Hanweb group index (1 = second group) and page size, to continue paging from the answer.</summary>
    public int? HanwebGroup { get; init; }
    public int HanwebPerPage { get; init; } = 15;
    public string? ListOf { get; init; }

    private const string Prefix = "req:";

    public static CrawlRequestRecord? Load(SnapshotStore store, string url) =>
        store.GetMeta(Prefix + url) is { } json ? JsonSerializer.Deserialize<CrawlRequestRecord>(json) : null;

    public void Save(SnapshotStore store, string url) => store.SetMeta(Prefix + url, JsonSerializer.Serialize(this));
}
