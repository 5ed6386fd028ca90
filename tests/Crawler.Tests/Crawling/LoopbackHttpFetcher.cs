using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Openness.Core.Snapshots;
using Openness.Crawler.Fetching;

namespace Openness.Crawler.Tests.Crawling;

/// <summary>
/// Test-only fetcher until HttpFetcher is merged: real HttpClient GET/POST against the Kestrel fixtures, redirects
/// followed by hand and checked against the scope, failures reported as outcomes. No retries, no address rules.
/// </summary>
public sealed class LoopbackHttpFetcher : IPageFetcher
{
    private readonly HttpClient _client;

    public LoopbackHttpFetcher(string userAgent = "OpennessCrawler/1.0 (test)")
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5), UseCookies = false };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
    }

    public async Task<FetchedPage> FetchAsync(FetchRequest request, FetchScope scope, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var url = request.Url;
        var redirects = new List<Uri>();
        FetchedPage Fail(PageErrorKind kind, string message, int? status = null) => new()
        {
            RequestedUrl = request.Url, FinalUrl = url, Mode = FetchMode.Http, Redirects = redirects,
            Outcome = new PageOutcome { Error = kind, Status = status, Message = message, Elapsed = clock.Elapsed },
        };
        for (var hop = 0; hop < 8; hop++)
        {
            if (!scope.Allows(url)) return Fail(PageErrorKind.OutOfScope, $"{url} is outside the unit's scope");
            using var message = new HttpRequestMessage(hop == 0 && request.Method == "POST" ? HttpMethod.Post : HttpMethod.Get, url);
            if (hop == 0 && request.Form is not null) message.Content = new FormUrlEncodedContent(request.Form);
            if (request.Referrer is not null) message.Headers.Referrer = new Uri(request.Referrer);
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(message, cancellationToken);
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException s)
            {
                return Fail(s.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => PageErrorKind.ConnectionRefused,
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => PageErrorKind.DnsFailure,
                    SocketError.TimedOut => PageErrorKind.Timeout,
                    _ => PageErrorKind.ConnectionReset,
                }, e.Message);
            }
            catch (HttpRequestException e)
            {
                return Fail(PageErrorKind.Other, e.Message);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                return Fail(PageErrorKind.Timeout, e.Message);
            }
            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    url = new Uri(url, location);
                    redirects.Add(url);
                    continue;
                }
                var type = response.Content.Headers.ContentType?.MediaType;
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var isText = type is null || type.StartsWith("text/", StringComparison.Ordinal) || type.Contains("xml") || type.Contains("json");
                return new FetchedPage
                {
                    RequestedUrl = request.Url, FinalUrl = url, Mode = FetchMode.Http, Redirects = redirects,
                    ContentType = response.Content.Headers.ContentType?.ToString(),
                    Html = isText ? Encoding.UTF8.GetString(bytes) : null,
                    Outcome = status is >= 200 and < 400
                        ? PageOutcome.Ok(status, 1, clock.Elapsed)
                        : new PageOutcome { Status = status, Error = PageErrorKind.HttpStatus, Message = $"HTTP {status}", Elapsed = clock.Elapsed },
                };
            }
        }
        return Fail(PageErrorKind.TooManyRedirects, "more than 8 redirects");
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
