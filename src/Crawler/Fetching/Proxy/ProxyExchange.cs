using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Openness.Core.Snapshots;
using Openness.Crawler.Safety;

namespace Openness.Crawler.Fetching.Proxy;

/// <summary>
/// Serves one client connection of <see cref="BrowserProxy"/>: plain-HTTP requests are checked and forwarded (and
/// their answers checked on the way back), CONNECT requests become a <see cref="ProxyTunnel"/>.
/// </summary>
internal sealed class ProxyExchange(ProxyLeases leases, ProxyUpstream upstream, CrawlerOptions options)
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "Proxy-Authenticate", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host", "Content-Length", ProxyLeases.SlotHeader,
    };

    public async Task ServeAsync(Socket client, CancellationToken shutdown)
    {
        await using var stream = new NetworkStream(client, ownsSocket: true);
        var reader = new ProxyClientReader(stream);
        try
        {
            while (await reader.ReadHeadAsync(shutdown).ConfigureAwait(false) is { } head)
            {
                if (head.Method.Equals("CONNECT", StringComparison.OrdinalIgnoreCase))
                {
                    await new ProxyTunnel(options).RunAsync(head, leases, stream, reader, shutdown).ConfigureAwait(false);
                    return;
                }
                var lease = leases.ForSlot(head.Header(ProxyLeases.SlotHeader));
                if (lease is null && ProxyPreflight.IsForSlotHeader(head))
                {
                    // Our slot header made Chromium ask first; a request that needed no asking gets its answer here.
                    if (ProxyPreflight.OnlyOurs(head))
                    {
                        await ProxyPreflight.GrantAsync(client: stream, head, shutdown).ConfigureAwait(false);
                        continue;
                    }
                    lease = Uri.TryCreate(head.Target, UriKind.Absolute, out var target) ? leases.ForPreflight(target, head.Header("origin")) : null;
                    head = ProxyPreflight.WithoutOurs(head);
                }
                if (!await ForwardAsync(head, lease, stream, reader, shutdown).ConfigureAwait(false))
                    return;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException
                                       or FormatException or HttpRequestException)
        {
            // Chromium closed the connection, the fetch ended, or the client spoke something other than HTTP/1.1.
        }
    }

    /// <summary>Returns false when the connection must close (the answer could not be delivered whole).</summary>
    private async Task<bool> ForwardAsync(ProxyRequestHead head, BrowserFetchLease? lease, Stream client, ProxyClientReader reader, CancellationToken shutdown)
    {
        if (!Uri.TryCreate(head.Target, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
        {
            await RefuseAsync(client, 400, "not an absolute http URL", shutdown).ConfigureAwait(false);
            return false;
        }
        var body = await reader.ReadBodyAsync(head, options.MaxResponseBytes, shutdown).ConfigureAwait(false);
        if (lease is null)
        {
            // An idle page (between fetches) may load nothing.
            await RefuseAsync(client, 403, "no fetch in progress", shutdown).ConfigureAwait(false);
            return true;
        }

        var main = lease.IsMainHop(url);
        if (!lease.Scope.Allows(url))
        {
            lease.CountBlockedRequest();
            if (main)
                lease.Refuse(PageErrorKind.OutOfScope, $"访问超出单位网站范围，已阻止（out of scope）：{url}");
            await RefuseAsync(client, 403, "out of scope", shutdown).ConfigureAwait(false);
            return true;
        }
        if (!main && !lease.Request.Screenshot && ProxyAssets.IsAsset(url, head))
        {
            lease.CountSkippedAsset();
            await RefuseAsync(client, 403, "asset not needed", shutdown).ConfigureAwait(false);
            return true;
        }

        // The fetch is quiet (see BrowserNavigation) only when none of its requests is still being relayed.
        lease.RequestStarted();
        try
        {
            return await SendAndRelayAsync(head, lease, url, body, main, client, shutdown).ConfigureAwait(false);
        }
        finally
        {
            lease.RequestFinished();
        }
    }

    private async Task<bool> SendAndRelayAsync(ProxyRequestHead head, BrowserFetchLease lease, Uri url, byte[] body, bool main, Stream client, CancellationToken shutdown)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(lease.Ended, shutdown);
        limit.CancelAfter(options.RequestTimeout);
        using var message = Upstream(head, url, body, main ? lease.Form : null);
        message.Options.Set(SafeConnector.ScopeKey, lease.Scope);
        HttpResponseMessage response;
        try
        {
            response = await upstream.For(lease.Scope).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false; // the fetch ended or timed out; Chromium reports its own timeout
        }
        catch (Exception ex) when (ex is HttpRequestException or BlockedAddressException or SocketException or IOException)
        {
            var attempt = HttpErrorClassifier.Classify(ex, url);
            if (attempt.Error == PageErrorKind.BlockedAddress)
                lease.CountBlockedAddress();
            if (main)
                lease.Refuse(attempt.Error, BrowserOutcomes.TextFor(attempt.Error, attempt.Cause, url));
            await RefuseAsync(client, 502, attempt.Error.ToString(), shutdown).ConfigureAwait(false);
            return true;
        }

        using (response)
        {
            if (main && !CheckMainAnswer(lease, url, response))
            {
                await RefuseAsync(client, 403, "refused answer", shutdown).ConfigureAwait(false);
                return true;
            }
            return await RelayAsync(head, response, client, main ? lease : null, limit.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Redirects of the page are checked hop by hop (Chromium asks for the target through this proxy again).</summary>
    private bool CheckMainAnswer(BrowserFetchLease lease, Uri url, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400 && response.Headers.Location is { } location && Uri.TryCreate(url, location, out var target))
        {
            if (!lease.Scope.Allows(target))
            {
                lease.CountBlockedRequest();
                lease.Refuse(PageErrorKind.OutOfScope, $"重定向到单位网站范围以外，已阻止（redirect out of scope）：{target}");
                return false;
            }
            return lease.AddRedirect(target, options.MaxRedirects);
        }
        if (response.Content.Headers.ContentLength is > 0 and var length && length > options.MaxResponseBytes)
        {
            lease.Refuse(PageErrorKind.TooLarge, $"页面过大（{length} bytes > {options.MaxResponseBytes}）");
            return false;
        }
        lease.MainAnswered(status, response.Content.Headers.TryGetValues("Content-Type", out var types) ? string.Join(", ", types) : null);
        return true;
    }

    private static HttpRequestMessage Upstream(ProxyRequestHead head, Uri url, byte[] body, IReadOnlyDictionary<string, string>? form)
    {
        var message = new HttpRequestMessage(new HttpMethod(head.Method), url) { Version = HttpVersion.Version11 };
        if (form is not null)
        {
            // Hanweb dataproxy.jsp paging: the page is the answer to a form POST.
            message.Method = HttpMethod.Post;
            body = Encoding.UTF8.GetBytes(string.Join('&', form.Select(p => $"{WebUtility.UrlEncode(p.Key)}={WebUtility.UrlEncode(p.Value)}")));
        }
        if (body.Length > 0 || form is not null)
            message.Content = new ByteArrayContent(body);
        foreach (var (name, value) in head.Headers)
        {
            if (HopByHop.Contains(name))
                continue;
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                if (form is null)
                    message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
            else
                message.Headers.TryAddWithoutValidation(name, value);
        }
        if (form is not null)
            message.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        message.Headers.Host = url.Authority;
        return message;
    }

    /// <summary>Writes the site's answer to Chromium, stopping (and closing) at the response-size cap.</summary>
    private async Task<bool> RelayAsync(ProxyRequestHead head, HttpResponseMessage response, Stream client, BrowserFetchLease? mainLease, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var noBody = head.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase) || status is < 200 or 204 or 304;
        var length = response.Content.Headers.ContentLength;
        if (!noBody && length > options.MaxResponseBytes)
            return false;

        var text = new StringBuilder(512);
        text.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {response.ReasonPhrase}\r\n");
        foreach (var header in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
        {
            if (HopByHop.Contains(header.Key))
                continue;
            foreach (var value in header.Value)
            {
                var granted = header.Key.Equals("Access-Control-Allow-Headers", StringComparison.OrdinalIgnoreCase) ? value + ", " + ProxyLeases.SlotHeader : value;
                text.Append(header.Key).Append(": ").Append(granted).Append("\r\n");
            }
        }
        var chunked = !noBody && length is null;
        if (chunked)
            text.Append("Transfer-Encoding: chunked\r\n");
        else if (length is { } n)
            text.Append(CultureInfo.InvariantCulture, $"Content-Length: {n}\r\n");
        else
            text.Append("Content-Length: 0\r\n");
        text.Append("\r\n");
        await client.WriteAsync(Encoding.Latin1.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
        if (noBody)
            return true;

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > options.MaxResponseBytes)
            {
                mainLease?.Refuse(PageErrorKind.TooLarge, $"页面过大（more than {options.MaxResponseBytes} bytes）");
                return false;
            }
            if (chunked)
                await client.WriteAsync(Encoding.ASCII.GetBytes($"{read:x}\r\n"), cancellationToken).ConfigureAwait(false);
            await client.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            if (chunked)
                await client.WriteAsync("\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }
        if (chunked)
            await client.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        return length is null || total == length; // a short body would desynchronise the connection
    }

    internal static async Task RefuseAsync(Stream client, int status, string reason, CancellationToken cancellationToken)
    {
        var text = $"HTTP/1.1 {status} Refused by crawler\r\nContent-Length: 0\r\nCache-Control: no-store\r\nX-Crawler-Refused: {reason}\r\n\r\n";
        await client.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken).ConfigureAwait(false);
    }
}
