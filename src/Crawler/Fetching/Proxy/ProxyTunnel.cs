using System.Net.Sockets;
using System.Text;
using Openness.Core.Snapshots;
using Openness.Crawler.Safety;

namespace Openness.Crawler.Fetching.Proxy;

/// <summary>
/// A CONNECT tunnel (HTTPS, or a WebSocket) for one fetch: the host and port must be in a current fetch's scope, the
/// host is resolved with that fetch's address policy and the tunnel goes to the checked address. The bytes inside are
/// TLS we do not see, so checks stop at the host; the tunnel closes when its fetch ends, so a later fetch (perhaps
/// another unit's) cannot reuse it without asking again.
/// </summary>
internal sealed class ProxyTunnel(CrawlerOptions options)
{
    public async Task RunAsync(ProxyRequestHead head, ProxyLeases leases, Stream client, ProxyClientReader reader, CancellationToken shutdown)
    {
        Uri? probe = null;
        var lease = TryParseAuthority(head.Target, out var host, out var port) &&
                    Uri.TryCreate($"https://{head.Target}/", UriKind.Absolute, out probe)
            ? leases.ForTunnel(probe)
            : null;
        if (lease is null || probe is null || !lease.Scope.Allows(probe))
        {
            await ProxyExchange.RefuseAsync(client, 403, "no current fetch may reach this host", shutdown).ConfigureAwait(false);
            return;
        }
        var main = lease.IsMainAuthority(probe.IdnHost, port);

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(lease.Ended, shutdown);
        Socket socket;
        try
        {
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(ended.Token);
            connect.CancelAfter(options.RequestTimeout);
            socket = await SafeConnector.ConnectCheckedAsync(host, port, lease.Scope.AllowPrivateAddresses, connect.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or BlockedAddressException or ArgumentException)
        {
            var attempt = HttpErrorClassifier.Classify(ex, probe);
            if (attempt.Error == PageErrorKind.BlockedAddress)
                lease.CountBlockedAddress();
            if (main)
                lease.Refuse(attempt.Error, BrowserOutcomes.TextFor(attempt.Error, attempt.Cause, probe));
            await ProxyExchange.RefuseAsync(client, 502, attempt.Error.ToString(), shutdown).ConfigureAwait(false);
            return;
        }

        await using var server = new NetworkStream(socket, ownsSocket: true);
        await client.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 Connection Established\r\n\r\n"), ended.Token).ConfigureAwait(false);
        var early = reader.TakeBuffered();
        if (!early.IsEmpty)
            await server.WriteAsync(early, ended.Token).ConfigureAwait(false);
        var up = CopyAsync(client, server, lease, ended.Token);
        var down = CopyAsync(server, client, lease, ended.Token);
        await Task.WhenAny(up, down).ConfigureAwait(false);
        await ended.CancelAsync().ConfigureAwait(false);
        socket.Shutdown(SocketShutdown.Both);
    }

    // A kept-alive tunnel stays open between requests, so the fetch's quiet is judged by when bytes last moved.
    private static async Task CopyAsync(Stream from, Stream to, BrowserFetchLease lease, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            lease.Touch();
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            lease.Touch();
        }
    }

    private static bool TryParseAuthority(string authority, out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = authority.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(authority[(colon + 1)..], out port) || port is <= 0 or > 65535)
            return false;
        host = authority[..colon].Trim('[', ']');
        return host.Length > 0;
    }
}
