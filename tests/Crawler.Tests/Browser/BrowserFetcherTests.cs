using NUnit.Framework;
using System.Net;
using System.Net.Sockets;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Openness.Core.Snapshots;
using Openness.Crawler.Fetching;
using static Openness.Crawler.Tests.Browser.BrowserEnvironment;

namespace Openness.Crawler.Tests.Browser;

[TestFixture]
public sealed class BrowserFetcherTests
{
    private static readonly string CorpusRoot = Openness.Fixtures.RealPages.Root;

    private static Task<FetchedPage> FetchAsync(Uri url, bool screenshot = false) =>
        Fetcher.FetchAsync(new FetchRequest { Url = url, Screenshot = screenshot }, Scope, CancellationToken.None);

    private static List<string> LinkTexts(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelectorAll("a").Select(a => a.TextContent.Trim()).ToList();

    [Test]
    public async Task List_built_by_script_from_inline_json_is_in_the_html()
    {
        Site.Html("/inline/index.html", """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告</title></head><body>
            <ul class="news-list" id="list"></ul>
            <script>
              var docs = [{"t":"关于2025年政府信息公开工作年度报告的公告","u":"./202601/t20260120_1.html"},
                          {"t":"市政府办公室关于印发实施方案的通知","u":"./202601/t20260118_2.html"}];
              var ul = document.getElementById('list');
              docs.forEach(function (d) { var li = document.createElement('li'); li.innerHTML = '<a href="' + d.u + '">' + d.t + '</a>'; ul.appendChild(li); });
            </script></body></html>
            """);

        var page = await FetchAsync(Site.Url("/inline/index.html"));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Mode, Is.EqualTo(FetchMode.Browser));
        Assert.That(page.Outcome.Status, Is.EqualTo(200));
        Assert.That(LinkTexts(page.Html!), Is.EqualTo(new[] { "关于2025年政府信息公开工作年度报告的公告", "市政府办公室关于印发实施方案的通知" }));
        Assert.That(page.ContentType, Does.StartWith("text/html"));
    }

