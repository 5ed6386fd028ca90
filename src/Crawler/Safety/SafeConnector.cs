using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Openness.Crawler.Fetching;

namespace Openness.Crawler.Safety;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves DNS itself and connects only to addresses the
/// request's <see cref="FetchScope"/> permits. It runs for every new connection, so redirects and DNS answers that
/// change between requests (rebinding) are checked too, and the address checked is the address connected to.
/// </summary>
public static class SafeConnector
{
    /// <summary>Carries the fetch's scope from the request to the connect callback.</summary>
    public static readonly HttpRequestOptionsKey<FetchScope> ScopeKey = new("Openness.FetchScope");

    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        // No scope on the request means nobody vouched for private addresses: refuse them.
        var allowPrivate = context.InitialRequestMessage.Options.TryGetValue(ScopeKey, out var scope)
                           && scope.AllowPrivateAddresses;
        return new NetworkStream(await ConnectCheckedAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, allowPrivate, cancellationToken)
            .ConfigureAwait(false), ownsSocket: true);
    }

    /// <summary>
    /// Resolves <paramref name="host"/> and connects to one of its permitted addresses; the browser's forward proxy
    /// uses this too, so Chromium never connects to an address we did not check.
    /// </summary>
    /// <exception cref="BlockedAddressException">Every address the host resolved to is off limits.</exception>
    public static async Task<Socket> ConnectCheckedAsync(string host, int port, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);

        var permitted = addresses.Where(a => AddressPolicy.IsAllowed(a, allowPrivate)).ToArray();
        if (permitted.Length == 0)
            throw new BlockedAddressException(host, addresses);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, port, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
