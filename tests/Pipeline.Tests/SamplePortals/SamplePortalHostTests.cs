using NUnit.Framework;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Openness.Core.Units;
using Openness.SamplePortals;

namespace Openness.Pipeline.Tests.SamplePortals;

[TestFixture]
public sealed class SamplePortalHostTests
{
    private static readonly DateOnly AsOf = new(2026, 3, 10);
    private SamplePortalHost _host = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await SamplePortalHost.StartAsync(SampleRepo.Portals, AsOf);
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    private Uri Url(string unit, string path) => new(_host.BaseUrls[unit], path.TrimStart('/'));

    [Test]
    public async Task Each_portal_is_its_own_origin_on_loopback()
    {
        Assert.That(_host.BaseUrls.Keys, Is.EquivalentTo(new[] { "county", "dept-gaps", "dept-hanweb", "dept-script" }));
        Assert.That(_host.BaseUrls.Values.Select(u => u.Port).Distinct().Count(), Is.EqualTo(4));
        Assert.That(_host.BaseUrls.Values.All(u => u.Host == "127.0.0.1" && u.AbsolutePath == "/"), Is.True);
        var names = new Dictionary<string, string> { ["county"] = "示范县人民政府", ["dept-gaps"] = "示范县统计局", ["dept-script"] = "示范县教育局", ["dept-hanweb"] = "示范县卫生健康局" };
        foreach (var (unit, name) in names)
        {
            var html = await _http.GetStringAsync(_host.BaseUrls[unit]);
            Assert.That(html, Does.Contain($"<meta name=\"SiteName\" content=\"{name}\"/>"), unit);
        }
    }

    [Test]
    public async Task Dates_and_dated_paths_are_rendered_relative_to_the_as_of_day()
    {
        var list = await _http.GetStringAsync(Url("county", "/zwgk/gzdt/index.html"));
        Assert.That(list, Does.Not.Contain("{{"));
        // The newest work-news item is dated asOf-1 and lives under ./YYYYMM/tYYYYMMDD_<id>.html of that day.
        var link = System.Text.RegularExpressions.Regex.Match(list, "href=\"\\./(202603/t20260309_\\d+\\.html)\"");
        Assert.That(link.Success, Is.True, "newest item link dated 2026-03-09");
        Assert.That(list, Does.Contain("<span class=\"date\">2026-03-09</span>"));
        var detail = await _http.GetStringAsync(Url("county", "/zwgk/gzdt/" + link.Groups[1].Value));
        Assert.That(detail, Does.Contain("<meta name=\"PubDate\" content=\"2026-03-09 09:30\"/>"));

        var reports = await _http.GetStringAsync(Url("county", "/zwgk/zfxxgknb/"));
        Assert.That(reports, Does.Contain("示范县人民政府2025年政府信息公开工作年度报告"));
        Assert.That(reports, Does.Contain("./202601/t20260120_"));
    }

    [Test]
    public void Date_template_formats()
    {
        Assert.That(DateTemplate.Render("{{date:-5}}|{{date:-5:yyyy年M月d日}}|{{date:-5:MM-dd}}|{{year:-1}}|{{asof}}|{{date:+3}}", AsOf),
            Is.EqualTo("2026-03-05|2026年3月5日|03-05|2025|2026-03-10|2026-03-13"));
        Assert.That(DateTemplate.RenderPath("zcwj/[date-40.yyyyMM]/t[date-40.yyyyMMdd]_7.html", AsOf), Is.EqualTo("zcwj/202601/t20260129_7.html"));
        Assert.That(DateTemplate.RenderPath("nb/[year-1]01/x.html", AsOf), Is.EqualTo("nb/202501/x.html"));
        Assert.That(DateTemplate.RenderPath("art/[date-9.yyyy]/[date-9.M]/[date-9.d]/a.html", AsOf), Is.EqualTo("art/2026/3/1/a.html"));
        Assert.That(DateTemplate.Render("{{date:-9:M}}/{{date:-9:d}}", AsOf), Is.EqualTo("3/1"));
    }

