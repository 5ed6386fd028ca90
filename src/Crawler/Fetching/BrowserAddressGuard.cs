using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Openness.Crawler.Fetching;

/// <summary>
/// Refuses hosts that resolve to loopback, private or link-local addresses, so a crawled page cannot steer the
/// browser at the evaluation office's own network. Resolutions are cached briefly: a page makes dozens of requests
/// to the same host.
/// </summary>
internal sealed class BrowserAddressGuard
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, (bool Blocked, DateTimeOffset Until)> _cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when any address of <paramref name="host"/> is not public. Unresolvable hosts are not blocked
    /// here: the browser then reports the DNS failure itself.</summary>
    public async Task<bool> IsBlockedAsync(string host, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(host, out var cached) && cached.Until > DateTimeOffset.UtcNow)
            return cached.Blocked;

        bool blocked;
        var literal = host.Trim('[', ']');
        if (IPAddress.TryParse(literal, out var address))
            blocked = IsNonPublic(address);
        else
        {
            try
            {
                var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
                blocked = addresses.Any(IsNonPublic);
            }
            catch (Exception ex) when (ex is SocketException or ArgumentException)
            {
                blocked = false;
            }
        }
        _cache[host] = (blocked, DateTimeOffset.UtcNow + CacheFor);
        return blocked;
    }

    public static bool IsNonPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 127 || b[0] == 0 ||
               (b[0] == 172 && b[1] >= 16 && b[1] <= 31) ||
               (b[0] == 192 && b[1] == 168) ||
               (b[0] == 169 && b[1] == 254) ||
               (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || // carrier-grade NAT, private in practice
               b[0] >= 224; // multicast and reserved
    }
}
