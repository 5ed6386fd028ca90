using System.Text;

namespace Openness.Crawler.Fetching.Proxy;

/// <summary>
/// CORS preflights caused by <see cref="ProxyLeases.SlotHeader"/>. Chromium adds the slot header to a page's
/// cross-origin fetch/XHR too, which turns a request that needed no preflight into one that does. Such a preflight
/// is answered here, so the site sees exactly the requests it would have seen without our header; a preflight the
/// page needed anyway goes to the site without our header's name, and the site's answer is extended to allow it. The
/// real request still needs the site's own CORS answer, as it would without us.
/// </summary>
internal static class ProxyPreflight
{
    private static readonly HashSet<string> SimpleMethods = new(StringComparer.OrdinalIgnoreCase) { "GET", "HEAD", "POST" };

    public static bool IsForSlotHeader(ProxyRequestHead head) =>
        head.Method.Equals("OPTIONS", StringComparison.OrdinalIgnoreCase) &&
        head.Header("access-control-request-method") is not null &&
        RequestedHeaders(head).Contains(ProxyLeases.SlotHeader, StringComparer.OrdinalIgnoreCase);

    /// <summary>Only our header made this request need a preflight (a simple method, no other non-simple header).</summary>
    public static bool OnlyOurs(ProxyRequestHead head) =>
        SimpleMethods.Contains(head.Header("access-control-request-method") ?? "") &&
        RequestedHeaders(head).All(h => h.Equals(ProxyLeases.SlotHeader, StringComparison.OrdinalIgnoreCase));

    public static ProxyRequestHead WithoutOurs(ProxyRequestHead head)
    {
        var others = string.Join(", ", RequestedHeaders(head).Where(h => !h.Equals(ProxyLeases.SlotHeader, StringComparison.OrdinalIgnoreCase)));
        return head with
        {
            Headers = head.Headers
                .Select(h => h.Key.Equals("Access-Control-Request-Headers", StringComparison.OrdinalIgnoreCase) ? new(h.Key, others) : h)
                .ToList(),
        };
    }

    public static async Task GrantAsync(Stream client, ProxyRequestHead head, CancellationToken cancellationToken)
    {
        var origin = head.Header("origin") ?? "null";
        var method = head.Header("access-control-request-method") ?? "GET";
        var text = "HTTP/1.1 204 No Content\r\n" +
                   $"Access-Control-Allow-Origin: {origin}\r\n" +
                   "Access-Control-Allow-Credentials: true\r\n" +
                   $"Access-Control-Allow-Methods: {method}\r\n" +
                   $"Access-Control-Allow-Headers: {ProxyLeases.SlotHeader}\r\n" +
                   "Vary: Origin\r\nCache-Control: no-store\r\nContent-Length: 0\r\n\r\n";
        await client.WriteAsync(Encoding.Latin1.GetBytes(text), cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<string> RequestedHeaders(ProxyRequestHead head) =>
        (head.Header("access-control-request-headers") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