    [Test]
    public async Task Unknown_and_private_paths_are_404()
    {
        foreach (var path in new[] { "/no/such/page.html", "/_server.json", "/_data/lists.json", "/zwgk/zcwj/index_9.html" })
        {
            var unit = path.Contains("_data") ? "dept-script" : "county";
            using var r = await _http.GetAsync(Url(unit, path));
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
        }
    }

    [Test]
    public async Task Folder_without_slash_redirects_and_content_types_are_right()
    {
        using var redirect = await _http.GetAsync(Url("county", "/zwgk/zcwj"));
        Assert.That(redirect.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
        Assert.That(redirect.Headers.Location?.ToString(), Is.EqualTo("/zwgk/zcwj/"));

        using var html = await _http.GetAsync(Url("county", "/"));
        Assert.That(html.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/html; charset=utf-8"));
        using var css = await _http.GetAsync(Url("county", "/images/style.css"));
        Assert.That(css.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/css"));
        using var js = await _http.GetAsync(Url("dept-script", "/js/list.js"));
        Assert.That(js.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
    }

    [TestCase("/../../../etc/passwd")]
    [TestCase("/zwgk/../../county/index.html")]
    [TestCase("/%2e%2e/%2e%2e/etc/passwd")]
    [TestCase("/images/..%2f..%2f_server.json")]
    public async Task Path_traversal_is_refused(string rawTarget)
    {
        // HttpClient normalises dot segments away, so speak HTTP on a socket to send the raw target.
        var baseUrl = _host.BaseUrls["county"];
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseUrl.Host, baseUrl.Port);
        await using var stream = tcp.GetStream();
        var request = $"GET {rawTarget} HTTP/1.1\r\nHost: {baseUrl.Authority}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ')[1]);
        Assert.That(status, Is.EqualTo(400).Or.EqualTo(404), response.Split('\n')[0]);
        Assert.That(response, Does.Not.Contain("root:"));
        Assert.That(response, Does.Not.Contain("routes"));
    }

    [Test]
    public async Task List_api_pages_a_columns_items_with_rendered_dates()
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync(Url("dept-script", "/api/list?column=gzdt&page=2")));
        var root = doc.RootElement;
        Assert.That(root.GetProperty("total").GetInt32(), Is.EqualTo(15));
        Assert.That(root.GetProperty("pageCount").GetInt32(), Is.EqualTo(2));
        Assert.That(root.GetProperty("page").GetInt32(), Is.EqualTo(2));
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Has.Count.EqualTo(5));
        Assert.That(items.All(i => System.Text.RegularExpressions.Regex.IsMatch(i.GetProperty("date").GetString()!, @"^\d{4}-\d{2}-\d{2}$")), Is.True);
        var url = items[0].GetProperty("url").GetString()!;
        using var detail = await _http.GetAsync(Url("dept-script", url));
        Assert.That(detail.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);

        using var unknown = await _http.GetAsync(Url("dept-script", "/api/list?column=nope&page=1"));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var bad = await _http.GetAsync(Url("dept-script", "/api/list?column=gzdt&page=0"));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Search_form_action_returns_a_results_page()
    {
        var home = await _http.GetStringAsync(_host.BaseUrls["county"]);
        Assert.That(home, Does.Contain("<form action=\"/was5/web/search\" method=\"get\""));
        using var r = await _http.GetAsync(Url("county", "/was5/web/search?channelid=200210&searchword=%E6%94%BF%E7%AD%96"));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var html = await r.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("共找到 <em>4</em> 条结果"));
    }

