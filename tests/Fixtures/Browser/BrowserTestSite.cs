using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Openness.Fixtures.Browser;

/// <summary>
/// A tiny site on 127.0.0.1 (Kestrel, port 0) for browser tests: pages and API answers registered by path, every
/// request the server receives logged so tests can assert what the browser did (and did not) ask for.
/// </summary>
public sealed class BrowserTestSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();

    private BrowserTestSite(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>"127.0.0.1:port", the scope entry for this site.</summary>
    public string HostAndPort => $"{BaseUrl.Host}:{BaseUrl.Port}";

    /// <summary>Path and query of every request received, in arrival order.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    public static async Task<BrowserTestSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        BrowserTestSite? site = null;
        app.Run(context => site!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        site = new BrowserTestSite(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        return site;
    }

    public BrowserTestSite Html(string path, string html, int status = 200) =>
        Content(path, html, "text/html; charset=utf-8", status);

    public BrowserTestSite Json(string path, string json) => Content(path, json, "application/json; charset=utf-8");

    public BrowserTestSite Content(string path, string body, string contentType, int status = 200) =>
        Bytes(path, Encoding.UTF8.GetBytes(body), contentType, status);

    public BrowserTestSite Bytes(string path, byte[] body, string contentType, int status = 200)
    {
        _routes[path] = async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.Body.WriteAsync(body);
        };
        return this;
    }

    public BrowserTestSite Redirect(string path, string location, int status = 302)
    {
        _routes[path] = context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        };
        return this;
    }

    /// <summary>Answers with whatever the handler writes (e.g. echo a POSTed form).</summary>
    public BrowserTestSite Handle(string path, Func<HttpContext, Task> handler)
    {
        _routes[path] = handler;
        return this;
    }

    public int CountRequests(string path) => Requests.Count(r => r == path || r.StartsWith(path + "?", StringComparison.Ordinal));

    private async Task HandleAsync(HttpContext context)
    {
        var pathAndQuery = context.Request.Path.Value + context.Request.QueryString.Value;
        _requests.Enqueue(pathAndQuery);
        if (_routes.TryGetValue(context.Request.Path.Value ?? "/", out var handler))
            await handler(context);
        else
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<!DOCTYPE html><html><body><h1>404 未找到</h1></body></html>");
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5)); // don't wait on hung test requests
        await _app.StopAsync(bounded.Token);
        await _app.DisposeAsync();
    }
}
