using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Openness.Core.Snapshots;
using Openness.Crawler.Safety;

namespace Openness.Crawler.Fetching;

/// <summary>Turns the exceptions of a failed request into a <see cref="PageErrorKind"/> and a technical cause.</summary>
public static class HttpErrorClassifier
{
    public static HttpAttempt Classify(Exception exception, Uri url)
    {
        var chain = Chain(exception).ToList();
        var host = url.IdnHost;

        if (chain.OfType<BlockedAddressException>().FirstOrDefault() is { } blocked)
            return HttpAttempt.Failed(PageErrorKind.BlockedAddress,
                $"{blocked.Host} resolved to {string.Join(", ", blocked.Addresses)}, not a public address");

        if (chain.OfType<AuthenticationException>().FirstOrDefault() is { } tls)
            return HttpAttempt.Failed(PageErrorKind.TlsError, $"TLS handshake with {host} failed: {tls.Message}");

        if (chain.OfType<SocketException>().FirstOrDefault() is { } socket)
        {
            switch (socket.SocketErrorCode)
            {
                case SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain:
                    return HttpAttempt.Failed(PageErrorKind.DnsFailure, $"DNS lookup failed for {host}");
                case SocketError.ConnectionRefused:
                    return HttpAttempt.Failed(PageErrorKind.ConnectionRefused, $"port {url.Port} closed on {host}");
                case SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown:
                    return HttpAttempt.Failed(PageErrorKind.ConnectionReset, $"connection reset by {host}");
                case SocketError.TimedOut:
                    return HttpAttempt.Failed(PageErrorKind.Timeout, $"TCP connect to {host}:{url.Port} timed out");
                case SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.HostDown:
                    return HttpAttempt.Failed(PageErrorKind.ConnectionRefused,
                        $"{host} unreachable ({socket.SocketErrorCode})");
            }
        }

        if (chain.OfType<HttpRequestException>().FirstOrDefault() is { } http)
        {
            switch (http.HttpRequestError)
            {
                case HttpRequestError.NameResolutionError:
                    return HttpAttempt.Failed(PageErrorKind.DnsFailure, $"DNS lookup failed for {host}");
                case HttpRequestError.SecureConnectionError:
                    return HttpAttempt.Failed(PageErrorKind.TlsError, $"TLS handshake with {host} failed: {http.Message}");
                case HttpRequestError.ResponseEnded:
                    return HttpAttempt.Failed(PageErrorKind.ConnectionReset, $"{host} closed the connection before the response was complete");
                case HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError:
                    return HttpAttempt.Failed(PageErrorKind.Other, $"invalid HTTP response from {host}: {http.Message}");
            }
        }

        if (chain.OfType<IOException>().Any())
            return HttpAttempt.Failed(PageErrorKind.ConnectionReset, $"connection to {host} broke: {Innermost(exception).Message}");

        return HttpAttempt.Failed(PageErrorKind.Other, $"{Innermost(exception).GetType().Name}: {Innermost(exception).Message}");
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            yield return e;
    }

    private static Exception Innermost(Exception exception) => Chain(exception).Last();
}
