using System.Net;
using Openness.Crawler.Safety;

namespace Openness.Crawler.Fetching.Proxy;

/// <summary>
/// The HTTP clients the browser's proxy forwards with. Each resolves and connects through <see cref="SafeConnector"/>,
/// so the address checked is the address connected to. Units that allow private addresses get their own pool: a
/// pooled connection opened for them must never serve a unit that does not.
/// </summary>
internal sealed class ProxyUpstream : IDisposable
{
    private readonly HttpClient _strict;
    private readonly HttpClient _private;

    public ProxyUpstream(CrawlerOptions options)
    {
        _strict = Create(options);
        _private = Create(options);
    }

    public HttpClient For(FetchScope scope) => scope.AllowPrivateAddresses ? _private : _strict;

    private static HttpClient Create(CrawlerOptions options) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,       // Chromium follows redirects itself, each hop comes back through the proxy
        AutomaticDecompression = DecompressionMethods.None, // bytes go to Chromium as the site sent them
        ConnectCallback = SafeConnector.ConnectAsync,
        ConnectTimeout = options.RequestTimeout,
        UseProxy = false,
        UseCookies = false,              // Chromium's own cookie jar sends the Cookie header
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    }, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose()
    {
        _strict.Dispose();
        _private.Dispose();
    }
}
