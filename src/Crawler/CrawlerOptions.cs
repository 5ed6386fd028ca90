namespace Openness.Crawler;

/// <summary>Crawl settings (from appsettings.json / flags); per-unit values in the units file override budgets.</summary>
public sealed record CrawlerOptions
{
    /// <summary>Names the tool and carries the operator's contact, as polite crawlers do.</summary>
    public string UserAgent { get; init; } = "OpennessCrawler/1.0 (+government-openness evaluation; contact: not configured)";
    public int MaxPagesPerUnit { get; init; } = 2000;
    public int MaxDepth { get; init; } = 6;
    public TimeSpan MaxTimePerUnit { get; init; } = TimeSpan.FromMinutes(30);
    public int MaxListPagesPerColumn { get; init; } = 20;
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);
    public int MaxRetries { get; init; } = 3;
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public long MaxResponseBytes { get; init; } = 8 * 1024 * 1024;
    public int MaxDomNodes { get; init; } = 200_000;
    public int MaxRedirects { get; init; } = 8;
    public bool HonourRobotsTxt { get; init; } = true;
    /// <summary>Requests per second per host (0 = no delay, e.g. benchmarks on loopback).</summary>
    public double PerHostRequestsPerSecond { get; init; } = 2;
    public int PerHostConcurrency { get; init; } = 2;
    public int GlobalConcurrency { get; init; } = 16;
    public int UnitsInParallel { get; init; } = 4;
    public TimeSpan BrowserNetworkIdleCap { get; init; } = TimeSpan.FromSeconds(8);
    /// <summary>After "load", a browser fetch is settled once none of its requests has been in flight for this long
    /// (seen by the crawler's own proxy). Playwright's network idle waits a fixed 500 ms, most of a loopback page's time.</summary>
    public TimeSpan BrowserQuietWindow { get; init; } = TimeSpan.FromMilliseconds(200);
    public string ChromiumPath { get; init; } = "/usr/bin/chromium";
    public int CircuitBreakerFailures { get; init; } = 8;
    public TimeSpan CircuitBreakerBreak { get; init; } = TimeSpan.FromSeconds(60);
}
