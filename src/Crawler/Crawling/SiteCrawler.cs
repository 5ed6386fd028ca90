using System.Collections.Concurrent;
using System.Diagnostics;
using Openness.Core.Snapshots;
using Openness.Core.Units;
using Openness.Crawler.Fetching;

namespace Openness.Crawler.Crawling;

/// <summary>
/// Crawls one unit's site breadth-first into its <see cref="SnapshotStore"/>. Every page and every frontier change
/// is committed as it happens, so calling <see cref="CrawlAsync"/> again on the same store resumes the crawl:
/// fetched URLs are not fetched again and pending ones continue. The fetcher is shared and may be used by several
/// crawls at once; <see cref="HostThrottle"/> (shared across units) bounds requests per host and in total.
/// </summary>
public sealed class SiteCrawler
{
    /// <summary>The query sent through a site's search form (the search-works check reads the stored note).</summary>
    public const string SearchQuery = "政务公开";
    public const string NoteSearchQuery = "search-query";
    public const string NoteListOf = "list-of";
    public const string NoteHttpMethod = "http-method";

    private const int PriorityListPage = 5;
    private const int PriorityPage = 0;
    private const int PrioritySearch = -5;
    private const int PriorityAttachment = -10;

    private readonly IPageFetcher _fetcher;
    private readonly CrawlerOptions _options;
    private readonly HostThrottle _throttle;

    public SiteCrawler(IPageFetcher fetcher, CrawlerOptions options, HostThrottle throttle)
    {
        _fetcher = fetcher;
        _options = options;
        _throttle = throttle;
    }

    public Task<CrawlSummary> CrawlAsync(UnitDefinition unit, SnapshotStore store, CancellationToken cancellationToken) =>
        new Run(this, unit, store).ExecuteAsync(cancellationToken);

    /// <summary>The state of one crawl of one unit.</summary>
    private sealed class Run
    {
        private readonly SiteCrawler _owner;
        private readonly UnitDefinition _unit;
        private readonly SnapshotStore _store;
        private readonly FetchScope _scope;
        private readonly int _maxPages;
        private readonly int _maxDepth;
        private readonly int _maxAttachments;
        private readonly TrapDetector _traps = new();
        private readonly ConcurrentDictionary<string, Lazy<Task<RobotsRules>>> _robots = new();
        private readonly ConcurrentDictionary<string, byte> _outOfScope = new();
        private readonly ConcurrentDictionary<SkipReason, int> _skips = new();
        private readonly ConcurrentDictionary<string, int> _listPagesPerColumn = new();
        // URLs this run knows are in the frontier. Entries never leave the frontier, so a hit spares the SQLite
        // lookup that every link on every page would otherwise cost (nav bars repeat the same links on each page).
        private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);
        private readonly Lock _listGate = new();
        private readonly string _portalUrl;
        private int _reserved;
        private int _attachments;
        private int _fetched;
        private int _failed;

        public Run(SiteCrawler owner, UnitDefinition unit, SnapshotStore store)
        {
            _owner = owner;
            _unit = unit;
            _store = store;
            _scope = FetchScope.For(unit);
            _maxPages = Math.Max(1, unit.MaxPages ?? owner._options.MaxPagesPerUnit);
            _maxDepth = Math.Max(0, unit.MaxDepth ?? owner._options.MaxDepth);
            // Attachments matter for broken-link checks, but must not eat the budget meant for pages.
            _maxAttachments = Math.Max(2, _maxPages / 20);
            _portalUrl = UrlNormalizer.Normalize(unit.Portal);
            // Trap counts go into the checkpoint as they grow, so a resumed crawl stops a trap where the first run would.
            _traps.Recorded = (kind, key, value) => _store.SetMeta($"{TrapMetaPrefix}{kind}:{key}\n{value}", "");
        }

        private const string TrapMetaPrefix = "trap:";
        private const string ListSlotsMetaPrefix = "list-slots:";

