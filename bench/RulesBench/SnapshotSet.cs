using System.Globalization;
using Openness.Core.Snapshots;
using Openness.Fixtures.Portals;
using Openness.Rules.SiteModel;

namespace Openness.RulesBench;

/// <summary>One unit's stored site snapshot of the benchmark: which CMS family, where, and the portal it was taken of.</summary>
public sealed record BenchSnapshot(string Label, string Path, string PortalUrl, int Pages);

/// <summary>
/// Writes generated portals of each CMS family into real <see cref="SnapshotStore"/> files, page by page as the
/// crawler stores them (gzip HTML, fetch outcome, notes), and keeps them between runs: generating 20,000 pages
/// costs more than either side of the benchmark.
/// </summary>
public static class SnapshotSet
{
    private const string CompleteKey = "bench-complete";
    private const string PortalKey = "bench-portal";
    /// <summary>Share of the pages per family: TRS WCM is the most common platform among county portals.</summary>
    private static readonly (PortalFamily Family, double Share, string Host)[] Mix =
    [
        (PortalFamily.TrsWcm, 0.5, "www.qingshan.gov.cn"),
        (PortalFamily.Hanweb, 0.25, "www.baishui.gov.cn"),
        (PortalFamily.Avalon, 0.25, "www.lvye.gov.cn"),
    ];

    public static IReadOnlyList<BenchSnapshot> Ensure(string folder, int totalPages)
    {
        Directory.CreateDirectory(folder);
        var result = new List<BenchSnapshot>();
        foreach (var (family, share, host) in Mix)
        {
            var want = (int)Math.Ceiling(totalPages * share);
            var path = System.IO.Path.Combine(folder, $"{family.ToString().ToLowerInvariant()}-{want}.sqlite");
            var root = new Uri($"http://{host}/");
            result.Add(Once(family.ToString(), path, new Uri(root, "/index.html").AbsoluteUri, store =>
            {
                Console.WriteLine($"writing {family} snapshot of at least {want} pages to {path} ...");
                Write(store, family, want, root);
            }));
        }
        return result;
    }

    /// <summary>
    /// A unit's snapshot of <paramref name="pages"/> pages whose HTML is the real government pages of the shared
    /// corpus (every whole page, not the fragments), each stored under its own document URL of one portal. The
    /// generated portals' pages are 2-3 KB; real portal pages are 10-400 KB (menus, footers, sidebars), so this set
    /// weighs the per-element work as real sites do, the generated set the per-page work.
    /// </summary>
    public static BenchSnapshot EnsureRealPages(string folder, int pages)
    {
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, $"realpages-{pages}.sqlite");
        return Once("real pages", path, "http://www.pingtan.gov.cn/index.html", store =>
        {
            var files = Directory.GetFiles(Openness.Fixtures.RealPages.Root, "*.html", SearchOption.AllDirectories)
                .Where(f => !f.Contains(".fragment.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0) throw new FileNotFoundException($"no real pages under {Openness.Fixtures.RealPages.Root}");
            Console.WriteLine($"writing a snapshot of {pages} pages from {files.Length} real pages to {path} ...");
            var html = files.Select(File.ReadAllText).ToArray();
            var fetchedAt = new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < pages; i++)
            {
                var day = new DateOnly(2020, 1, 1).AddDays(i % 2000);
                var url = string.Create(CultureInfo.InvariantCulture,
                    $"http://www.pingtan.gov.cn/zwgk/c{i % files.Length}/{day:yyyyMM}/t{day:yyyyMMdd}_{100000 + i}.htm");
                store.Save(Page(url, html[i % html.Length], fetchedAt, 2, null));
            }
        });
    }

    /// <summary>
    /// The snapshot at <paramref name="path"/>, written by <paramref name="write"/> unless a complete one is already
    /// there (an interrupted one is deleted first).
    /// </summary>
    private static BenchSnapshot Once(string label, string path, string portalUrl, Action<SnapshotStore> write)
    {
        if (!IsComplete(path))
        {
            foreach (var f in Directory.GetFiles(System.IO.Path.GetDirectoryName(path)!, System.IO.Path.GetFileName(path) + "*")) File.Delete(f);
            using var store = SnapshotStore.Open(path);
            store.SetMeta(PortalKey, portalUrl);
            write(store);
            store.SetMeta(CompleteKey, "1");
        }
        using var done = SnapshotStore.Open(path);
        return new BenchSnapshot(label, path, done.GetMeta(PortalKey) ?? portalUrl, done.PageCount());
    }

