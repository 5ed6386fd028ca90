using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Openness.Fixtures.Faults;

/// <summary>One request as the server saw it (recorded before it was answered).</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Form,
    DateTimeOffset ReceivedAt);

/// <summary>
/// A real Kestrel server on 127.0.0.1 (port 0) whose routes answer with a scripted sequence of responses and faults:
/// the n-th request to a path gets the n-th responder, the last one repeating. Unmapped paths answer 404. Every
/// request is recorded, so tests can assert that a host was (or was never) contacted.
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Route> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    private FaultServer(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; private set; }
    public int Port => BaseUrl.Port;
    /// <summary><c>127.0.0.1:port</c>, the form a <c>FetchScope</c> host entry takes.</summary>
    public string Authority => $"{BaseUrl.Host}:{BaseUrl.Port}";
    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    /// <param name="certificate">Serve HTTPS with this certificate (e.g. a self-signed one to provoke TLS errors).</param>
    public static async Task<FaultServer> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
                listen.UseHttps(certificate);
        }));
        var app = builder.Build();
        var server = new FaultServer(app, new Uri("http://127.0.0.1/"));
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Routes <paramref name="path"/> (e.g. <c>/a.html</c>, query ignored) to a sequence of responders.</summary>
    public FaultServer Map(string path, params Responder[] sequence)
    {
        if (sequence.Length == 0)
            throw new ArgumentException("at least one responder", nameof(sequence));
        routes[path] = new Route(sequence);
        return this;
    }

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    public int RequestCount(string path) => requests.Count(r => r.Path == path);

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        IReadOnlyDictionary<string, string> form = new Dictionary<string, string>();
        if (request.HasFormContentType)
            form = (await request.ReadFormAsync(context.RequestAborted)).ToDictionary(f => f.Key, f => f.Value.ToString());
        requests.Enqueue(new RecordedRequest(
            request.Method,
            request.Path.Value ?? "/",
            request.QueryString.Value ?? "",
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            form,
            DateTimeOffset.UtcNow));

        if (routes.TryGetValue(request.Path.Value ?? "/", out var route))
            await route.Next()(context);
        else
            await Respond.Status(404)(context);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
    }

    private sealed class Route(Responder[] sequence)
    {
        private int served = -1;

        public Responder Next() => sequence[Math.Min(Interlocked.Increment(ref served), sequence.Length - 1)];
    }
}
