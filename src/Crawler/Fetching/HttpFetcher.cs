using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Openness.Core.Snapshots;
using Openness.Crawler.Resilience;
using Openness.Crawler.Safety;
using Polly;
using Polly.Timeout;

namespace Openness.Crawler.Fetching;

/// <summary>
/// Plain HTTP fetcher: safe connections (<see cref="SafeConnector"/>), manual redirects checked against the scope,
/// size caps, encoding sniffing for Chinese sites, retry with backoff, per-host circuit breaker. Network trouble is
/// reported in <see cref="FetchedPage.Outcome"/>; only cancellation of the caller's token throws.
/// <see cref="PageOutcome.Attempts"/> counts the attempts of the last request made (the final redirect hop).
/// </summary>
public sealed class HttpFetcher : IPageFetcher
{
    private const string Accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private const string AcceptLanguage = "zh-CN,zh;q=0.9,en;q=0.5";

    private readonly CrawlerOptions options;
    // Two pools so a connection opened for a unit that may use private addresses is never reused for one that may not.
    private readonly HttpClient publicOnlyClient;
    private readonly HttpClient privateAllowedClient;
    private readonly ResiliencePipeline<HttpAttempt> pipeline;

    public HttpFetcher(CrawlerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        EncodingRegistration.EnsureCodePages();
        this.options = options;
        publicOnlyClient = CreateClient(options);
        privateAllowedClient = CreateClient(options);
        pipeline = HttpRetryPipeline.Create(options);
        CircuitBreaker = new HostCircuitBreaker(options.CircuitBreakerFailures, options.CircuitBreakerBreak);
    }

    /// <summary>The per-host breaker (exposed so a crawl can report which hosts were cut off).</summary>
    public HostCircuitBreaker CircuitBreaker { get; }

    public async Task<FetchedPage> FetchAsync(FetchRequest request, FetchScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scope);
        var clock = Stopwatch.StartNew();
        var requested = request.Url;

        if (!requested.IsAbsoluteUri || (requested.Scheme != Uri.UriSchemeHttp && requested.Scheme != Uri.UriSchemeHttps))
            return Failure(requested, requested, [], PageErrorKind.InvalidUrl, $"not an http(s) URL: {requested}", 0, clock);
        if (!scope.Allows(requested))
            return Failure(requested, requested, [], PageErrorKind.OutOfScope, $"{requested.Authority} is not one of the unit's hosts", 0, clock);

        var hops = new List<Uri>();
        var seen = new HashSet<string> { Normalise(requested) };
        var current = requested;
        var method = string.IsNullOrEmpty(request.Method) ? "GET" : request.Method.ToUpperInvariant();
        var form = request.Form;