    private static bool IsComplete(string path)
    {
        if (!File.Exists(path)) return false;
        using var store = SnapshotStore.Open(path);
        return store.GetMeta(CompleteKey) == "1";
    }

    private static void Write(SnapshotStore store, PortalFamily family, int pages, Uri root)
    {
        var spec = SpecFor(family, pages);
        var portal = PortalGenerator.Generate(spec);
        var fetchedAt = new DateTimeOffset(spec.Today.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
        var depth = 0;
        // Home page first, as a crawl finds it; then every page a crawl reaches (the avalon documents past the first
        // list page too: a browser-mode crawl renders the lists that lead to them).
        foreach (var p in portal.PagePaths.OrderBy(p => p == "/index.html" ? 0 : 1))
            store.Save(Page(new Uri(root, p).AbsoluteUri, portal.Resources[p].Body, fetchedAt, depth++ == 0 ? 0 : 2, null));
        if (family == PortalFamily.Hanweb)
            foreach (var column in portal.Columns)
                SaveDataProxyGroups(store, root, column, portal.HanwebRecords[column.Id], fetchedAt);
    }

    /// <summary>A spec with at least <paramref name="pages"/> pages in the snapshot (Hanweb: its dataproxy groups count).</summary>
    private static PortalSpec SpecFor(PortalFamily family, int pages)
    {
        var spec = new PortalSpec { Family = family, Traps = false, AttachmentEvery = family == PortalFamily.TrsWcm ? 5 : 0 };
        int Size(int documents)
        {
            var p = PortalGenerator.Generate(spec with { Documents = documents });
            return p.PagePaths.Count + (family == PortalFamily.Hanweb ? p.DataProxyPosts : 0);
        }
        // Every family has about one page per document plus a few list pages: start near the answer.
        int lo = Math.Max(12, pages / 2), hi = pages + 12;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Size(mid) >= pages) hi = mid; else lo = mid + 1;
        }
        return spec with { Documents = lo };
    }

    /// <summary>The later record groups of a Hanweb column, stored as the crawler stores its dataproxy POST answers.</summary>
    private static void SaveDataProxyGroups(SnapshotStore store, Uri root, PortalColumn column, List<PortalItem> records, DateTimeOffset fetchedAt)
    {
        var columnUrl = new Uri(root, column.Path).AbsoluteUri;
        var unit = HanwebPortalBuilder.UnitId(column.Id);
        for (var start = HanwebPortalBuilder.GroupSize + 1; start <= records.Count; start += HanwebPortalBuilder.GroupSize)
        {
            var end = start + HanwebPortalBuilder.GroupSize - 1;
            var url = string.Create(CultureInfo.InvariantCulture,
                $"{root}module/web/jpage/dataproxy.jsp?startrecord={start}&endrecord={end}&perpage={HanwebPortalBuilder.PerPage}" +
                $"&page=1&appid=1&webid={HanwebPortalBuilder.WebId}&path=%2F&columnid={column.Id}&unitid={unit}&permissiontype=0");
            store.Save(Page(url, HanwebPortalBuilder.DataProxyAnswer(records, start, end), fetchedAt, 2,
                new Dictionary<string, string> { [SiteModelBuilder.ListOfNote] = columnUrl }));
        }
    }

    private static SnapshotPage Page(string url, string html, DateTimeOffset fetchedAt, int depth, IReadOnlyDictionary<string, string>? notes) => new()
    {
        Url = url,
        Depth = depth,
        FetchedAt = fetchedAt,
        Outcome = PageOutcome.Ok(200, 1, TimeSpan.FromMilliseconds(20)),
        ContentType = "text/html; charset=utf-8",
        Html = html,
        Notes = notes ?? new Dictionary<string, string>(),
    };
}
