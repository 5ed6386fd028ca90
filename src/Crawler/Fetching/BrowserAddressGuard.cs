using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Openness.Crawler.Safety;

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
            blocked = !AddressPolicy.IsPublic(address);
        else
        {
            try
            {
                var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
                // One classification for both fetchers: the browser refuses exactly what the HTTP path refuses.
                blocked = addresses.Any(a => !AddressPolicy.IsPublic(a));
            }
            catch (Exception ex) when (ex is SocketException or ArgumentException)
            {
                blocked = false;
            }
        }
        _cache[host] = (blocked, DateTimeOffset.UtcNow + CacheFor);
        return blocked;
    }
}
