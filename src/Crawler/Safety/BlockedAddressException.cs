using System.Net;

namespace Openness.Crawler.Safety;

/// <summary>Thrown from the connect callback when every address a host resolved to is off limits.</summary>
public sealed class BlockedAddressException(string host, IReadOnlyList<IPAddress> addresses)
    : Exception($"{host} resolved only to non-public addresses ({string.Join(", ", addresses)})")
{
    public string Host { get; } = host;
    public IReadOnlyList<IPAddress> Addresses { get; } = addresses;
}
