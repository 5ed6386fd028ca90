using System.Collections.Concurrent;

namespace Openness.Crawler.Fetching.Proxy;

/// <summary>
/// Which fetch each pooled page is doing now. Every page sends its slot id in <see cref="SlotHeader"/> (a per-page
/// extra header, added by Chromium itself, no routing), so the shared proxy applies that fetch's scope to each plain
/// HTTP request. A request without a known slot belongs to no fetch and is refused.
/// </summary>
internal sealed class ProxyLeases
{
    public const string SlotHeader = "X-Crawler-Slot";

    private readonly ConcurrentDictionary<string, BrowserFetchLease> _bySlot = new(StringComparer.Ordinal);

    public void Begin(string slot, BrowserFetchLease lease) => _bySlot[slot] = lease;

    public void End(string slot) => _bySlot.TryRemove(slot, out _);

    public BrowserFetchLease? ForSlot(string? slot) => slot is not null && _bySlot.TryGetValue(slot, out var lease) ? lease : null;

    /// <summary>
    /// The fetch a CORS preflight belongs to (preflights carry no slot header): one whose page has the preflight's
    /// origin and whose scope allows the target.
    /// </summary>
    public BrowserFetchLease? ForPreflight(Uri target, string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var from)
            ? _bySlot.Values.FirstOrDefault(l => l.Scope.Allows(from) && l.Scope.Allows(target) &&
                                                  l.Request.Url.GetLeftPart(UriPartial.Authority) == from.GetLeftPart(UriPartial.Authority))
            : null;

    /// <summary>
    /// The fetch a CONNECT tunnel serves. Its headers travel inside TLS, so the tunnel is judged by host: the fetch whose
    /// page is on that host, else any current fetch whose scope allows it; none means no current fetch may go there.
    /// </summary>
    public BrowserFetchLease? ForTunnel(Uri authority)
    {
        var active = _bySlot.Values.ToList();
        return active.FirstOrDefault(l => l.IsMainAuthority(authority.IdnHost, authority.Port))
               ?? active.FirstOrDefault(l => l.Scope.Allows(authority));
    }
}
