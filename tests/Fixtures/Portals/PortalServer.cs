using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Openness.Fixtures.Portals.PortalText;

namespace Openness.Fixtures.Portals;

/// <summary>A request the server saw, as received (raw target, Host header, form body).</summary>
public sealed record ServedRequest(string Method, string Host, string Target, string Path, string? Body, int Status);

public sealed record PortalServerOptions
{
    /// <summary>Added before every answer: a slow county server.</summary>
    public TimeSpan ResponseDelay { get; init; }
    /// <summary>Paths answered with a fixed status (e.g. "/index.html" → 403).</summary>
    public IReadOnlyDictionary<string, int> StatusOverrides { get; init; } = new Dictionary<string, int>();
    /// <summary>Paths answered with a 301 to another path or URL (moved pages, http→https, www/no-www).</summary>
    public IReadOnlyDictionary<string, string> Redirects { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Serves a <see cref="GeneratedPortal"/> on 127.0.0.1 (Kestrel, port 0) with the dynamic parts real CMSs have
/// (Hanweb dataproxy.jsp, the avalon JSON API, site search, an endless calendar, an ever-deepening path) and
/// counts every request so tests can assert what was fetched and how often.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GeneratedPortal _portal;
    private readonly PortalServerOptions _options;
    private readonly ConcurrentQueue<ServedRequest> _log = new();

    public Uri BaseUrl { get; private set; } = null!;
    public GeneratedPortal Portal => _portal;

    private PortalServer(WebApplication app, GeneratedPortal portal, PortalServerOptions options)
    {
        _app = app;
        _portal = portal;
        _options = options;
    }

    public static async Task<PortalServer> StartAsync(GeneratedPortal portal, PortalServerOptions? options = null, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new PortalServer(app, portal, options ?? new PortalServerOptions());
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return server;
    }

    public Uri Url(string path) => new(BaseUrl, path);

    public IReadOnlyList<ServedRequest> Requests => _log.ToArray();
    public int TotalRequests => _log.Count;

    /// <summary>Requests for a path (session-id path parameters and query strings ignored), any method.</summary>
    public int CountPath(string path) => _log.Count(r => r.Path == path);

    /// <summary>Requests whose raw target (path and query as sent) equals <paramref name="target"/>.</summary>
    public int CountTarget(string target, string method = "GET") => _log.Count(r => r.Target == target && r.Method == method);

    private async Task HandleAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var path = string.Join('/', (context.Request.Path.Value ?? "/").Split('/').Select(s => s.Split(';')[0]));
        if (path is "" or "/") path = "/index.html";
        else if (path.EndsWith('/')) path += "index.html";
        string? body = null;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            body = string.Join('&', form.Select(f => $"{f.Key}={f.Value}"));
        }
        if (_options.ResponseDelay > TimeSpan.Zero) await Task.Delay(_options.ResponseDelay).ConfigureAwait(false);

