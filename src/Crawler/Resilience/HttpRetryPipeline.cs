using Openness.Core.Snapshots;
using Openness.Crawler.Fetching;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Openness.Crawler.Resilience;

/// <summary>
/// Per-attempt timeout and retry (Polly v8) for one HTTP request. Transient: timeouts, reset connections, 408, 429
/// and 5xx (except 501); a refused connection is retried once only (a server restarting refuses briefly; a closed
/// port stays closed). Permanent, never retried: DNS and TLS failures, other 4xx, blocked or out-of-scope addresses,
/// oversized bodies. Retry-After (seconds or date) replaces the backoff, capped at <see cref="MaxRetryAfter"/>.
/// </summary>
public static class HttpRetryPipeline
{
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    public static ResiliencePipeline<HttpAttempt> Create(CrawlerOptions options, TimeProvider? timeProvider = null)
    {
        var builder = new ResiliencePipelineBuilder<HttpAttempt>();
        if (timeProvider is not null)
            builder.TimeProvider = timeProvider;
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpAttempt>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = MaxRetryAfter,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is { } wait
                    ? (TimeSpan?)Clamp(wait)
                    : null),
            });
        }
        builder.AddTimeout(options.RequestTimeout);
        return builder.Build();
    }

    /// <param name="attemptNumber">0 for the first attempt.</param>
    public static bool ShouldRetry(Outcome<HttpAttempt> outcome, int attemptNumber) => outcome switch
    {
        { Exception: TimeoutRejectedException } => true,
        { Exception: not null } => false,
        { Result: { } attempt } => IsTransient(attempt, attemptNumber),
        _ => false,
    };

    public static bool IsTransient(HttpAttempt attempt, int attemptNumber) => attempt switch
    {
        { Error: PageErrorKind.Timeout or PageErrorKind.ConnectionReset } => true,
        { Error: PageErrorKind.ConnectionRefused } => attemptNumber == 0,
        { Status: 408 or 429 } => true,
        { Status: >= 500 and <= 599 and not 501 } => true,
        _ => false,
    };

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryAfter ? MaxRetryAfter : wait;
}
