using System.Text.Json;
using Openness.Fixtures.Portals;
using Openness.Storage;

namespace Openness.Scheduling.Tests.Support;

/// <summary>
/// A throw-away installation: a root folder with appsettings.json (short scheduler timings, small crawl budgets, no
/// politeness delay on loopback), a data folder, and a units file of portals served on 127.0.0.1.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    private readonly List<PortalServer> _servers = [];

    public string Root { get; }
    public string Config => Path.Combine(Root, "appsettings.json");
    public string DataDir => Path.Combine(Root, "data");
    public string UnitsFile => Path.Combine(Root, "units.yaml");
    public StorageOptions Storage { get; }

    private TestSite(string root, StorageOptions storage)
    {
        Root = root;
        Storage = storage;
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Creates the folder and its settings; storage is SQLite in the data folder unless given.</summary>
    public static TestSite Create(StorageOptions? storage = null, int unitsAtOnce = 2)
    {
        var root = Path.Combine(Path.GetTempPath(), "sched-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var options = storage ?? StorageOptions.SqliteFile(Path.Combine(root, "data", "openness.db"));
        var site = new TestSite(root, options);
        var settings = new
        {
            DataDir = site.DataDir,
            Crawler = new
            {
                PerHostRequestsPerSecond = 0, HonourRobotsTxt = false, MaxPagesPerUnit = 200, MaxRetries = 1,
                RequestTimeout = "00:00:10", UnitsInParallel = unitsAtOnce, PerHostConcurrency = 2,
            },
            Storage = new { options.Provider, options.ConnectionString },
            Scheduler = new
            {
                MisfireThreshold = "00:00:02", ClusterCheckinInterval = "00:00:01", ClusterCheckinGrace = "00:00:02",
                IdleWaitTime = "00:00:01",
            },
        };
        File.WriteAllText(site.Config, JsonSerializer.Serialize(settings, new JsonSerializerOptions { WriteIndented = true }));
        return site;
    }

    /// <summary>Serves <paramref name="count"/> small generated TRS portals and writes the units file naming them.</summary>
    public async Task ServeGeneratedUnitsAsync(int count, string evaluation, TimeSpan responseDelay, int documents = 12)
    {
        var lines = new List<string>
        {
            $"evaluation: {evaluation}",
            $"indicatorSystem: {Path.Combine(RepositoryRoot, "rules", "jilin-2017-county.yaml")}",
            "units:",
        };
        for (var i = 1; i <= count; i++)
        {
            var spec = new PortalSpec { Traps = false, AttachmentEvery = 0, Documents = documents, County = $"测试{i}县", SiteCode = $"36012300{i:00}" };
            var server = await PortalServer.StartAsync(PortalGenerator.Generate(spec), new PortalServerOptions { ResponseDelay = responseDelay });
            _servers.Add(server);
            lines.Add($"  - id: unit-{i:00}");
            lines.Add($"    name: 测试{i}县人民政府");
            lines.Add("    group: county");
            lines.Add($"    portal: {server.Url("/index.html")}");
            lines.Add("    allowPrivateAddresses: true");
            lines.Add("    fetchMode: http");
        }
        await File.WriteAllLinesAsync(UnitsFile, lines);
    }

    public string[] Args(params string[] args) => [.. args, "--config", Config];

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _servers) await s.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Crawler.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Crawler.sln not found above " + AppContext.BaseDirectory);
    }
}