    [Test]
    public async Task Hanweb_dataproxy_answers_posts_with_a_datastore()
    {
        var root = Directory.CreateTempSubdirectory("portals-");
        try
        {
            var portal = Directory.CreateDirectory(Path.Combine(root.FullName, "hanweb"));
            await File.WriteAllTextAsync(Path.Combine(portal.FullName, "_server.json"),
                """{ "hanwebDataProxies": [ { "path": "/module/web/jpage/dataproxy.jsp", "data": "_data/cols.json", "pageSize": 15 } ] }""");
            Directory.CreateDirectory(Path.Combine(portal.FullName, "_data"));
            var rows = Enumerable.Range(1, 20).Select(i => $$$"""{"title":"动态<{{{i}}}>","url":"/art/2026/1/{{{i}}}/art_101_{{{i}}}.html","date":"{{date:-{{{i}}}}}"}""");
            await File.WriteAllTextAsync(Path.Combine(portal.FullName, "_data", "cols.json"), "{\"101\":[" + string.Join(",", rows) + "]}");
            await File.WriteAllTextAsync(Path.Combine(portal.FullName, "index.html"), "<html><body>{{asof}}</body></html>");

            await using var host = await SamplePortalHost.StartAsync(root.FullName, AsOf);
            var baseUrl = host.BaseUrls["hanweb"];
            Assert.That(await _http.GetStringAsync(baseUrl), Does.Contain("2026-03-10"));
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["col"] = "1", ["columnid"] = "101", ["unitid"] = "5", ["webid"] = "1" });
            using var r = await _http.PostAsync(new Uri(baseUrl, "module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=15"), form);
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var xml = System.Xml.Linq.XDocument.Parse(await r.Content.ReadAsStringAsync());
            Assert.That(xml.Root!.Element("totalrecord")!.Value, Is.EqualTo("20"));
            var records = xml.Root.Element("recordset")!.Elements("record").Select(e => e.Value).ToList();
            Assert.That(records, Has.Count.EqualTo(5));
            Assert.That(records[0], Is.EqualTo("<li><a href='/art/2026/1/16/art_101_16.html' title='动态&lt;16&gt;' target='_blank'>动态&lt;16&gt;</a><span>2026-02-22</span></li>"));
            using var get = await _http.GetAsync(new Uri(baseUrl, "module/web/jpage/dataproxy.jsp"));
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Test]
    public void Units_file_written_from_the_template_is_accepted_by_the_reader()
    {
        var dir = Directory.CreateTempSubdirectory("units-");
        try
        {
            var path = _host.WriteUnitsFile(SampleRepo.UnitsTemplate, Path.Combine(dir.FullName, "units.yaml"), SampleRepo.DemoSystem);
            var file = UnitsFileReader.Read(path);
            Assert.That(file.Units.Select(u => u.Id), Is.EquivalentTo(_host.BaseUrls.Keys));
            foreach (var unit in file.Units)
            {
                Assert.That(unit.Portal, Is.EqualTo(_host.BaseUrls[unit.Id]));
                Assert.That(unit.AllowPrivateAddresses, Is.True);
                Assert.That(unit.Entries.All(e => e.Authority == unit.Portal.Authority), Is.True);
            }
            Assert.That(file.Evaluation, Does.Contain("2026"));
            Assert.That(file.IndicatorSystem.Replace('\\', '/'), Does.EndWith("rules/jilin-2017-county.yaml"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void A_server_config_naming_a_missing_file_fails_at_start()
    {
        var root = Directory.CreateTempSubdirectory("portals-");
        try
        {
            var portal = Directory.CreateDirectory(Path.Combine(root.FullName, "broken"));
            File.WriteAllText(Path.Combine(portal.FullName, "_server.json"), """{ "routes": [ { "path": "/s", "file": "_pages/none.html" } ] }""");
            var ex = Assert.ThrowsAsync<InvalidDataException>(() => SamplePortalHost.StartAsync(root.FullName, AsOf));
            Assert.That(ex!.Message, Does.Contain("_pages/none.html"));
            File.WriteAllText(Path.Combine(portal.FullName, "_server.json"), """{ "routes": [ { "path": "/s", "file": "../../etc/passwd" } ] }""");
            ex = Assert.ThrowsAsync<InvalidDataException>(() => SamplePortalHost.StartAsync(root.FullName, AsOf));
            Assert.That(ex!.Message, Does.Contain("outside the portal folder"));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Test]
    public void Units_template_naming_an_unknown_portal_is_an_error()
    {
        var dir = Directory.CreateTempSubdirectory("units-");
        try
        {
            var template = Path.Combine(dir.FullName, "t.yaml");
            File.WriteAllText(template, "units:\n  - portal: {{base:nowhere}}\n");
            var ex = Assert.Throws<InvalidDataException>(() => _host.WriteUnitsFile(template, Path.Combine(dir.FullName, "u.yaml"), SampleRepo.DemoSystem));
            Assert.That(ex!.Message, Does.Contain("nowhere"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
