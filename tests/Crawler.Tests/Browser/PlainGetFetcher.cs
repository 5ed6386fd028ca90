using System.Diagnostics;
using Openness.Core.Snapshots;
using Openness.Crawler.Fetching;

namespace Openness.Crawler.Tests.Browser;

/// <summary>
/// The HTTP side of auto mode for these tests: a real GET with HttpClient against the local site, kept minimal
/// because the project's own HttpFetcher is written separately.
/// </summary>
internal sealed class PlainGetFetcher : IPageFetcher
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };

    public int Calls { get; private set; }

    public async Task<FetchedPage> FetchAsync(FetchRequest request, FetchScope scope, CancellationToken cancellationToken)
    {
        Calls++;
        var clock = Stopwatch.StartNew();
        using var response = await _client.GetAsync(request.Url, cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        int status = (int)response.StatusCode;
        var outcome = status is >= 200 and < 400
            ? PageOutcome.Ok(status, 1, clock.Elapsed)
            : new PageOutcome { Status = status, Error = PageErrorKind.HttpStatus, Elapsed = clock.Elapsed };
        return new FetchedPage
        {
            RequestedUrl = request.Url,
            FinalUrl = response.RequestMessage?.RequestUri ?? request.Url,
            Mode = FetchMode.Http,
            Outcome = outcome,
            ContentType = response.Content.Headers.ContentType?.ToString(),
            Html = html,
        };
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
