using NUnit.Framework;
using Openness.Crawler;
using Openness.Crawler.Fetching;
using Openness.Fixtures.Browser;

namespace Openness.Crawler.Tests.Browser;

/// <summary>
/// One Chromium for every browser test (starting it is the slow part) and two local sites: the unit's own site and
/// a second "other host" that a page's scripts must not reach.
/// </summary>
[SetUpFixture]
public sealed class BrowserEnvironment
{
    public static CrawlerOptions Options { get; } = new()
    {
        RequestTimeout = TimeSpan.FromSeconds(15),
        BrowserNetworkIdleCap = TimeSpan.FromSeconds(2),
        MaxDomNodes = 5_000,
    };

    public static BrowserFetcher Fetcher { get; private set; } = null!;
    public static BrowserTestSite Site { get; private set; } = null!;
    public static BrowserTestSite OtherHost { get; private set; } = null!;

    /// <summary>Scope of the unit: only <see cref="Site"/>, loopback allowed (tests run on 127.0.0.1).</summary>
    public static FetchScope Scope => new(new HashSet<string> { Site.HostAndPort }, AllowPrivateAddresses: true);

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Assert.That(File.Exists(Options.ChromiumPath), Is.True,
            $"Chromium is required at {Options.ChromiumPath}: apt-get install -y chromium fonts-wqy-microhei");
        Site = await BrowserTestSite.StartAsync();
        OtherHost = await BrowserTestSite.StartAsync();
        Fetcher = new BrowserFetcher(Options, pagePoolSize: 4);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Fetcher.DisposeAsync();
        await Site.DisposeAsync();
        await OtherHost.DisposeAsync();
    }
}
