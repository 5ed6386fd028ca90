using System.Net;
using System.Net.Sockets;

namespace Openness.Crawler.Safety;

/// <summary>Where an IP address points, as far as the crawl's safety rules care.</summary>
public enum AddressClass
{
    Public,
    Loopback,        // 127/8, ::1
    Private,         // 10/8, 172.16/12, 192.168/16, fec0::/10 (deprecated site-local)
    SharedCgnat,     // 100.64/10 (carrier-grade NAT, often an operator's internal network)
    LinkLocal,       // 169.254/16 (cloud metadata lives here), fe80::/10
    UniqueLocal,     // fc00::/7
    Unspecified,     // 0.0.0.0/8, :: (0.0.0.0 reaches the local host on Linux)
    Multicast,       // 224/4, ff00::/8, 255.255.255.255
    Reserved,        // 240/4
}

/// <summary>
/// Classifies addresses after DNS resolution so a unit's host name cannot lead the crawler into the operator's own
/// network (SSRF). Only <see cref="AddressClass.Public"/> is reachable unless the unit allows private addresses.
/// </summary>
public static class AddressPolicy
{
    public static AddressClass Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        // ::ffff:10.0.0.1 reaches 10.0.0.1; judge the IPv4 address it carries.
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => ClassifyV6(address),
            _ => AddressClass.Reserved,
        };
    }

    public static bool IsPublic(IPAddress address) => Classify(address) == AddressClass.Public;

    /// <summary>True when a connection to <paramref name="address"/> is permitted under the given scope flag.</summary>
    public static bool IsAllowed(IPAddress address, bool allowPrivateAddresses) =>
        allowPrivateAddresses || IsPublic(address);

    private static AddressClass ClassifyV4(byte[] b) => b switch
    {
        [0, ..] => AddressClass.Unspecified,
        [10, ..] => AddressClass.Private,
        [100, >= 64 and <= 127, ..] => AddressClass.SharedCgnat,
        [127, ..] => AddressClass.Loopback,
        [169, 254, ..] => AddressClass.LinkLocal,
        [172, >= 16 and <= 31, ..] => AddressClass.Private,
        [192, 168, ..] => AddressClass.Private,
        [255, 255, 255, 255] => AddressClass.Multicast,
        [>= 224 and <= 239, ..] => AddressClass.Multicast,
        [>= 240, ..] => AddressClass.Reserved,
        _ => AddressClass.Public,
    };

    private static AddressClass ClassifyV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Any)) return AddressClass.Unspecified;
        if (address.Equals(IPAddress.IPv6Loopback)) return AddressClass.Loopback;
        if (address.IsIPv6Multicast) return AddressClass.Multicast;
        if (address.IsIPv6LinkLocal) return AddressClass.LinkLocal;
        if (address.IsIPv6SiteLocal) return AddressClass.Private;
        if (address.IsIPv6UniqueLocal) return AddressClass.UniqueLocal;
        var b = address.GetAddressBytes();
        // IPv4-compatible ::a.b.c.d (deprecated) and NAT64 64:ff9b::/96 carry an IPv4 address: judge that one.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
            return ClassifyV4(b[12..]);
        if (b is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
            return ClassifyV4(b[12..]);
        return AddressClass.Public;
    }
}