        while (true)
        {
            var (attempt, attempts) = await FetchHopAsync(current, method, form, request.Referrer, scope, cancellationToken)
                .ConfigureAwait(false);

            if (attempt.Error != PageErrorKind.None)
                return Failure(requested, current, hops, attempt.Error, attempt.Cause, attempts, clock, attempt);

            if (attempt.IsRedirect)
            {
                var next = attempt.Location!;
                if (hops.Count >= options.MaxRedirects)
                    return Failure(requested, current, hops, PageErrorKind.TooManyRedirects,
                        $"more than {options.MaxRedirects} redirects, next was {next}", attempts, clock, attempt);
                if (!scope.Allows(next))
                    return Failure(requested, current, hops, PageErrorKind.OutOfScope,
                        $"redirect from {current} to {next} leaves the unit's hosts", attempts, clock, attempt,
                        notes: new Dictionary<string, string> { ["redirect-refused"] = next.AbsoluteUri });
                hops.Add(next);
                if (!seen.Add(Normalise(next)))
                    return Failure(requested, current, hops, PageErrorKind.RedirectLoop,
                        $"redirect loop: {string.Join(" -> ", new[] { requested }.Concat(hops))}", attempts, clock, attempt);
                // As browsers do: 303 always, and 301/302 after a POST, continue as GET without the form.
                if (attempt.Status == 303 || (attempt.Status is 301 or 302 && method == "POST"))
                {
                    method = "GET";
                    form = null;
                }
                current = next;
                continue;
            }

            return Success(requested, current, hops, attempt, attempts, clock);
        }
    }

    private async Task<(HttpAttempt Attempt, int Attempts)> FetchHopAsync(Uri url, string method,
        IReadOnlyDictionary<string, string>? form, string? referrer, FetchScope scope, CancellationToken cancellationToken)
    {
        var hostKey = url.Authority.ToLowerInvariant();
        if (!CircuitBreaker.TryEnter(hostKey, out var openUntil))
            return (HttpAttempt.Failed(PageErrorKind.CircuitOpen,
                $"circuit open for {hostKey} after {CircuitBreaker.FailureThreshold} consecutive failed fetches, until {openUntil:HH:mm:ss} UTC"), 0);

        var attempts = 0;
        var verdict = CircuitVerdict.Neutral;
        try
        {
            HttpAttempt attempt;
            try
            {
                attempt = await pipeline.ExecuteAsync(async token =>
                {
                    attempts++;
                    return await AttemptAsync(url, method, form, referrer, scope, token).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutRejectedException)
            {
                attempt = HttpAttempt.Failed(PageErrorKind.Timeout,
                    $"no complete response from {url.Authority} within {options.RequestTimeout.TotalSeconds:0.#} s, {attempts} attempt(s)");
            }
            verdict = VerdictFor(attempt);
            return (attempt, attempts);
        }
        finally
        {
            CircuitBreaker.Record(hostKey, verdict);
        }
    }

    private async Task<HttpAttempt> AttemptAsync(Uri url, string method, IReadOnlyDictionary<string, string>? form,
        string? referrer, FetchScope scope, CancellationToken token)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method), url);
        message.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        message.Headers.TryAddWithoutValidation("Accept", Accept);
        message.Headers.TryAddWithoutValidation("Accept-Language", AcceptLanguage);
        if (!string.IsNullOrEmpty(referrer) && Uri.TryCreate(referrer, UriKind.Absolute, out var referrerUri))
            message.Headers.Referrer = referrerUri;
        if (form is not null && method != "GET" && method != "HEAD")
            message.Content = new FormUrlEncodedContent(form);
        message.Options.Set(SafeConnector.ScopeKey, scope);

        var client = scope.AllowPrivateAddresses ? privateAllowedClient : publicOnlyClient;
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token)
                .ConfigureAwait(false);
            return await ReadResponseAsync(url, response, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw; // the attempt's timeout or the caller: Polly tells them apart
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException
                                       or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException)
        {
            return HttpErrorClassifier.Classify(ex, url);
        }
    }

    private async Task<HttpAttempt> ReadResponseAsync(Uri url, HttpResponseMessage response, CancellationToken token)
    {
        var contentType = response.Content.Headers.ContentType;
        var result = new HttpAttempt
        {
            Status = (int)response.StatusCode,
            ReasonPhrase = response.ReasonPhrase,
            MediaType = contentType?.MediaType?.ToLowerInvariant(),
            ContentTypeHeader = contentType?.ToString(),
            Charset = contentType?.CharSet,
            Location = response.Headers.Location is { } location ? ResolveLocation(url, location) : null,
            RetryAfter = RetryAfterOf(response.Headers.RetryAfter),
        };
        if (result.IsRedirect || !HttpContentKinds.IsTextual(result.MediaType))
            return result;

        var max = options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > max)
            return result with { Error = PageErrorKind.TooLarge, Cause = $"Content-Length {response.Content.Headers.ContentLength} bytes exceeds the {Megabytes(max)} limit" };

        var body = await ReadCappedAsync(response.Content, max, token).ConfigureAwait(false);
        if (body is null)
            return result with { Error = PageErrorKind.TooLarge, Cause = $"body exceeds the {Megabytes(max)} limit, download stopped" };
        if (string.IsNullOrEmpty(result.MediaType) && HttpContentKinds.LooksBinary(body))
            return result;
        return result with { Body = body };
    }

    /// <summary>Reads at most <paramref name="max"/> bytes; null when the body is larger (the rest is never read).</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, long max, CancellationToken token)
    {
        await using var stream = await content.ReadAsStreamAsync(token).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, token).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private FetchedPage Success(Uri requested, Uri final, List<Uri> hops, HttpAttempt attempt, int attempts, Stopwatch clock)
    {
        var status = attempt.Status!.Value;
        var notes = new Dictionary<string, string>();
        string? html = null;
        if (attempt.Body is { } body)
        {
            var sniffed = HtmlEncodingSniffer.Detect(body, attempt.Charset);
            html = sniffed.Encoding.GetString(body, sniffed.PreambleLength, body.Length - sniffed.PreambleLength);
            notes["encoding"] = sniffed.Encoding.WebName;
            notes["encoding-source"] = sniffed.Source.ToString();
        }
        var outcome = status >= 400
            ? new PageOutcome
            {
                Status = status,
                Error = PageErrorKind.HttpStatus,
                Message = HttpOutcomeMessages.ForStatus(status, attempt.ReasonPhrase, attempts),
                Attempts = attempts,
                Elapsed = clock.Elapsed,
            }
            : PageOutcome.Ok(status, attempts, clock.Elapsed);
        return new FetchedPage
        {
            RequestedUrl = requested,
            FinalUrl = final,
            Mode = FetchMode.Http,
            Outcome = outcome,
            ContentType = attempt.ContentTypeHeader,
            Html = html,
            Notes = notes,
            Redirects = hops,
        };
    }

    private static FetchedPage Failure(Uri requested, Uri final, List<Uri> hops, PageErrorKind error, string? cause,
        int attempts, Stopwatch clock, HttpAttempt? attempt = null, Dictionary<string, string>? notes = null) => new()
    {
        RequestedUrl = requested,
        FinalUrl = final,
        Mode = FetchMode.Http,
        Outcome = new PageOutcome
        {
            Status = attempt?.Status,
            Error = error,
            Message = HttpOutcomeMessages.ForError(error, cause, attempts),
            Attempts = attempts,
            Elapsed = clock.Elapsed,
        },
        ContentType = attempt?.ContentTypeHeader,
        Notes = notes ?? new Dictionary<string, string>(),
        Redirects = hops,
    };

    private static CircuitVerdict VerdictFor(HttpAttempt attempt) => attempt switch
    {
        { Error: PageErrorKind.Timeout or PageErrorKind.ConnectionRefused or PageErrorKind.ConnectionReset
            or PageErrorKind.DnsFailure or PageErrorKind.TlsError } => CircuitVerdict.Failure,
        { Status: 429 or (>= 500 and <= 599) } => CircuitVerdict.Failure,
        { Status: not null } => CircuitVerdict.Success,
        _ => CircuitVerdict.Neutral,
    };

    private static Uri? ResolveLocation(Uri current, Uri location)
    {
        var target = location.IsAbsoluteUri ? location : Uri.TryCreate(current, location, out var resolved) ? resolved : null;
        if (target is null)
            return null;
        // A fragment is not sent to the server; drop it so loop detection compares what is actually requested.
        return target.Fragment.Length > 0 ? new Uri(target.GetLeftPart(UriPartial.Query)) : target;
    }

    private static string Normalise(Uri url) => url.GetLeftPart(UriPartial.Query);

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static string Megabytes(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes} bytes";

    private static HttpClient CreateClient(CrawlerOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectCallback = SafeConnector.ConnectAsync,
            ConnectTimeout = options.RequestTimeout,
            // A proxy would make the connect callback check the proxy instead of the site.
            UseProxy = false,
            // Cookies would leak between units sharing this fetcher; anti-bot cookie challenges need the browser anyway.
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = Math.Max(1, options.PerHostConcurrency * 2),
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public ValueTask DisposeAsync()
    {
        publicOnlyClient.Dispose();
        privateAllowedClient.Dispose();
        return ValueTask.CompletedTask;
    }
}
