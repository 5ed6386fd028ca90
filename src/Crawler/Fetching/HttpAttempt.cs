using Openness.Core.Snapshots;

namespace Openness.Crawler.Fetching;

/// <summary>What one HTTP request (one attempt of one redirect hop) produced; the retry pipeline runs over this.</summary>
public sealed record HttpAttempt
{
    public int? Status { get; init; }
    public string? ReasonPhrase { get; init; }
    /// <summary>Media type without parameters, lower case (e.g. <c>text/html</c>).</summary>
    public string? MediaType { get; init; }
    public string? ContentTypeHeader { get; init; }
    public string? Charset { get; init; }
    /// <summary>Body bytes of a textual response; null for binary types, redirects and failures.</summary>
    public byte[]? Body { get; init; }
    public Uri? Location { get; init; }
    public TimeSpan? RetryAfter { get; init; }
    public PageErrorKind Error { get; init; }
    /// <summary>Operator-level technical cause (English), wrapped into the Chinese message at the end.</summary>
    public string? Cause { get; init; }

    public bool IsNetworkFailure => Status is null && Error != PageErrorKind.None;
    public bool IsRedirect => Status is 301 or 302 or 303 or 307 or 308 && Location is not null;

    public static HttpAttempt Failed(PageErrorKind error, string cause) => new() { Error = error, Cause = cause };
}