        /// <summary>
        /// Picks up the caps' counts where a killed run left them: trap buckets and list pages per column from the
        /// checkpoint, attachments from the pages stored. Without this a resume would grant every cap afresh.
        /// </summary>
        private void RestoreCounters()
        {
            foreach (var (key, _) in _store.MetaWithPrefix(TrapMetaPrefix))
            {
                var rest = key[TrapMetaPrefix.Length..];
                var colon = rest.IndexOf(':');
                var newline = rest.IndexOf('\n');
                if (colon > 0 && newline > colon)
                    _traps.Restore(rest[..colon], rest[(colon + 1)..newline], rest[(newline + 1)..]);
            }
            foreach (var (key, value) in _store.MetaWithPrefix(ListSlotsMetaPrefix))
            {
                if (int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var taken))
                    _listPagesPerColumn[key[ListSlotsMetaPrefix.Length..]] = taken;
            }
            _attachments = _store.Pages(withHtml: false).Count(p => LinkExtractor.IsAttachment(new Uri(p.Url)));
        }

        private CrawlerOptions Options => _owner._options;

        public async Task<CrawlSummary> ExecuteAsync(CancellationToken ct)
        {
            var clock = Stopwatch.StartNew();
            var startPages = _store.PageCount();
            _reserved = startPages;
            if (startPages > 0) RestoreCounters();
            _store.SetMeta("unit-id", _unit.Id);
            _store.Enqueue(_portalUrl, 0, null, 100);
            foreach (var entry in _unit.Entries) _store.Enqueue(UrlNormalizer.Normalize(entry), 0, null, 50);

            var parallel = Math.Clamp(Options.PerHostConcurrency * Math.Max(1, _scope.AllowedHosts.Count), 1, Math.Max(1, Options.GlobalConcurrency));
            var deadline = Options.MaxTimePerUnit;
            var inflight = new Dictionary<string, Task>();
            string? stoppedBy = null;
            try
            {
                while (true)
                {
                    ct.ThrowIfCancellationRequested();
                    if (stoppedBy is null && clock.Elapsed >= deadline) stoppedBy = "time-budget";
                    var pendingSeen = false;
                    if (stoppedBy != "time-budget" && inflight.Count < parallel)
                    {
                        foreach (var entry in _store.Pending(parallel * 4 + inflight.Count))
                        {
                            if (inflight.ContainsKey(entry.Url)) continue;
                            pendingSeen = true;
                            if (inflight.Count >= parallel) break;
                            if (Volatile.Read(ref _reserved) >= _maxPages)
                            {
                                stoppedBy ??= "page-budget";
                                SkipStored(entry.Url, SkipReason.PageBudget, "page budget reached");
                                continue;
                            }
                            var isAttachment = LinkExtractor.IsAttachment(new Uri(entry.Url));
                            if (isAttachment && _attachments >= _maxAttachments)
                            {
                                SkipStored(entry.Url, SkipReason.AttachmentBudget, "attachment share of the budget reached");
                                continue;
                            }
                            Interlocked.Increment(ref _reserved);
                            if (isAttachment) _attachments++;
                            inflight[entry.Url] = ProcessAsync(entry, ct);
                        }
                    }
                    if (inflight.Count == 0)
                    {
                        if (pendingSeen && stoppedBy != "time-budget") continue;
                        break;
                    }
                    var done = await Task.WhenAny(inflight.Values).ConfigureAwait(false);
                    foreach (var key in inflight.Where(p => p.Value.IsCompleted).Select(p => p.Key).ToList())
                    {
                        var task = inflight[key];
                        inflight.Remove(key);
                        await task.ConfigureAwait(false); // surfaces cancellation; page errors are outcomes
                    }
                    _ = done;
                }
            }
            finally
            {
                // Let in-flight requests finish or observe cancellation so nothing writes after we return.
                try { await Task.WhenAll(inflight.Values).ConfigureAwait(false); } catch (OperationCanceledException) { }
            }

            var (outcome, message) = UnitOutcome();
            return new CrawlSummary
            {
                UnitId = _unit.Id,
                Outcome = outcome,
                Message = message,
                PagesFetched = _fetched,
                PagesTotal = _store.PageCount(),
                Failed = _failed,
                SkippedBy = new Dictionary<SkipReason, int>(_skips),
                StoppedBy = stoppedBy,
                Elapsed = clock.Elapsed,
                Resumed = startPages > 0,
            };
        }

        private async Task ProcessAsync(FrontierEntry entry, CancellationToken ct)
        {
            await Task.Yield();
            var record = CrawlRequestRecord.Load(_store, entry.Url);
            var target = new Uri(record?.Target ?? entry.Url);
            if (Options.HonourRobotsTxt && !(await RobotsFor(target, ct).ConfigureAwait(false)).IsAllowed(target))
            {
                Interlocked.Decrement(ref _reserved);
                SkipStored(entry.Url, SkipReason.Robots, "disallowed by robots.txt");
                return;
            }

            var request = new FetchRequest
            {
                Url = target,
                Method = record?.Method ?? "GET",
                Form = record?.Form,
                Referrer = entry.Referrer,
                Screenshot = entry.Depth == 0 && record is null && _unit.FetchMode != FetchModePreference.Http,
                ForceBrowser = _unit.FetchMode == FetchModePreference.Browser ||
                               _unit.BrowserHints.Any(h => target.AbsolutePath.StartsWith(h, StringComparison.OrdinalIgnoreCase)),
            };
            var started = Stopwatch.StartNew();
            FetchedPage fetched;
            using (await _owner._throttle.AcquireAsync(target, ct).ConfigureAwait(false))
            {
                try
                {
                    fetched = await _owner._fetcher.FetchAsync(request, _scope, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // The contract says fetchers report failures as outcomes; a throwing one must not end the unit.
                    fetched = new FetchedPage
                    {
                        RequestedUrl = target, FinalUrl = target, Mode = FetchMode.Http,
                        Outcome = new PageOutcome { Error = PageErrorKind.Other, Message = $"{e.GetType().Name}: {e.Message}", Elapsed = started.Elapsed },
                    };
                }
            }

            var notes = new Dictionary<string, string>(fetched.Notes);
            if (record is not null)
            {
                foreach (var (k, v) in record.Notes) notes[k] = v;
                if (record.Method != "GET") notes[NoteHttpMethod] = record.Method;
            }
            var page = new SnapshotPage
            {
                Url = entry.Url,
                FinalUrl = fetched.FinalUrl.AbsoluteUri == target.AbsoluteUri ? null : fetched.FinalUrl.AbsoluteUri,
                Depth = entry.Depth,
                Referrer = entry.Referrer,
                Mode = fetched.Mode,
                FetchedAt = DateTimeOffset.UtcNow,
                Outcome = fetched.Outcome,
                ContentType = fetched.ContentType,
                Html = fetched.Html,
                ScreenshotPath = fetched.Screenshot is { Length: > 0 } png ? SaveScreenshot(entry.Url, png) : null,
                Notes = notes,
            };
            _store.Save(page);
            Interlocked.Increment(ref _fetched);
            if (!fetched.Outcome.Succeeded) Interlocked.Increment(ref _failed);

            if (page.FinalUrl is not null && _scope.Allows(fetched.FinalUrl))
            {
                // The redirect target is this page: remember it so a link to it is not fetched again.
                var alias = UrlNormalizer.Normalize(fetched.FinalUrl);
                if (alias != entry.Url && _store.Enqueue(alias, entry.Depth, entry.Url)) _store.Skip(alias);
            }
            if (fetched.Outcome.Succeeded && fetched.Html is { Length: > 0 } html)
            {
                try
                {
                    Discover(entry, record, fetched.FinalUrl, html);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A hostile or broken page must cost only its own links, not the unit's crawl.
                    _store.SetMeta("discover-error:" + entry.Url, $"{e.GetType().Name}: {e.Message}");
                }
            }
        }

        private void Discover(FrontierEntry entry, CrawlRequestRecord? record, Uri url, string html)
        {
            var childDepth = entry.Depth + 1;
            var hanweb = PagingDiscovery.Datastore(html, url);
            if (record?.HanwebGroup is { } group && record.ListOf is { } column)
            {
                // A dataproxy answer: its records are the column's items; its total says how many groups follow.
                foreach (var link in hanweb?.RecordLinks ?? []) Offer(link, childDepth, column, PriorityPage);
                if (hanweb is not null && record.Form is not null && record.Target is not null)
                {
                    var size = record.HanwebPerPage * PagingDiscovery.PagesPerRequest(new Uri(record.Target));
                    var full = hanweb.RecordLinks.Count >= size;
                    var groups = hanweb.TotalRecords is { } total
                        ? (int)Math.Ceiling(total / (double)size)
                        : full ? group + 2 : group + 1;
                    EnqueueHanwebGroups(new Uri(record.Target), record.Form, record.HanwebPerPage, groups, column, entry.Depth);
                }
                return;
            }

            var page = ParsedPage.Parse(html, url);
            // Pager targets first: offered as plain links they would escape the per-column cap and sink a level.
            foreach (var listPage in PagingDiscovery.TrsListPages(page, Options.MaxListPagesPerColumn))
                OfferListPage(listPage, entry);
            foreach (var listPage in PagingDiscovery.PagerLinks(page))
                OfferListPage(listPage, entry);
            foreach (var link in LinkExtractor.Extract(page))
                Offer(link.Url, childDepth, entry.Url, link.Kind == LinkKind.Attachment ? PriorityAttachment : PriorityPage);

            if (hanweb is not null)
            {
                foreach (var link in hanweb.RecordLinks) Offer(link, childDepth, entry.Url, PriorityPage);
                if (hanweb.ProxyUrl is not null)
                {
                    var size = hanweb.PerPage * PagingDiscovery.PagesPerRequest(hanweb.ProxyUrl);
                    var groups = hanweb.TotalRecords is { } total ? (int)Math.Ceiling(total / (double)size)
                        : hanweb.RecordLinks.Count >= size ? 2 : 1;
                    EnqueueHanwebGroups(hanweb.ProxyUrl, hanweb.ProxyForm, hanweb.PerPage, groups, entry.Url, entry.Depth);
                }
            }

            if (entry.Depth <= 1 && _store.GetMeta("search-enqueued") is null)
            {
                foreach (var form in LinkExtractor.SearchForms(page))
                {
                    var search = LinkExtractor.SearchUrl(form, SearchQuery);
                    if (!_scope.Allows(search)) continue;
                    var key = UrlNormalizer.Normalize(search);
                    _store.SetMeta("search-enqueued", key);
                    if (_store.IsKnown(key)) break;
                    new CrawlRequestRecord { Notes = { [NoteSearchQuery] = SearchQuery } }.Save(_store, key);
                    _store.Enqueue(key, childDepth, entry.Url, PrioritySearch);
                    break;
                }
            }
        }

        /// <summary>Offers a link found on a page: scope, dedup, depth budget and trap checks, then the frontier.</summary>
        private void Offer(Uri url, int depth, string referrer, int priority)
        {
            if (!_scope.Allows(url))
            {
                if (_outOfScope.TryAdd(url.AbsoluteUri, 0)) Count(SkipReason.OutOfScope);
                return;
            }
            var key = UrlNormalizer.Normalize(url);
            if (IsKnown(key)) return;
            if (depth > _maxDepth)
            {
                if (EnqueueKnown(key, depth, referrer, priority)) SkipStored(key, SkipReason.Depth, "beyond depth budget");
                return;
            }
            if (_traps.Check(new Uri(key)) is { } trap)
            {
                if (EnqueueKnown(key, depth, referrer, priority)) SkipStored(key, SkipReason.Trap, trap);
                return;
            }
            EnqueueKnown(key, depth, referrer, priority);
        }

        private bool IsKnown(string key)
        {
            if (_known.ContainsKey(key)) return true;
            if (!_store.IsKnown(key)) return false;
            _known.TryAdd(key, 0);
            return true;
        }

        /// <summary><see cref="SnapshotStore.Enqueue"/>, remembering the URL as known whether or not it was new.</summary>
        private bool EnqueueKnown(string key, int depth, string? referrer, int priority)
        {
            var added = _store.Enqueue(key, depth, referrer, priority);
            _known.TryAdd(key, 0);
            return added;
        }

        /// <summary>List pages stay at the column page's depth: they are the column, not a level below it.</summary>
        private void OfferListPage(Uri url, FrontierEntry from)
        {
            if (!_scope.Allows(url)) return;
            var key = UrlNormalizer.Normalize(url);
            // Pages in flight offer the same list pages at once (every page of a column carries its pager): without
            // one gate, two of them could both see the page as new and each take a slot, so the column's last page
            // would be refused by the cap.
            lock (_listGate)
            {
                if (IsKnown(key)) return;
                if (!TakeListSlot(ColumnKey(new Uri(from.Url)), from.Url))
                {
                    if (EnqueueKnown(key, from.Depth, from.Url, PriorityListPage)) SkipStored(key, SkipReason.ListPageCap, "list pages per column capped");
                    return;
                }
                EnqueueKnown(key, from.Depth, from.Url, PriorityListPage);
            }
        }

        private void EnqueueHanwebGroups(Uri proxy, IReadOnlyDictionary<string, string> form, int perPage, int groups, string column, int depth)
        {
            if (!_scope.Allows(proxy)) return;
            var maxGroups = Math.Max(1, (int)Math.Ceiling(Options.MaxListPagesPerColumn / (double)PagingDiscovery.PagesPerRequest(proxy)));
            for (var g = 1; g < groups; g++)
            {
                var request = PagingDiscovery.Group(proxy, form, perPage, g);
                var key = request.SyntheticUrl;
                if (_store.IsKnown(key)) continue;
                if (g >= maxGroups)
                {
                    if (_store.Enqueue(key, depth, column, PriorityListPage)) SkipStored(key, SkipReason.ListPageCap, "list pages per column capped");
                    continue;
                }
                new CrawlRequestRecord
                {
                    Method = "POST",
                    Target = request.ProxyUrl.AbsoluteUri,
                    Form = new Dictionary<string, string>(form),
                    Notes = { [NoteListOf] = column },
                    HanwebGroup = g,
                    HanwebPerPage = perPage,
                    ListOf = column,
                }.Save(_store, key);
                _store.Enqueue(key, depth, column, PriorityListPage);
            }
        }

        private bool TakeListSlot(string column, string columnPage)
        {
            var cap = Math.Max(1, Options.MaxListPagesPerColumn);
            while (true)
            {
                // The column's first page counts as its first list page.
                var current = _listPagesPerColumn.GetOrAdd(column, 1);
                if (current >= cap) return false;
                if (!_listPagesPerColumn.TryUpdate(column, current + 1, current)) continue;
                _store.SetMeta(ListSlotsMetaPrefix + column, (current + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return true;
            }
        }

        /// <summary>index.html, index_3.html (list_1, list_2 …; list.jsp?page=2) of one column share a key.</summary>
        private static string ColumnKey(Uri url)
        {
            var path = url.AbsolutePath;
            var slash = path.LastIndexOf('/') + 1;
            var stem = Path.GetFileNameWithoutExtension(path[slash..]);
            stem = System.Text.RegularExpressions.Regex.Replace(stem, @"[_-]?\d+$", "");
            if (stem.Length == 0) stem = "index"; // a folder URL is its index page
            return url.GetLeftPart(UriPartial.Authority) + path[..slash] + stem;
        }

        private async Task<RobotsRules> RobotsFor(Uri url, CancellationToken ct)
        {
            var lazy = _robots.GetOrAdd(HostThrottle.HostKey(url), _ => new Lazy<Task<RobotsRules>>(() => LoadRobotsAsync(url, ct)));
            return await lazy.Value.ConfigureAwait(false);
        }

        private async Task<RobotsRules> LoadRobotsAsync(Uri url, CancellationToken ct)
        {
            var robotsUrl = new Uri(url, "/robots.txt");
            FetchedPage answer;
            try
            {
                using (await _owner._throttle.AcquireAsync(robotsUrl, ct).ConfigureAwait(false))
                    answer = await _owner._fetcher.FetchAsync(new FetchRequest { Url = robotsUrl }, _scope, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return RobotsRules.AllowAll;
            }
            // Unreachable or missing robots.txt means no rules (RFC 9309 §2.3.1.3 would disallow on 5xx; the
            // evaluation must still see the site, and the operator asked for "unreachable = allow").
            if (!answer.Outcome.Succeeded || answer.Html is null) return RobotsRules.AllowAll;
            if (answer.ContentType is { } type && type.Contains("html", StringComparison.OrdinalIgnoreCase)) return RobotsRules.AllowAll;
            return RobotsRules.Parse(answer.Html, RobotsRules.ProductToken(Options.UserAgent));
        }

        private void SkipStored(string url, SkipReason reason, string detail)
        {
            _store.Skip(url);
            _store.SetMeta("skip:" + url, $"{reason}: {detail}");
            Count(reason);
        }

        private void Count(SkipReason reason) => _skips.AddOrUpdate(reason, 1, (_, n) => n + 1);

        private string SaveScreenshot(string url, byte[] png)
        {
            var relative = Path.Combine("screens", SnapshotStore.Hash(url) + ".png");
            var full = Path.Combine(_store.Folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, png);
            return relative.Replace('\\', '/');
        }

        private (UnitCrawlOutcome, string?) UnitOutcome()
        {
            var portal = _store.Get(_portalUrl);
            if (portal is null || portal.Outcome.Succeeded) return (UnitCrawlOutcome.Ok, null);
            if (_store.Pages(withHtml: false).Any(p => p.Outcome.Succeeded)) return (UnitCrawlOutcome.Ok, $"门户首页未能打开：{Describe(portal.Outcome)}");
            return (UnitCrawlOutcome.Unreachable, $"网站无法访问：{Describe(portal.Outcome)}（{_unit.Portal}）");
        }

        private static string Describe(PageOutcome o)
        {
            var text = o.Error switch
            {
                PageErrorKind.ConnectionRefused => "服务器拒绝连接（端口未开放）",
                PageErrorKind.DnsFailure => "域名无法解析",
                PageErrorKind.Timeout => "连接超时",
                PageErrorKind.ConnectionReset => "连接被重置",
                PageErrorKind.TlsError => "HTTPS 证书或加密连接错误",
                PageErrorKind.BlockedAddress => "网址解析到内网地址，已拒绝访问",
                PageErrorKind.CircuitOpen => "服务器连续出错，已暂停访问",
                PageErrorKind.TooManyRedirects or PageErrorKind.RedirectLoop => "重定向过多或循环",
                PageErrorKind.OutOfScope => "重定向到评估范围以外的网站",
                PageErrorKind.HttpStatus when o.Status == 403 => "服务器拒绝访问（HTTP 403）",
                PageErrorKind.HttpStatus when o.Status == 404 => "首页不存在（HTTP 404）",
                PageErrorKind.HttpStatus => $"服务器返回错误（HTTP {o.Status}）",
                _ => "无法获取页面",
            };
            return o.Message is { Length: > 0 } m ? $"{text} [{o.Error}: {m}]" : $"{text} [{o.Error}]";
        }
    }
}
