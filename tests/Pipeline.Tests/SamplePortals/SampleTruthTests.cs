using NUnit.Framework;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Openness.Rules.Calendar;
using Openness.SamplePortals;

namespace Openness.Pipeline.Tests.SamplePortals;

/// <summary>
/// expected.yaml must be exactly true of the pages: walks each sample portal over HTTP (as served for the as-of day)
/// and reads it with AngleSharp, the way a crawler would, for several as-of days.
/// </summary>
[TestFixture("2026-03-10")]
[TestFixture("2026-10-12")]
[TestFixture("2026-11-23")]
public sealed partial class SampleTruthTests(string asOfText)
{
    private static readonly string[] StaticUnits = ["county", "dept-gaps"];
    private static readonly string[] PolicyColumns = ["policy-documents", "normative-documents"];
    private readonly DateOnly _asOf = DateOnly.ParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    private SamplePortalHost _host = null!;
    private HttpClient _http = null!;
    private IReadOnlyDictionary<string, ExpectedUnit> _expected = null!;
    private readonly HtmlParser _parser = new();

    [GeneratedRegex(@"createPageHTML\((\d+),\s*(\d+),\s*""index"",\s*""html""\);")]
    private static partial Regex PagerCall();

    [GeneratedRegex(@"/t\d{8}_\d+\.html$")]
    private static partial Regex TrsDocUrl();

    [GeneratedRegex(@"(\d{4})(?:-|年)(\d{1,2})(?:-|月)(\d{1,2})日?")]
    private static partial Regex DateText();

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await SamplePortalHost.StartAsync(SampleRepo.Portals, _asOf);
        _http = new HttpClient();
        _expected = ExpectedSamples.Load(SampleRepo.Expected);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    private string Render(string path) => DateTemplate.Render(path, _asOf);

    private async Task<IDocument> Get(string unit, string path)
    {
        var html = await _http.GetStringAsync(new Uri(_host.BaseUrls[unit], Render(path).TrimStart('/')));
        Assert.That(html, Does.Not.Contain("{{"), $"{unit}{path}: unrendered placeholder");
        return await _parser.ParseDocumentAsync(html);
    }