        if (_options.Redirects.TryGetValue(path, out var location))
        {
            _log.Enqueue(new ServedRequest(context.Request.Method, context.Request.Host.Value ?? "", raw, path, body, 301));
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = location;
            return;
        }
        var (status, type, content) = Answer(context, path);
        _log.Enqueue(new ServedRequest(context.Request.Method, context.Request.Host.Value ?? "", raw, path, body, status));
        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        await context.Response.WriteAsync(content, Encoding.UTF8).ConfigureAwait(false);
    }

    private (int Status, string Type, string Body) Answer(HttpContext context, string path)
    {
        const string html = "text/html; charset=utf-8";
        var q = context.Request.Query;
        if (_options.StatusOverrides.TryGetValue(path, out var forced)) return (forced, html, $"<html><body><h1>{forced}</h1></body></html>");
        if (path == "/robots.txt")
            return _portal.Spec.RobotsTxt is { } robots ? (200, "text/plain; charset=utf-8", robots) : (404, html, NotFound());
        if (path == "/module/web/jpage/dataproxy.jsp" && context.Request.Method == "POST" && context.Request.HasFormContentType)
        {
            var column = context.Request.Form["columnid"].ToString();
            if (!_portal.HanwebRecords.TryGetValue(column, out var records)) return (200, "text/xml; charset=utf-8", "<datastore><totalrecord>0</totalrecord><recordset></recordset></datastore>");
            var start = int.TryParse(q["startrecord"], out var s) ? s : 1;
            var end = int.TryParse(q["endrecord"], out var e) ? e : start + HanwebPortalBuilder.GroupSize - 1;
            return (200, "text/xml; charset=utf-8", HanwebPortalBuilder.DataProxyAnswer(records, start, end));
        }
        if (path == HanwebPortalBuilder.LoadMoreProxyPath && context.Request.Method == "POST" && context.Request.HasFormContentType)
        {
            // "Load more": page n of PerPage records.
            var column = context.Request.Form["columnid"].ToString();
            if (!_portal.HanwebRecords.TryGetValue(column, out var records)) return (200, "text/xml; charset=utf-8", "<datastore><totalrecord>0</totalrecord><recordset></recordset></datastore>");
            var page = int.TryParse(q["page"], out var n) && n > 0 ? n : 1;
            return (200, "text/xml; charset=utf-8",
                HanwebPortalBuilder.DataProxyAnswer(records, (page - 1) * HanwebPortalBuilder.PerPage + 1, page * HanwebPortalBuilder.PerPage));
        }
        if (path == "/api/list" && _portal.AvalonChannels.TryGetValue(q["chnlid"].ToString(), out var items))
        {
            var page = int.TryParse(q["page"], out var p) && p > 0 ? p : 1;
            var pre = int.TryParse(q["prepage"], out var n) && n > 0 ? n : AvalonPortalBuilder.PrePage;
            return (200, "application/json; charset=utf-8", AvalonPortalBuilder.ListJson(items, page, pre));
        }
        if (path == "/hdjl/calendar.html") return (200, html, Calendar(q["year"], q["month"]));
        if (path.StartsWith("/ztzl/lj/", StringComparison.Ordinal))
            return (200, html, Head(_portal.Spec, "专题专栏", "专题专栏") + "<ul><li><a href=\"lj/index.html\">链接</a></li><li><a href=\"/index.html\">返回首页</a></li></ul>" + Foot(_portal.Spec));
        if (path is "/search/search.html" or "/jrobot/search.do" or "/fjdzapp/searchpage.html")
            return (200, html, Search(q.Select(kv => kv.Value.ToString()).FirstOrDefault(v => v.Length > 0 && !v.All(char.IsAsciiLetterOrDigit)) ?? ""));
        if (_portal.Resources.TryGetValue(path, out var resource)) return (200, resource.ContentType, resource.Body);
        return (404, html, NotFound());
    }

    private string NotFound() => Head(_portal.Spec, "页面不存在", "404") + "<p>您访问的页面不存在或已被删除。</p>" + Foot(_portal.Spec);

    /// <summary>A leader's activity calendar: every month links the previous and next month, without end.</summary>
    private string Calendar(string? yearText, string? monthText)
    {
        var year = int.TryParse(yearText, out var y) ? y : _portal.Spec.Today.Year;
        var month = int.TryParse(monthText, out var m) && m is >= 1 and <= 12 ? m : 1;
        var prev = new DateOnly(year, month, 1).AddMonths(-1);
        var next = new DateOnly(year, month, 1).AddMonths(1);
        return Head(_portal.Spec, $"{year}年{month}月领导活动", "领导活动") +
               $"<div class=\"cal\"><a href=\"calendar.html?year={prev.Year}&amp;month={prev.Month}\">上个月</a> {year}年{month}月 " +
               $"<a href=\"calendar.html?year={next.Year}&amp;month={next.Month}\">下个月</a></div>" + Foot(_portal.Spec);
    }

    private string Search(string query)
    {
        var sb = new StringBuilder(Head(_portal.Spec, "搜索结果", "站内搜索"));
        sb.Append($"<div class=\"search-result\"><p>关键词“{E(query)}”的搜索结果：</p><ul>");
        foreach (var doc in _portal.DocumentPaths.Take(10)) sb.Append($"<li><a href=\"{doc}\">{E(doc)}</a></li>");
        sb.Append("</ul></div>").Append(Foot(_portal.Spec));
        return sb.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
