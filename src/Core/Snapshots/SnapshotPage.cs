namespace Openness.Core.Snapshots;

public enum FetchMode { Http, Browser }

/// <summary>Why a page could not be fetched. Permanent kinds are not retried; all of them become findings.</summary>
public enum PageErrorKind
{
    None,
    HttpStatus,          // a 4xx/5xx answer, kept with its status
    Timeout,
    ConnectionRefused,
    ConnectionReset,
    DnsFailure,
    TlsError,
    TooLarge,
    RedirectLoop,
    TooManyRedirects,
    OutOfScope,          // a redirect or link leaving the unit's allowed hosts
    BlockedAddress,      // resolved to a loopback/private/link-local address without permission
    RobotsDisallowed,
    InvalidUrl,
    CircuitOpen,         // the host's circuit breaker was open: the site kept failing
    BrowserError,
    Other,
}

public sealed record PageOutcome
{
    public int? Status { get; init; }
    public PageErrorKind Error { get; init; }
    public string? Message { get; init; }
    public int Attempts { get; init; } = 1;
    public TimeSpan Elapsed { get; init; }
    public bool Succeeded => Error == PageErrorKind.None && Status is >= 200 and < 400;

    public static PageOutcome Ok(int status, int attempts, TimeSpan elapsed) =>
        new() { Status = status, Attempts = attempts, Elapsed = elapsed };
}

/// <summary>
/// One fetched page as the later stages see it. <see cref="Html"/> is the DOM as the assessor's browser would
/// have shown it (rendered when the page needed script, with same-origin iframe contents inlined).
/// </summary>
public sealed record SnapshotPage
{
    public required string Url { get; init; }
    public string? FinalUrl { get; init; }
    public int Depth { get; init; }
    public string? Referrer { get; init; }
    public FetchMode Mode { get; init; }
    public DateTimeOffset FetchedAt { get; init; }
    public required PageOutcome Outcome { get; init; }
    public string? ContentType { get; init; }
    public string? ContentHash { get; init; }
    public string? Html { get; init; }
    /// <summary>Path of a PNG screenshot relative to the snapshot's folder, when one was taken as evidence.</summary>
    public string? ScreenshotPath { get; init; }
    /// <summary>Data the fetcher learnt that static HTML does not show (e.g. "interpretations-via-script").</summary>
    public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>();

    public string EffectiveUrl => FinalUrl ?? Url;
}
