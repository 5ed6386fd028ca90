using System.Net;
using System.Net.Sockets;

namespace Openness.Crawler.Fetching.Proxy;

/// <summary>
/// The forward proxy on 127.0.0.1 that the browser context's pages talk through. Chromium never resolves or connects
/// to a site itself: this proxy applies each request's fetch scope (see <see cref="ProxyLeases"/>), refuses assets, resolves the
/// host with our address policy and connects to exactly the address it checked, which closes the DNS-rebinding gap
/// between a separate check and Chromium's own lookup. It costs no Playwright routing, so nothing passes through the
/// driver.
/// </summary>
internal sealed class BrowserProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ProxyExchange _exchange;
    private readonly Task _acceptLoop;

    public BrowserProxy(ProxyLeases leases, ProxyUpstream upstream, CrawlerOptions options)
    {
        _exchange = new ProxyExchange(leases, upstream, options);
        _listener.Start();
        Address = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _acceptLoop = AcceptAsync();
    }

    /// <summary>The proxy server setting for the page's browser context.</summary>
    public string Address { get; }

    private async Task AcceptAsync()
    {
        while (!_shutdown.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            client.NoDelay = true;
            _ = _exchange.ServeAsync(client, _shutdown.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        _shutdown.Dispose();
    }
}
