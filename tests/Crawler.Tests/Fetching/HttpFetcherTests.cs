using System.Diagnostics;
using NUnit.Framework;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Openness.Core.Snapshots;
using Openness.Crawler;
using Openness.Crawler.Fetching;
using Openness.Fixtures.Faults;

namespace Openness.Crawler.Tests.Fetching;

[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class HttpFetcherTests
{
    private static readonly string CorpusPage = Openness.Fixtures.RealPages.PathOf("kevin3691_renmin/hd_list.html");

    private static CrawlerOptions Fast(int retries = 2) => new()
    {
        RequestTimeout = TimeSpan.FromSeconds(5),
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRetries = retries,
        CircuitBreakerFailures = 50,
        CircuitBreakerBreak = TimeSpan.FromSeconds(30),
    };

    private static FetchScope ScopeOf(params FaultServer[] servers) =>
        new(servers.Select(s => s.Authority).ToHashSet(), AllowPrivateAddresses: true);

    private static Task<FetchedPage> Get(HttpFetcher fetcher, Uri url, FetchScope scope) =>
        fetcher.FetchAsync(new FetchRequest { Url = url }, scope, CancellationToken.None);

    [Test]
    public async Task Slow_response_beyond_timeout_fails_as_timeout_after_retries()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/slow.html", Respond.Delay(TimeSpan.FromSeconds(10), Respond.Html("<p>late</p>")));
        await using var fetcher = new HttpFetcher(Fast(retries: 2) with { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var clock = Stopwatch.StartNew();
        var page = await Get(fetcher, server.Url("/slow.html"), ScopeOf(server));

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.Timeout));
        Assert.That(page.Outcome.Attempts, Is.EqualTo(3));
        Assert.That(page.Outcome.Message, Does.StartWith("请求超时"));
        Assert.That(page.Html, Is.Null);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(server.RequestCount("/slow.html"), Is.EqualTo(3));
    }

    [Test]
    public async Task Body_that_stalls_after_the_headers_also_times_out()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/stall.html", Respond.Trickle("<p>" + new string('x', 1000) + "</p>", chunks: 20, TimeSpan.FromMilliseconds(200)));
        await using var fetcher = new HttpFetcher(Fast(retries: 1) with { RequestTimeout = TimeSpan.FromMilliseconds(500) });

        var page = await Get(fetcher, server.Url("/stall.html"), ScopeOf(server));

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.Timeout));
        Assert.That(page.Outcome.Attempts, Is.EqualTo(2));
        Assert.That(page.Html, Is.Null);
    }

    [Test]
    public async Task Two_503_then_200_succeeds_on_third_attempt()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/p.html", Respond.Status(503), Respond.Status(503), Respond.Html("<h1>通知公告</h1>"));
        await using var fetcher = new HttpFetcher(Fast(retries: 3));

        var page = await Get(fetcher, server.Url("/p.html"), ScopeOf(server));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Outcome.Status, Is.EqualTo(200));
        Assert.That(page.Outcome.Attempts, Is.EqualTo(3));
        Assert.That(page.Html, Does.Contain("通知公告"));
    }

    [Test]
    public async Task Persistent_503_reports_status_and_retry_count()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/p.html", Respond.Status(503));
        await using var fetcher = new HttpFetcher(Fast(retries: 3));

        var page = await Get(fetcher, server.Url("/p.html"), ScopeOf(server));

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.HttpStatus));
        Assert.That(page.Outcome.Status, Is.EqualTo(503));
        Assert.That(page.Outcome.Attempts, Is.EqualTo(4));
        Assert.That(page.Outcome.Message, Does.StartWith("服务器返回 503").And.Contain("重试 3 次后仍失败"));
        Assert.That(server.RequestCount("/p.html"), Is.EqualTo(4));
    }

    [Test]
    public async Task Status_429_with_retry_after_waits_then_succeeds()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/list.html", Respond.RetryAfter(429, "1"), Respond.Html("<ul><li>条目</li></ul>"));
        await using var fetcher = new HttpFetcher(Fast(retries: 2));

        var page = await Get(fetcher, server.Url("/list.html"), ScopeOf(server));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Outcome.Attempts, Is.EqualTo(2));
        var requests = server.Requests;
        Assert.That(requests[1].ReceivedAt - requests[0].ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)));
        Assert.That(page.Outcome.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)));
    }

    [Test]
    public async Task Retry_after_as_http_date_is_honoured()
    {
        await using var server = await FaultServer.StartAsync();
        var when = DateTimeOffset.UtcNow.AddSeconds(2).ToString("R");
        server.Map("/d.html", Respond.RetryAfter(503, when), Respond.Html("<p>ok</p>"));
        await using var fetcher = new HttpFetcher(Fast(retries: 1));

        var page = await Get(fetcher, server.Url("/d.html"), ScopeOf(server));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        var requests = server.Requests;
        // The date has one-second resolution, so the wait is between 1 and 2 seconds.
        Assert.That(requests[1].ReceivedAt - requests[0].ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900)));
    }

    [Test]
    public async Task Connection_reset_then_success_is_retried()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/r.html", Respond.Abort(), Respond.Html("<p>second time lucky</p>"));
        await using var fetcher = new HttpFetcher(Fast(retries: 2));

        var page = await Get(fetcher, server.Url("/r.html"), ScopeOf(server));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Outcome.Attempts, Is.EqualTo(2));
        Assert.That(page.Html, Does.Contain("second time lucky"));
    }

    [Test]
    public async Task Persistent_reset_is_reported_as_connection_reset()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/r.html", Respond.Abort());
        await using var fetcher = new HttpFetcher(Fast(retries: 1));

        var page = await Get(fetcher, server.Url("/r.html"), ScopeOf(server));

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.ConnectionReset));
        Assert.That(page.Outcome.Attempts, Is.EqualTo(2));
        Assert.That(page.Outcome.Message, Does.StartWith("连接被服务器中断"));
    }

    [Test]
    public async Task Not_found_is_not_retried()
    {
        await using var server = await FaultServer.StartAsync();
        await using var fetcher = new HttpFetcher(Fast(retries: 3));

        var page = await Get(fetcher, server.Url("/missing.html"), ScopeOf(server));

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.HttpStatus));
        Assert.That(page.Outcome.Status, Is.EqualTo(404));
        Assert.That(page.Outcome.Attempts, Is.EqualTo(1));
        Assert.That(page.Outcome.Succeeded, Is.False);
        Assert.That(page.Outcome.Message, Does.StartWith("页面不存在"));
        Assert.That(server.RequestCount("/missing.html"), Is.EqualTo(1));
    }

    [Test]
    public async Task Forbidden_is_worded_as_possible_crawler_block()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/f.html", Respond.Status(403));
        await using var fetcher = new HttpFetcher(Fast());

        var page = await Get(fetcher, server.Url("/f.html"), ScopeOf(server));

        Assert.That(page.Outcome.Status, Is.EqualTo(403));
        Assert.That(page.Outcome.Attempts, Is.EqualTo(1));
        Assert.That(page.Outcome.Message, Is.EqualTo("拒绝访问（403，可能屏蔽了爬虫）（HTTP 403 Forbidden）"));
    }

    [Test]
    public async Task Redirect_chain_inside_scope_is_followed_and_recorded()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/", Respond.Redirect("/index.html", 301))
              .Map("/index.html", Respond.Redirect(server.Url("/home/index.html#top").AbsoluteUri, 302))
              .Map("/home/index.html", Respond.Html("<title>首页</title>"));
        await using var fetcher = new HttpFetcher(Fast());

        var page = await Get(fetcher, server.Url("/"), ScopeOf(server));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.RequestedUrl, Is.EqualTo(server.Url("/")));
        Assert.That(page.FinalUrl, Is.EqualTo(server.Url("/home/index.html")));
        Assert.That(page.Redirects, Is.EqualTo(new[] { server.Url("/index.html"), server.Url("/home/index.html") }));
        Assert.That(page.Html, Does.Contain("首页"));
    }

    [Test]
    public async Task Redirect_loop_is_detected()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/a.html", Respond.Redirect("/b.html")).Map("/b.html", Respond.Redirect("/a.html"));
        await using var fetcher = new HttpFetcher(Fast());

        var page = await Get(fetcher, server.Url("/a.html"), ScopeOf(server));

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.RedirectLoop));
        Assert.That(page.Outcome.Message, Does.StartWith("页面重定向形成循环"));
        Assert.That(server.RequestCount("/a.html"), Is.EqualTo(1));
        Assert.That(server.RequestCount("/b.html"), Is.EqualTo(1));
    }

    [Test]
    public async Task Too_many_redirects_stop_at_the_limit()
    {
        await using var server = await FaultServer.StartAsync();
        for (var i = 0; i < 6; i++)
            server.Map($"/{i}.html", Respond.Redirect($"/{i + 1}.html"));
        await using var fetcher = new HttpFetcher(Fast() with { MaxRedirects = 3 });

        var page = await Get(fetcher, server.Url("/0.html"), ScopeOf(server));

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.TooManyRedirects));
        Assert.That(page.Redirects, Has.Count.EqualTo(3));
        Assert.That(server.RequestCount("/4.html"), Is.Zero);
    }

    [Test]
    public async Task Redirect_to_another_host_is_out_of_scope_and_never_contacted()
    {
        await using var site = await FaultServer.StartAsync();
        await using var elsewhere = await FaultServer.StartAsync();
        elsewhere.Map("/phish.html", Respond.Html("<p>elsewhere</p>"));
        site.Map("/go.html", Respond.Redirect(elsewhere.Url("/phish.html").AbsoluteUri));
        await using var fetcher = new HttpFetcher(Fast());

        var page = await Get(fetcher, site.Url("/go.html"), ScopeOf(site));

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.OutOfScope));
        Assert.That(page.Outcome.Status, Is.EqualTo(302));
        Assert.That(page.FinalUrl, Is.EqualTo(site.Url("/go.html")));
        Assert.That(page.Notes["redirect-refused"], Is.EqualTo(elsewhere.Url("/phish.html").AbsoluteUri));
        Assert.That(elsewhere.Requests, Is.Empty);
    }

    [Test]
    public async Task Url_outside_scope_is_refused_without_a_request()
    {
        await using var site = await FaultServer.StartAsync();
        await using var other = await FaultServer.StartAsync();
        await using var fetcher = new HttpFetcher(Fast());

        var page = await Get(fetcher, other.Url("/x.html"), ScopeOf(site));

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.OutOfScope));
        Assert.That(page.Outcome.Attempts, Is.Zero);
        Assert.That(other.Requests, Is.Empty);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Twenty_megabyte_page_is_cut_off_quickly(bool declareLength)
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/big.html", Respond.Huge(20L * 1024 * 1024, declareLength));
        await using var fetcher = new HttpFetcher(Fast(retries: 2) with { MaxResponseBytes = 1024 * 1024 });

        var clock = Stopwatch.StartNew();
        var page = await Get(fetcher, server.Url("/big.html"), ScopeOf(server));

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.TooLarge));
        Assert.That(page.Outcome.Attempts, Is.EqualTo(1));
        Assert.That(page.Outcome.Message, Does.StartWith("页面过大").And.Contain("1 MB"));
        Assert.That(page.Html, Is.Null);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task Binary_documents_are_recorded_without_their_body()
    {
        await using var server = await FaultServer.StartAsync();
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\n");
        server.Map("/report.pdf", Respond.Bytes(pdf, "application/pdf"));
        await using var fetcher = new HttpFetcher(Fast());

        var page = await Get(fetcher, server.Url("/report.pdf"), ScopeOf(server));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Outcome.Status, Is.EqualTo(200));
        Assert.That(page.ContentType, Is.EqualTo("application/pdf"));
        Assert.That(page.Html, Is.Null);
    }

    [Test]
    public async Task Gbk_page_with_header_charset_decodes_to_the_original_text()
    {
        var original = await File.ReadAllTextAsync(CorpusPage, Encoding.UTF8);
        var gbk = Gbk().GetBytes(original);
        await using var server = await FaultServer.StartAsync();
        server.Map("/hd_list.html", Respond.Bytes(gbk, "text/html; charset=gbk"));
        await using var fetcher = new HttpFetcher(Fast());

        var page = await Get(fetcher, server.Url("/hd_list.html"), ScopeOf(server));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Html, Is.EqualTo(original));
        Assert.That(page.Notes["encoding-source"], Is.EqualTo("Header"));
    }

    [Test]
    public async Task Gbk_page_with_only_meta_gb2312_decodes_to_the_original_text()
    {
        var original = (await File.ReadAllTextAsync(CorpusPage, Encoding.UTF8))
            .Replace("charset=UTF-8", "charset=gb2312", StringComparison.OrdinalIgnoreCase);
        Assert.That(original, Does.Contain("charset=gb2312"), "corpus page should carry a meta charset to rewrite");
        await using var server = await FaultServer.StartAsync();
        server.Map("/hd_list.html", Respond.Bytes(Gbk().GetBytes(original), "text/html"));
        await using var fetcher = new HttpFetcher(Fast());

        var page = await Get(fetcher, server.Url("/hd_list.html"), ScopeOf(server));

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Html, Is.EqualTo(original));
        Assert.That(page.Notes["encoding-source"], Is.EqualTo("Meta"));
        Assert.That(page.Notes["encoding"], Is.EqualTo("GB18030").IgnoreCase);
    }

    [TestCase("gzip")]
    [TestCase("deflate")]
    [TestCase("br")]
    public async Task Compressed_responses_are_decompressed(string encoding)
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/z.html", Respond.Compressed("<p>政务公开</p>", encoding));
        await using var fetcher = new HttpFetcher(Fast());

        var page = await Get(fetcher, server.Url("/z.html"), ScopeOf(server));

        Assert.That(page.Html, Is.EqualTo("<p>政务公开</p>"));
        Assert.That(server.Requests[0].Headers["Accept-Encoding"], Does.Contain(encoding));
    }

    [Test]
    public async Task Unresolvable_host_is_a_dns_failure_without_retry()
    {
        await using var fetcher = new HttpFetcher(Fast(retries: 3));
        var url = new Uri("http://no-such-host.invalid/");
        var scope = new FetchScope(new HashSet<string> { "no-such-host.invalid" }, AllowPrivateAddresses: false);

        var page = await Get(fetcher, url, scope);

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.DnsFailure));
        Assert.That(page.Outcome.Attempts, Is.EqualTo(1));
        Assert.That(page.Outcome.Message, Is.EqualTo("域名无法解析（DNS lookup failed for no-such-host.invalid）"));
    }

    [Test]
    public async Task Closed_port_is_connection_refused_retried_once()
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var scope = new FetchScope(new HashSet<string> { $"127.0.0.1:{port}" }, AllowPrivateAddresses: true);
        await using var fetcher = new HttpFetcher(Fast(retries: 3));

        var page = await Get(fetcher, url, scope);

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.ConnectionRefused));
        Assert.That(page.Outcome.Attempts, Is.EqualTo(2));
        Assert.That(page.Outcome.Message, Does.StartWith("连接被拒绝").And.Contain($"port {port} closed"));
    }

    [Test]
    public async Task Loopback_address_is_blocked_unless_the_unit_allows_private_addresses()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/", Respond.Html("<p>internal</p>"));
        await using var fetcher = new HttpFetcher(Fast());
        var strict = ScopeOf(server) with { AllowPrivateAddresses = false };

        var page = await Get(fetcher, server.Url("/"), strict);

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.BlockedAddress));
        Assert.That(page.Outcome.Attempts, Is.EqualTo(1));
        Assert.That(page.Outcome.Message, Does.StartWith("目标是内网或本机地址").And.Contain("127.0.0.1"));
        Assert.That(server.Requests, Is.Empty);

        var allowed = await Get(fetcher, server.Url("/"), ScopeOf(server));
        Assert.That(allowed.Outcome.Succeeded, Is.True, allowed.Outcome.Message);
        // A pooled connection opened for the permissive unit must not serve the strict one.
        var again = await Get(fetcher, server.Url("/"), strict);
        Assert.That(again.Outcome.Error, Is.EqualTo(PageErrorKind.BlockedAddress));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Host_name_resolving_to_loopback_is_blocked_after_dns()
    {
        await using var server = await FaultServer.StartAsync();
        var url = new Uri($"http://localhost:{server.Port}/");
        var scope = new FetchScope(new HashSet<string> { "localhost" }, AllowPrivateAddresses: false);
        await using var fetcher = new HttpFetcher(Fast());

        var page = await Get(fetcher, url, scope);

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.BlockedAddress));
        Assert.That(server.Requests, Is.Empty);
    }

    [Test]
    public async Task Circuit_opens_after_consecutive_failures_and_stops_contacting_the_host()
    {
        await using var failing = await FaultServer.StartAsync();
        await using var healthy = await FaultServer.StartAsync();
        failing.Map("/p.html", Respond.Status(500));
        healthy.Map("/p.html", Respond.Html("<p>fine</p>"));
        var options = Fast(retries: 1) with { CircuitBreakerFailures = 3, CircuitBreakerBreak = TimeSpan.FromMinutes(5) };
        await using var fetcher = new HttpFetcher(options);
        var scope = ScopeOf(failing, healthy);

        for (var i = 0; i < 3; i++)
            Assert.That((await Get(fetcher, failing.Url("/p.html"), scope)).Outcome.Status, Is.EqualTo(500));
        var contacted = failing.Requests.Count;
        var blocked = await Get(fetcher, failing.Url("/p.html"), scope);

        Assert.That(contacted, Is.EqualTo(6), "three fetches of two attempts each");
        Assert.That(blocked.Outcome.Error, Is.EqualTo(PageErrorKind.CircuitOpen));
        Assert.That(blocked.Outcome.Attempts, Is.Zero);
        Assert.That(blocked.Outcome.Message, Does.StartWith("该网站连续多次访问失败，暂停访问"));
        Assert.That(failing.Requests, Has.Count.EqualTo(contacted));
        Assert.That((await Get(fetcher, healthy.Url("/p.html"), scope)).Outcome.Succeeded, Is.True);
    }

    [Test]
    public async Task Circuit_lets_a_probe_through_after_the_break_and_closes_on_success()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/p.html", Respond.Status(502), Respond.Status(502), Respond.Html("<p>back</p>"));
        var options = Fast(retries: 0) with { CircuitBreakerFailures = 2, CircuitBreakerBreak = TimeSpan.FromMilliseconds(400) };
        await using var fetcher = new HttpFetcher(options);
        var scope = ScopeOf(server);

        await Get(fetcher, server.Url("/p.html"), scope);
        await Get(fetcher, server.Url("/p.html"), scope);
        Assert.That((await Get(fetcher, server.Url("/p.html"), scope)).Outcome.Error, Is.EqualTo(PageErrorKind.CircuitOpen));

        await Task.Delay(500);
        var probe = await Get(fetcher, server.Url("/p.html"), scope);
        Assert.That(probe.Outcome.Succeeded, Is.True, probe.Outcome.Message);
        Assert.That((await Get(fetcher, server.Url("/p.html"), scope)).Outcome.Succeeded, Is.True);
    }

    [Test]
    public async Task Not_found_pages_do_not_open_the_circuit()
    {
        await using var server = await FaultServer.StartAsync();
        await using var fetcher = new HttpFetcher(Fast() with { CircuitBreakerFailures = 2 });

        for (var i = 0; i < 4; i++)
            Assert.That((await Get(fetcher, server.Url($"/gone{i}.html"), ScopeOf(server))).Outcome.Status, Is.EqualTo(404));
        Assert.That(server.Requests, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Post_with_form_reaches_the_server_with_fields_and_headers()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/module/web/jpage/dataproxy.jsp",
            Respond.Bytes(Encoding.UTF8.GetBytes("<datastore><totalrecord>31</totalrecord></datastore>"), "text/xml;charset=UTF-8"));
        await using var fetcher = new HttpFetcher(Fast() with { UserAgent = "TestAgent/2.0 (contact: ops@example.org)" });
        var request = new FetchRequest
        {
            Url = server.Url("/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15"),
            Method = "POST",
            Form = new Dictionary<string, string> { ["col"] = "1", ["columnid"] = "1229", ["webname"] = "某某市人民政府" },
            Referrer = server.Url("/col/col1229/index.html").AbsoluteUri,
        };

        var page = await fetcher.FetchAsync(request, ScopeOf(server), CancellationToken.None);

        Assert.That(page.Outcome.Succeeded, Is.True, page.Outcome.Message);
        Assert.That(page.Html, Does.Contain("<totalrecord>31</totalrecord>"));
        var seen = server.Requests.Single();
        Assert.That(seen.Method, Is.EqualTo("POST"));
        Assert.That(seen.Query, Is.EqualTo("?startrecord=1&endrecord=45&perpage=15"));
        Assert.That(seen.Form, Is.EquivalentTo(request.Form));
        Assert.That(seen.Headers["User-Agent"], Is.EqualTo("TestAgent/2.0 (contact: ops@example.org)"));
        Assert.That(seen.Headers["Accept-Language"], Does.StartWith("zh-CN"));
        Assert.That(seen.Headers["Referer"], Is.EqualTo(request.Referrer));
    }

    [Test]
    public async Task See_other_after_post_continues_as_get()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/search", Respond.Redirect("/results.html", 303)).Map("/results.html", Respond.Html("<p>结果</p>"));
        await using var fetcher = new HttpFetcher(Fast());
        var request = new FetchRequest { Url = server.Url("/search"), Method = "POST", Form = new Dictionary<string, string> { ["q"] = "年报" } };

        var page = await fetcher.FetchAsync(request, ScopeOf(server), CancellationToken.None);

        Assert.That(page.Html, Is.EqualTo("<p>结果</p>"));
        Assert.That(server.Requests.Select(r => r.Method), Is.EqualTo(new[] { "POST", "GET" }));
    }

    [Test]
    public async Task Untrusted_certificate_is_a_tls_error_without_retry()
    {
        using var certificate = SelfSignedCertificate();
        await using var server = await FaultServer.StartAsync(certificate);
        var url = new Uri($"https://127.0.0.1:{server.Port}/");
        var scope = new FetchScope(new HashSet<string> { server.Authority }, AllowPrivateAddresses: true);
        await using var fetcher = new HttpFetcher(Fast(retries: 3));

        var page = await Get(fetcher, url, scope);

        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.TlsError));
        Assert.That(page.Outcome.Attempts, Is.EqualTo(1));
        Assert.That(page.Outcome.Message, Does.StartWith("HTTPS 证书或加密连接有误"));
        Assert.That(server.Requests, Is.Empty);
    }

    [Test]
    public async Task Cancelling_the_callers_token_throws()
    {
        await using var server = await FaultServer.StartAsync();
        server.Map("/slow.html", Respond.Delay(TimeSpan.FromSeconds(10), Respond.Html("<p>late</p>")));
        await using var fetcher = new HttpFetcher(Fast() with { RequestTimeout = TimeSpan.FromSeconds(20) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.That(async () => await fetcher.FetchAsync(new FetchRequest { Url = server.Url("/slow.html") }, ScopeOf(server), cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Invalid_scheme_is_an_invalid_url()
    {
        await using var fetcher = new HttpFetcher(Fast());
        var page = await Get(fetcher, new Uri("ftp://example.gov.cn/file.txt"),
            new FetchScope(new HashSet<string> { "example.gov.cn" }, false));
        Assert.That(page.Outcome.Error, Is.EqualTo(PageErrorKind.InvalidUrl));
    }

    private static Encoding Gbk()
    {
        EncodingRegistration.EnsureCodePages();
        return Encoding.GetEncoding("gbk");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel on Linux needs a certificate whose key is not ephemeral: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }
}