    private static DateOnly? ParseDate(string? text) =>
        text is not null && DateText().Match(text) is { Success: true } m
            ? new DateOnly(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value))
            : null;

    private DateOnly NewestExpected(ExpectedColumn c) =>
        c.NewestOffsetDays is { } o ? _asOf.AddDays(o) : DateOnly.ParseExact(Render(c.NewestDate!), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>All rows of a static TRS column, following the createPageHTML page count.</summary>
    private async Task<(int Pages, List<(string Url, DateOnly Date)> Rows)> ReadStaticColumn(string unit, string path)
    {
        var rows = new List<(string, DateOnly)>();
        var first = await Get(unit, path);
        var call = PagerCall().Match(first.DocumentElement.OuterHtml);
        Assert.That(call.Success, Is.True, $"{unit}{path}: no createPageHTML call");
        var pages = int.Parse(call.Groups[1].Value);
        Assert.That(call.Groups[2].Value, Is.EqualTo("0"));
        for (int k = 0; k < pages; k++)
        {
            var doc = k == 0 ? first : await Get(unit, path + $"index_{k}.html");
            foreach (var a in doc.QuerySelectorAll(".xxgk_list a[href]"))
            {
                var href = a.GetAttribute("href")!;
                Assert.That(TrsDocUrl().IsMatch(href), Is.True, $"{unit}{path}: row link {href} is not a TRS document URL");
                var row = a.Closest("li") ?? a.Closest("tr");
                var date = ParseDate(row!.QuerySelector("span.date")?.TextContent ?? row.QuerySelector("td:last-child")?.TextContent);
                Assert.That(date, Is.Not.Null, $"{unit}{path}: row without date");
                rows.Add((new Uri(new Uri(_host.BaseUrls[unit], Render(path)), href).AbsolutePath, date!.Value));
            }
        }
        return (pages, rows);
    }

    [GeneratedRegex(@"<record><!\[CDATA\[(.*?)\]\]></record>", RegexOptions.Singleline)]
    private static partial Regex HanwebRecord();

    /// <summary>A Hanweb column: the records embedded in the page's datastore, then dataproxy.jsp groups (POST) for the rest.</summary>
    private async Task<(int Embedded, List<(string Url, DateOnly Date)> Rows)> ReadHanwebColumn(string path)
    {
        const string unit = "dept-hanweb";
        var page = await Get(unit, path);
        var store = page.QuerySelector("div[id] > script[type='text/xml']");
        Assert.That(store, Is.Not.Null, $"{path}: no datastore");
        var columnId = Regex.Match(store!.TextContent, @"columnid=(\d+)").Groups[1].Value;
        var records = HanwebRecord().Matches(store.TextContent).Select(m => m.Groups[1].Value).ToList();
        var embedded = records.Count;
        while (records.Count % 45 == 0 && records.Count > 0)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["col"] = "1", ["appid"] = "1", ["webid"] = "1", ["path"] = "/", ["columnid"] = columnId, ["sourceContentType"] = "1",
                ["unitid"] = store.ParentElement!.Id!, ["permissiontype"] = "0",
            });
            using var r = await _http.PostAsync(new Uri(_host.BaseUrls[unit],
                $"module/web/jpage/dataproxy.jsp?startrecord={records.Count + 1}&endrecord={records.Count + 45}&perpage=15"), form);
            var more = HanwebRecord().Matches(await r.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
            if (more.Count == 0) break;
            records.AddRange(more);
        }
        var rows = records.Select(html =>
        {
            var li = _parser.ParseFragment(html, page.Body!).OfType<IElement>().Single();
            return (li.QuerySelector("a")!.GetAttribute("href")!, ParseDate(li.QuerySelector("span")!.TextContent)!.Value);
        }).ToList();
        return (embedded, rows);
    }

    [Test]
    public async Task Hanweb_columns_list_what_expected_yaml_says()
    {
        const string unit = "dept-hanweb";
        foreach (var c in _expected[unit].Columns.Values)
        {
            Assert.That(c.Status, Is.EqualTo("present"), c.Id);
            if (c.Children.Count > 0) continue;
            var (embedded, rows) = await ReadHanwebColumn(c.Path!);
            Assert.That(embedded, Is.EqualTo(c.EmbeddedRecords), $"{c.Id}: records in the page");
            Assert.That(rows, Has.Count.EqualTo(c.Items), $"{c.Id}: items");
            Assert.That(rows.Select(r => r.Url).Distinct().Count(), Is.EqualTo(rows.Count), $"{c.Id}: duplicate rows");
            Assert.That(rows.Max(r => r.Date), Is.EqualTo(NewestExpected(c)), $"{c.Id}: newest date");
            foreach (var (url, date) in rows)
            {
                Assert.That(url, Does.Match(@"^/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$"));
                Assert.That(url, Does.StartWith($"/art/{date.Year}/{date.Month}/{date.Day}/"), "Hanweb article paths carry the publication date");
                var detail = await Get(unit, url);
                Assert.That(ParseDate(detail.QuerySelector("meta[name=PubDate]")?.GetAttribute("content")), Is.EqualTo(date), url);
                Assert.That(detail.DocumentElement.OuterHtml, Does.Contain("<!--ZJEG_RSS.content.begin-->"), url);
            }
        }
    }

    [Test]
    public async Task Static_columns_list_what_expected_yaml_says([ValueSource(nameof(StaticUnits))] string unit)
    {
        var expected = _expected[unit];
        foreach (var c in expected.Columns.Values)
        {
            if (c.Status == "missing")
            {
                var home = await Get(unit, unit == "county" ? "/zwgk/" : "/xxgk/");
                var shown = home.QuerySelectorAll("a").Select(a => Normalize(a.InnerHtml)).ToList();
                Assert.That(shown, Has.None.EqualTo(c.Name), $"{unit}: missing column {c.Id} is linked");
                continue;
            }
            if (c.Children.Count > 0)
            {
                var hub = await Get(unit, c.Path!);
                var links = hub.QuerySelectorAll(".xxgk_sub a").Select(a => a.GetAttribute("href")).ToList();
                Assert.That(links, Is.EquivalentTo(c.Children.Select(ch => expected.Columns[ch].Path)), $"{unit}: {c.Id} children");
                continue;
            }
            var (pages, rows) = await ReadStaticColumn(unit, c.Path!);
            Assert.That(pages, Is.EqualTo(c.Pages), $"{unit}: {c.Id} pages");
            Assert.That(rows, Has.Count.EqualTo(c.Items), $"{unit}: {c.Id} items");
            Assert.That(c.Status, Is.EqualTo(c.Items == 0 ? "blank" : c.Status));
            if (rows.Count > 0)
                Assert.That(rows.Max(r => r.Date), Is.EqualTo(NewestExpected(c)), $"{unit}: {c.Id} newest date");
            foreach (var (url, date) in rows)
            {
                var detail = await Get(unit, url);
                var pubMeta = detail.QuerySelector("meta[name=PubDate]")?.GetAttribute("content");
                Assert.That(ParseDate(pubMeta), Is.EqualTo(date), $"{unit}{url}: PubDate meta vs list date");
            }
        }
    }

    [Test]
    public void Only_stale_columns_are_old_and_fresh_ones_are_recent()
    {
        foreach (var unit in _expected.Values)
            foreach (var c in unit.Columns.Values.Where(c => c.NewestOffsetDays is not null))
                if (c.Status == "stale") Assert.That(c.NewestOffsetDays, Is.LessThanOrEqualTo(-180), $"{unit.Id}: {c.Id}");
                else Assert.That(c.NewestOffsetDays, Is.InRange(-10, 0), $"{unit.Id}: {c.Id}");
    }

    [Test]
    public async Task Script_rendered_columns_are_empty_in_html_and_complete_in_their_data()
    {
        const string unit = "dept-script";
        var expected = _expected[unit];
        var nav = await Get(unit, "/xxgk/nav/columns.html");
        var navLinks = nav.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToHashSet();
        foreach (var c in expected.Columns.Values)
        {
            Assert.That(c.Status, Is.EqualTo("present"), c.Id);
            Assert.That(navLinks, Does.Contain(c.Path), $"iframe column list lacks {c.Id}");
            if (c.Children.Count > 0) continue;
            var page = await Get(unit, c.Path!);
            var list = page.QuerySelector("ul#list");
            Assert.That(list, Is.Not.Null, c.Id);
            Assert.That(list!.Children, Is.Empty, $"{c.Id}: static HTML must show no items");
            Assert.That(page.QuerySelectorAll(".xxgk_list_box a"), Is.Empty, c.Id);

            List<(string Url, DateOnly Date)> items;
            if (c.Rendering == "inline-script")
            {
                var script = page.QuerySelectorAll("script").Select(s => s.TextContent).Single(t => t.Contains("window.listData"));
                var json = script[(script.IndexOf('=') + 1)..].Trim().TrimEnd(';');
                items = JsonDocument.Parse(json).RootElement.EnumerateArray()
                    .Select(e => (e.GetProperty("url").GetString()!, ParseDate(e.GetProperty("date").GetString())!.Value)).ToList();
            }
            else
            {
                Assert.That(c.Rendering, Is.EqualTo("list-api"));
                items = [];
                var code = list.GetAttribute("data-column");
                for (int p = 1; ; p++)
                {
                    using var doc = JsonDocument.Parse(await _http.GetStringAsync(new Uri(_host.BaseUrls[unit], $"api/list?column={code}&page={p}")));
                    items.AddRange(doc.RootElement.GetProperty("items").EnumerateArray()
                        .Select(e => (e.GetProperty("url").GetString()!, ParseDate(e.GetProperty("date").GetString())!.Value)));
                    Assert.That(doc.RootElement.GetProperty("pageCount").GetInt32(), Is.EqualTo(c.Pages), c.Id);
                    if (p >= doc.RootElement.GetProperty("pageCount").GetInt32()) break;
                }
            }
            Assert.That(items, Has.Count.EqualTo(c.Items), c.Id);
            Assert.That(items.Max(i => i.Date), Is.EqualTo(NewestExpected(c)), c.Id);
            foreach (var (url, date) in items)
                Assert.That(ParseDate((await Get(unit, url)).QuerySelector("meta[name=PubDate]")?.GetAttribute("content")), Is.EqualTo(date), url);
        }
    }

    [TestCase("county")]
    [TestCase("dept-gaps")]
    [TestCase("dept-script")]
    [TestCase("dept-hanweb")]
    public async Task Policy_documents_metadata_interpretations_and_timeliness_match(string unit)
    {
        var expected = _expected[unit];
        var calendar = WorkingDayCalendar.Load(SampleRepo.Calendar);
        var docs = new List<string>();
        foreach (var cid in PolicyColumns)
        {
            var c = expected.Columns[cid];
            if (unit == "dept-script")
            {
                for (int p = 1; p <= c.Pages; p++)
                {
                    using var json = JsonDocument.Parse(await _http.GetStringAsync(new Uri(_host.BaseUrls[unit],
                        $"api/list?column={c.Path!.TrimEnd('/').Split('/').Last()}&page={p}")));
                    docs.AddRange(json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("url").GetString()!));
                }
            }
            else if (unit == "dept-hanweb") docs.AddRange((await ReadHanwebColumn(c.Path!)).Rows.Select(r => r.Url));
            else docs.AddRange((await ReadStaticColumn(unit, c.Path!)).Rows.Select(r => r.Url));
        }
        Assert.That(docs, Has.Count.EqualTo(expected.PolicyDocuments));

        var lacking = new List<string>();
        var lateInterpretation = new List<string>();
        var incomplete = new List<string>();
        var late = new List<string>();
        foreach (var url in docs)
        {
            var raw = await _http.GetStringAsync(new Uri(_host.BaseUrls[unit], url.TrimStart('/')));
            var page = await _parser.ParseDocumentAsync(raw);
            var box = (page.QuerySelector(".index_box") ?? page.QuerySelector("table.bd1") ?? page.QuerySelector("table.xxgk_table"))!;
            Assert.That(box, Is.Not.Null, url);
            var text = Regex.Replace(box.TextContent, @"\s+", "");
            var published = ParseDate(Regex.Match(text, "发布日期：([^：]+?日|[\\d-]{10})").Groups[1].Value);
            Assert.That(published, Is.Not.Null, url);
            foreach (var label in new[] { "索引号", "发文机关", "发文字号", "主题分类", "有效性", "发布日期" })
                Assert.That(Normalize(box.TextContent), Does.Contain(label), $"{url}: {label}");
            var written = ParseDate(Regex.Match(text, "成文日期：([^：]+?日|[\\d-]{10})").Groups[1].Value);
            if (written is null)
            {
                incomplete.Add(url);
                Assert.That(Regex.IsMatch(raw, "<!--(?:(?!-->).)*成文日期", RegexOptions.Singleline), Is.True, $"{url}: 成文日期 should survive only in a comment");
            }
            else if (calendar.WorkingDaysBetween(written.Value, published!.Value) > 20) late.Add(url);
            else Assert.That(calendar.WorkingDaysBetween(written.Value, published!.Value), Is.LessThanOrEqualTo(10), url);

            var interp = page.QuerySelector(".xgjd a[href]");
            if (interp is null) { lacking.Add(url); continue; }
            var target = interp.GetAttribute("href")!;
            var interpPage = await Get(unit, target);
            Assert.That(interpPage.QuerySelector("meta[name=ColumnName]")?.GetAttribute("content"), Is.EqualTo("政策解读"));
            Assert.That(interpPage.QuerySelector(".ywlj a")?.GetAttribute("href"), Is.EqualTo(url), $"{target}: 原文链接");
            var interpDate = ParseDate(interpPage.QuerySelector("meta[name=PubDate]")?.GetAttribute("content"))!.Value;
            Assert.That(interpDate, Is.GreaterThanOrEqualTo(published!.Value), target);
            if (calendar.WorkingDaysBetween(published.Value, interpDate) > 3) lateInterpretation.Add(url);
            else Assert.That(interpDate.DayNumber - published.Value.DayNumber, Is.LessThanOrEqualTo(1), target);
        }
        Assert.That(lacking, Is.EquivalentTo(expected.MissingInterpretation.Select(d => Render(d.Path))), "documents without 相关解读");
        Assert.That(lateInterpretation, Is.EquivalentTo(expected.LateInterpretation.Select(d => Render(d.Path))), "interpretations later than 3 working days");
        Assert.That(incomplete, Is.EquivalentTo(expected.IncompleteMetadata.Select(d => Render(d.Path))), "documents without 成文日期");
        Assert.That(expected.IncompleteMetadata.All(d => d.Missing.SequenceEqual(["writtenDate"])), Is.True);
        Assert.That(late, Is.EquivalentTo(expected.LatePublication.Select(d => Render(d.Path))), "documents published late");
    }

    [Test]
    public async Task Every_link_a_page_carries_resolves()
    {
        foreach (var (unit, baseUrl) in _host.BaseUrls)
        {
            var seen = new HashSet<string> { "/" };
            var queue = new Queue<string>(["/"]);
            while (queue.Count > 0)
            {
                var path = queue.Dequeue();
                using var r = await _http.GetAsync(new Uri(baseUrl, path.TrimStart('/')));
                Assert.That((int)r.StatusCode, Is.EqualTo(200), $"{unit}{path}");
                if (r.Content.Headers.ContentType?.MediaType != "text/html") continue;
                var doc = await _parser.ParseDocumentAsync(await r.Content.ReadAsStringAsync());
                var refs = doc.QuerySelectorAll("a[href], iframe[src], script[src], link[href], img[src]")
                    .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
                    .Where(h => !h.StartsWith("javascript:", StringComparison.Ordinal) && !h.StartsWith('#'));
                foreach (var href in refs)
                {
                    var target = new Uri(new Uri(baseUrl, path.TrimStart('/')), href);
                    Assert.That(target.Authority, Is.EqualTo(baseUrl.Authority), $"{unit}{path}: link leaves the unit: {href}");
                    if (seen.Add(target.PathAndQuery)) queue.Enqueue(target.PathAndQuery);
                }
            }
            Assert.That(seen.Count, Is.GreaterThan(20), unit);
        }
    }

    private static string Normalize(string html) =>
        Regex.Replace(Regex.Replace(html, "<[^>]*>", ""), @"[\s\u2002\u2003\u3000\u00a0：:]", "");
}