    [Test]
    public async Task List_loaded_by_fetch_from_an_api_is_in_the_html()
    {
        Site.Html("/api-list/index.html", """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
            <div class="xxgk-list"><ul id="rows"></ul></div>
            <script>
              fetch('/api/list?channel=1813').then(r => r.json()).then(items => {
                const ul = document.getElementById('rows');
                for (const it of items) { const li = document.createElement('li'); li.innerHTML = `<a href="${it.url}">${it.title}</a><span>${it.date}</span>`; ul.appendChild(li); }
              });
            </script></body></html>
            """);
        Site.Json("/api/list", """[{"title":"2024年政府信息公开工作年度报告","url":"/nb/2024.html","date":"2025-01-20"},{"title":"2023年政府信息公开工作年度报告","url":"/nb/2023.html","date":"2024-01-22"}]""");

        var page = await FetchAsync(Site.Url("/api-list/index.html"));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(LinkTexts(page.Html!), Is.EqualTo(new[] { "2024年政府信息公开工作年度报告", "2023年政府信息公开工作年度报告" }));
        Assert.That(page.Html, Does.Contain("2025-01-20"));
        Assert.That(Site.CountRequests("/api/list"), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task List_requested_shortly_after_load_is_waited_for()
    {
        // Many portals start their list request from a timer after "load"; the quiet window must cover that gap.
        Site.Html("/late-list/index.html", """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body><ul id="rows"></ul>
            <script>
              window.addEventListener('load', function () {
                setTimeout(function () {
                  fetch('/late-list/api').then(r => r.json()).then(items => {
                    for (const it of items) { const li = document.createElement('li'); li.innerHTML = `<a href="${it.url}">${it.title}</a>`; document.getElementById('rows').appendChild(li); }
                  });
                }, 80);
              });
            </script></body></html>
            """);
        Site.Handle("/late-list/api", async context =>
        {
            await Task.Delay(300); // a slow API: in flight well past the quiet window
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""[{"title":"关于印发政务公开工作要点的通知","url":"/t/1.html"}]""");
        });

        var page = await FetchAsync(Site.Url("/late-list/index.html"));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(LinkTexts(page.Html!), Is.EqualTo(new[] { "关于印发政务公开工作要点的通知" }));
        Assert.That(page.Notes, Does.Not.ContainKey("network-idle-cap-reached"));
    }

    [Test]
    public async Task Real_trs_createPageHTML_pager_renders_its_index_N_links()
    {
        // The real tail of a 樟树市 TRS WCM list page: the pager exists only as createPageHTML(21, 0, "index", "html").
        var fragment = await File.ReadAllTextAsync(Path.Combine(CorpusRoot, "unresolved_zhangshu_gov_cn/zhangshu_trs_list_tail.fragment.html"));
        Site.Html("/zsdt/index.html", "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><table>" + fragment + "</body></html>");

        var page = await FetchAsync(Site.Url("/zsdt/index.html"));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        var document = new HtmlParser().ParseDocument(page.Html!);
        var hrefs = document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.That(hrefs, Does.Contain("index_1.html"), "下一页");
        Assert.That(hrefs, Does.Contain("index_20.html"), "尾页");
        var options = document.QuerySelectorAll("option[value]").Select(o => o.GetAttribute("value")).ToList();
        Assert.That(options, Has.Count.EqualTo(21));
        Assert.That(options[^1], Is.EqualTo("index_20.html"));
        Assert.That(page.Html, Does.Contain("总共21页"));
    }

    [Test]
    public async Task Same_origin_iframe_is_inlined_and_cross_origin_iframe_is_not()
    {
        Site.Html("/frames/index.html", $"""
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
            <h1>政府信息公开</h1>
            <iframe id="platform" src="/frames/platform/list.html"></iframe>
            <iframe id="outside" src="{OtherHost.Url("/frames/widget.html")}"></iframe>
            </body></html>
            """);
        Site.Html("/frames/platform/list.html", """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
            <ul class="xxgk-list"><li><a href="t20250101_1.html">机构职能</a></li></ul>
            <iframe src="inner.html"></iframe></body></html>
            """);
        Site.Html("/frames/platform/inner.html", "<!DOCTYPE html><html><body><p>嵌套框架内容</p></body></html>");
        OtherHost.Html("/frames/widget.html", "<!DOCTYPE html><html><body><p>外站天气挂件</p></body></html>");
        var scope = new FetchScope(new HashSet<string> { Site.HostAndPort, OtherHost.HostAndPort }, true);

        var page = await Fetcher.FetchAsync(new FetchRequest { Url = Site.Url("/frames/index.html") }, scope, CancellationToken.None);

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        var document = new HtmlParser().ParseDocument(page.Html!);
        var holders = document.QuerySelectorAll("div[data-openness-iframe-src]").ToList();
        Assert.That(holders.Select(h => h.GetAttribute("data-openness-iframe-src")), Is.EquivalentTo(new[]
        {
            Site.Url("/frames/platform/list.html").AbsoluteUri, Site.Url("/frames/platform/inner.html").AbsoluteUri,
        }));
        var link = document.QuerySelector("div[data-openness-iframe-src] a")!;
        Assert.That(link.TextContent, Is.EqualTo("机构职能"));
        Assert.That(link.GetAttribute("href"), Is.EqualTo(Site.Url("/frames/platform/t20250101_1.html").AbsoluteUri),
            "links inside an inlined frame resolve against the frame, not the page");
        Assert.That(page.Html, Does.Contain("嵌套框架内容"));
        Assert.That(document.QuerySelector("iframe#platform"), Is.Null);
        Assert.That(document.QuerySelector("iframe#outside"), Is.Not.Null);
        Assert.That(page.Html, Does.Not.Contain("外站天气挂件"));
        Assert.That(OtherHost.CountRequests("/frames/widget.html"), Is.EqualTo(1), "the cross-origin frame did load; it just is not inlined");
        Assert.That(page.Notes["iframes-inlined"], Is.EqualTo("2"));
    }

    [Test]
    public async Task Scripts_cannot_reach_hosts_outside_the_scope()
    {
        Site.Html("/leak/index.html", $$"""
            <!DOCTYPE html><html><head><meta charset="utf-8">
            <script src="{{OtherHost.Url("/leak/tracker.js")}}"></script></head><body>
            <p id="state">本站内容</p>
            <iframe src="{{OtherHost.Url("/leak/frame.html")}}"></iframe>
            <script>
              fetch('{{OtherHost.Url("/leak/steal?d=1")}}').catch(() => {});
              var x = new XMLHttpRequest(); x.open('GET', '{{OtherHost.Url("/leak/xhr")}}'); x.send();
            </script></body></html>
            """);
        OtherHost.Content("/leak/tracker.js", "document.title='tracked';", "application/javascript");

        var page = await FetchAsync(Site.Url("/leak/index.html"));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Html, Does.Contain("本站内容"));
        Assert.That(OtherHost.Requests.Where(r => r.StartsWith("/leak/", StringComparison.Ordinal)), Is.Empty);
        Assert.That(int.Parse(page.Notes["blocked-requests"]), Is.GreaterThanOrEqualTo(4));
    }

    [Test]
    public async Task In_scope_cross_origin_api_without_preflight_support_still_fills_the_list()
    {
        // The pool marks each page's requests with a header; that must not make a simple cross-origin GET need a
        // CORS preflight the site's API never answers (many portal APIs answer OPTIONS with an error).
        OtherHost.Handle("/cors/list", async context =>
        {
            if (HttpMethods.IsOptions(context.Request.Method))
            {
                context.Response.StatusCode = 405;
                return;
            }
            context.Response.Headers["Access-Control-Allow-Origin"] = "*";
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync("""[{"title":"关于公布2025年度政府信息公开工作年度报告的通知"}]""");
        });
        Site.Html("/cors/index.html", $$"""
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body><ul id="rows"></ul>
            <script>fetch('{{OtherHost.Url("/cors/list")}}').then(r => r.json()).then(items => {
              for (const it of items) { const li = document.createElement('li'); li.textContent = it.title; document.getElementById('rows').appendChild(li); }
            });</script></body></html>
            """);
        var scope = new FetchScope(new HashSet<string> { Site.HostAndPort, OtherHost.HostAndPort }, AllowPrivateAddresses: true);

        var page = await Fetcher.FetchAsync(new FetchRequest { Url = Site.Url("/cors/index.html") }, scope, CancellationToken.None);

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Html, Does.Contain("关于公布2025年度政府信息公开工作年度报告的通知"));
        Assert.That(OtherHost.CountRequests("/cors/list"), Is.EqualTo(1), "one GET, no preflight the page would not have sent");
    }

    [Test]
    public async Task Images_are_not_requested_unless_a_screenshot_is_asked_for()
    {
        Site.Html("/img/index.html", """
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-family:"WenQuanYi Micro Hei",sans-serif;font-size:28px}</style></head>
            <body><h1>平潭综合实验区政府信息公开年报</h1><img src="/img/logo.png" width="40" height="40">
            <p>依据《中华人民共和国政府信息公开条例》，现公布2025年度政府信息公开工作年度报告。</p></body></html>
            """);
        Site.Bytes("/img/logo.png", Convert.FromBase64String(OnePixelPng), "image/png");

        var plain = await FetchAsync(Site.Url("/img/index.html"));
        Assert.That(plain.Outcome.Succeeded, Is.True, plain.Outcome.Message);
        Assert.That(Site.CountRequests("/img/logo.png"), Is.Zero);
        Assert.That(plain.Screenshot, Is.Null);
        Assert.That(int.Parse(plain.Notes["skipped-assets"]), Is.GreaterThanOrEqualTo(1));

        var withShot = await FetchAsync(Site.Url("/img/index.html"), screenshot: true);
        Assert.That(withShot.Outcome.Succeeded, Is.True, withShot.Outcome.Message);
        Assert.That(Site.CountRequests("/img/logo.png"), Is.EqualTo(1));
        Assert.That(withShot.Screenshot, Is.Not.Null);
        Assert.That(withShot.Screenshot!.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        Assert.That(withShot.Screenshot!.Length, Is.GreaterThan(10_000), "a full-page PNG with rendered Chinese text");
    }

    [Test]
    public async Task Error_statuses_are_outcomes_with_the_status_kept()
    {
        Site.Html("/err/500.html", "<!DOCTYPE html><html><body>服务器内部错误</body></html>", status: 500);

        var missing = await FetchAsync(Site.Url("/err/missing.html"));
        var broken = await FetchAsync(Site.Url("/err/500.html"));

        Assert.That(missing.Outcome.Status, Is.EqualTo(404));
        Assert.That(missing.Outcome.Error, Is.EqualTo(PageErrorKind.HttpStatus));
        Assert.That(missing.Outcome.Succeeded, Is.False);
        Assert.That(missing.Outcome.Message, Does.Contain("404"));
        Assert.That(missing.Html, Does.Contain("404 未找到"));
        Assert.That(broken.Outcome.Status, Is.EqualTo(500));
        Assert.That(broken.Outcome.Error, Is.EqualTo(PageErrorKind.HttpStatus));
    }

    [Test]
    public async Task Closed_port_is_connection_refused_not_an_exception()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = new Uri($"http://127.0.0.1:{port}/index.html");
        var scope = new FetchScope(new HashSet<string> { $"127.0.0.1:{port}" }, true);

        var page = await Fetcher.FetchAsync(new FetchRequest { Url = url }, scope, CancellationToken.None);

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.ConnectionRefused), page.Outcome.Message);
        Assert.That(page.Outcome.Message, Does.Contain("拒绝连接"));
        Assert.That(page.Html, Is.Null);
    }

    [Test]
    public async Task Unresolvable_host_is_a_dns_failure()
    {
        var url = new Uri("http://no-such-unit.invalid/index.html");
        var scope = new FetchScope(new HashSet<string> { "no-such-unit.invalid" }, false);

        var page = await Fetcher.FetchAsync(new FetchRequest { Url = url }, scope, CancellationToken.None);

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.DnsFailure), page.Outcome.Message);
    }

    [Test]
    public async Task Thirty_fetches_reuse_the_pool_pages()
    {
        // Its own fetcher, so pages other tests opened (or retired) do not blur the count.
        await using var fetcher = new BrowserFetcher(Options, pagePoolSize: 2);
        for (int i = 0; i < 30; i++)
            Site.Html($"/pool/{i}.html", $"<!DOCTYPE html><html><body><ul id=\"l\"></ul><script>document.getElementById('l').innerHTML='<li>第{i}条</li>';</script></body></html>");

        var pages = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            fetcher.FetchAsync(new FetchRequest { Url = Site.Url($"/pool/{i}.html") }, Scope, CancellationToken.None)));

        for (int i = 0; i < 30; i++)
        {
            Assert.That(pages[i].Outcome.Succeeded, Is.True, pages[i].Outcome.Message);
            Assert.That(pages[i].Html, Does.Contain($"<li>第{i}条</li>"), "each fetch sees its own page, not a neighbour's");
        }
        Assert.That(fetcher.PagesCreated, Is.EqualTo(2));
    }

    [Test]
    public async Task Redirect_within_scope_is_followed_and_recorded()
    {
        Site.Redirect("/moved/old.html", "/moved/new.html", 301);
        Site.Html("/moved/new.html", "<!DOCTYPE html><html><body>新栏目地址</body></html>");

        var page = await FetchAsync(Site.Url("/moved/old.html"));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.FinalUrl, Is.EqualTo(Site.Url("/moved/new.html")));
        Assert.That(page.Redirects, Is.EqualTo(new[] { Site.Url("/moved/new.html") }));
        Assert.That(page.Html, Does.Contain("新栏目地址"));
    }

    [Test]
    public async Task Redirect_out_of_scope_is_refused_before_the_other_host_is_contacted()
    {
        Site.Redirect("/away/index.html", OtherHost.Url("/away/landing.html").AbsoluteUri);
        OtherHost.Html("/away/landing.html", "<html><body>外站</body></html>");

        var page = await FetchAsync(Site.Url("/away/index.html"));

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.OutOfScope), page.Outcome.Message);
        Assert.That(OtherHost.CountRequests("/away/landing.html"), Is.Zero);
        Assert.That(page.Html, Is.Null);
    }

    [Test]
    public async Task Loopback_address_is_blocked_unless_the_unit_allows_it()
    {
        Site.Html("/private/index.html", "<html><body>内网</body></html>");
        var strict = new FetchScope(new HashSet<string> { Site.HostAndPort }, AllowPrivateAddresses: false);

        var page = await Fetcher.FetchAsync(new FetchRequest { Url = Site.Url("/private/index.html") }, strict, CancellationToken.None);

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.BlockedAddress), page.Outcome.Message);
        Assert.That(Site.CountRequests("/private/index.html"), Is.Zero);
    }

    [Test]
    public async Task Url_outside_the_scope_is_not_fetched()
    {
        var page = await FetchAsync(OtherHost.Url("/outside.html"));

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.OutOfScope));
        Assert.That(OtherHost.CountRequests("/outside.html"), Is.Zero);
    }

    [Test]
    public async Task Post_form_is_sent_with_the_navigation()
    {
        // Hanweb dataproxy.jsp paging answers a form POST.
        Site.Handle("/module/web/jpage/dataproxy.jsp", async context =>
        {
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync($"<html><body><p id=\"m\">{context.Request.Method}</p><p id=\"c\">{form?["columnid"]}</p><p id=\"w\">{form?["webname"]}</p></body></html>");
        });
        var request = new FetchRequest
        {
            Url = Site.Url("/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15"),
            Method = "POST",
            Form = new Dictionary<string, string> { ["columnid"] = "1229", ["webname"] = "某市人民政府" },
        };

        var page = await Fetcher.FetchAsync(request, Scope, CancellationToken.None);

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        var document = new HtmlParser().ParseDocument(page.Html!);
        Assert.That(document.GetElementById("m")!.TextContent, Is.EqualTo("POST"));
        Assert.That(document.GetElementById("c")!.TextContent, Is.EqualTo("1229"));
        Assert.That(document.GetElementById("w")!.TextContent, Is.EqualTo("某市人民政府"));
    }

    [Test]
    public async Task Endless_polling_stops_waiting_at_the_network_idle_cap()
    {
        Site.Html("/poll/index.html", """
            <!DOCTYPE html><html><body><p>实时访问量</p>
            <script>
              // Each answer starts the next request: never quiet, whatever the machine's load does to timers.
              function poll() { fetch('/poll/ping').then(function (r) { return r.text(); }).catch(function () {}).finally(poll); }
              poll();
            </script></body></html>
            """);
        Site.Handle("/poll/ping", async context =>
        {
            await Task.Delay(100);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{}");
        });

        var page = await FetchAsync(Site.Url("/poll/index.html"));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Notes, Does.ContainKey("network-idle-cap-reached"));
        Assert.That(page.Outcome.Elapsed, Is.LessThan(Options.BrowserNetworkIdleCap + TimeSpan.FromSeconds(8)));
    }

    [Test]
    public async Task Huge_dom_is_truncated_and_marked()
    {
        Site.Html("/huge/index.html", """
            <!DOCTYPE html><html><body><ul id="l"></ul>
            <script>var ul=document.getElementById('l'); for (var i=0;i<20000;i++){var li=document.createElement('li'); li.textContent='item-'+i; ul.appendChild(li);}</script>
            </body></html>
            """);

        var page = await FetchAsync(Site.Url("/huge/index.html"));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Notes, Does.ContainKey("dom-truncated"));
        var items = new HtmlParser().ParseDocument(page.Html!).QuerySelectorAll("li").ToList();
        Assert.That(items.Count, Is.LessThan(Options.MaxDomNodes));
        Assert.That(items[0].TextContent, Is.EqualTo("item-0"));
        Assert.That(page.Html, Does.Not.Contain("item-19999"));
    }

    [Test]
    public async Task Gzipped_gbk_page_is_decoded_like_a_browser_would()
    {
        // Many older portals still serve GBK, nearly all compress; the routed fetch must hand both through intact.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gbk = System.Text.Encoding.GetEncoding("GBK");
        var body = gbk.GetBytes("<html><head><meta charset=\"gbk\"></head><body><h1>政府信息公开指南</h1><ul id=\"l\"></ul>" +
                                "<script>document.getElementById('l').innerHTML='<li>依申请公开</li>';</script></body></html>");
        using var packed = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            await gzip.WriteAsync(body);
        var compressed = packed.ToArray();
        Site.Handle("/gbk/index.html", async context =>
        {
            context.Response.ContentType = "text/html; charset=GBK";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(compressed);
        });

        var page = await FetchAsync(Site.Url("/gbk/index.html"));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Html, Does.Contain("<h1>政府信息公开指南</h1>"));
        Assert.That(page.Html, Does.Contain("<li>依申请公开</li>"));
    }

    [TestCase("changwu_pingtan-gov-zwgk-archive/zwgk_zfxxgk_gwhwj_hzgfxwj_201705_t20170518_79834_detail.html", "PZ00101-1700-2023-00068")]
    [TestCase("Yuhamixli_nfra.gov.cn/tests_page_source_debug.html", "金罚决字〔2024〕36号")]
    [TestCase("kevin3691_renmin/hd_list.html", "000014348/2020-35428")]
    public async Task Real_government_pages_render_with_their_content_intact(string file, string expected)
    {
        // Their own scripts and assets are missing here (404), as on a half-broken site: the page must still render.
        var path = "/corpus/" + Path.GetFileName(file);
        Site.Html(path, await File.ReadAllTextAsync(Path.Combine(CorpusRoot, file)));

        var page = await FetchAsync(Site.Url(path));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Html, Does.Contain(expected));
        Assert.That(page.Notes, Does.Not.ContainKey("dom-truncated"));
    }

    [Test]
    public async Task Missing_chromium_fails_with_the_path_and_the_install_command()
    {
        await using var fetcher = new BrowserFetcher(Options with { ChromiumPath = "/nonexistent/chromium" });
        Site.Html("/nochrome.html", "<html><body>x</body></html>");

        var ex = Assert.ThrowsAsync<BrowserUnavailableException>(() => fetcher.FetchAsync(new FetchRequest { Url = Site.Url("/nochrome.html") }, Scope, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("/nonexistent/chromium"));
        Assert.That(ex.Message, Does.Contain("apt-get install -y chromium fonts-wqy-microhei"));
    }

    // 1×1 transparent PNG.
    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
}
