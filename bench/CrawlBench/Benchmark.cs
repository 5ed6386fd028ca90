using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Openness.Fixtures.Portals;

namespace Openness.CrawlBench;

public sealed record BenchSettings
{
    public int Pages { get; init; } = 2000;
    public int Concurrency { get; init; } = 8;
    public required string CrawleeDir { get; init; }
    public IReadOnlyList<string>? Only { get; init; }

    public static string FindCrawleeDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "crawlee");
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("bench/crawlee not found above " + AppContext.BaseDirectory + "; pass --crawlee-dir");
    }
}

/// <summary>One crawler's measured run.</summary>
public sealed record Measured(string Name, CrawlResult Result, double PeakPssMb, int Processes, IReadOnlyDictionary<string, long> Breakdown, double CpuSeconds)
{
    public double PagesPerSecond => Result.Pages / Result.Seconds;
    public double PagesPerCpuSecond => Result.Pages / CpuSeconds;
}

/// <summary>
/// Generates a TRS portal, serves it on loopback, and crawls it with our crawler (http, browser) and with Crawlee
/// (CheerioCrawler, PlaywrightCrawler), each in its own child process whose process-tree PSS is sampled.
/// </summary>
public static class Benchmark
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(50);
    /// <summary>Crawlers must agree on the page count within this share, or the speeds are not comparable.</summary>
    private const double CountTolerance = 0.03;

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var spec = PortalSpec.WithPageCount(PortalFamily.TrsWcm, settings.Pages, traps: false);
        var portal = PortalGenerator.Generate(spec);
        await using var server = await PortalServer.StartAsync(portal);
        var home = server.Url("/index.html");
        var expected = portal.CrawlablePaths.Count;
        // Crawlee's enqueueLinks reads <a href> only; the TRS pager exists only as script (createPageHTML/countPage),
        // which our crawler reads and Crawlee does not. Crawlee gets every list page as a start URL so it can reach
        // every page too; ours starts from the home page alone.
        var crawleeStart = new List<string> { home.AbsoluteUri };
        crawleeStart.AddRange(portal.Columns.SelectMany(col => col.ListPages).Select(path => server.Url(path).AbsoluteUri));
        var startFile = Path.Combine(Path.GetTempPath(), $"crawl-bench-start-{Environment.ProcessId}.json");
        await File.WriteAllTextAsync(startFile, JsonSerializer.Serialize(crawleeStart.Distinct().ToList()));

        Console.WriteLine($"portal: TRS WCM, {expected} pages ({portal.DocumentPaths.Count} documents, " +
                          $"{portal.Columns.Sum(col => col.ListPages.Count)} list pages) at {home}");
        Console.WriteLine($"concurrency {settings.Concurrency} for every crawler, no politeness delay; " +
                          $"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        var self = Path.Combine(AppContext.BaseDirectory, "CrawlBench");
        var ourArgs = (string mode) => new[]
        {
            "--child", mode, "--portal", home.AbsoluteUri, "--concurrency", settings.Concurrency.ToString(CultureInfo.InvariantCulture),
            "--max-list-pages", portal.ListPagesNeededPerColumn.ToString(CultureInfo.InvariantCulture),
        };
        var node = (string script) => new[] { Path.Combine(settings.CrawleeDir, script), startFile, settings.Concurrency.ToString(CultureInfo.InvariantCulture) };
        var plan = new (string Key, string Name, string File, string[] Args)[]
        {
            ("http", "ours http", self, ourArgs("http")),
            ("cheerio", "CheerioCrawler", "node", node("cheerio.mjs")),
            ("browser", "ours browser", self, ourArgs("browser")),
            ("playwright", "PlaywrightCrawler", "node", node("playwright.mjs")),
        };

        var results = new Dictionary<string, Measured>();
        try
        {
            foreach (var (key, name, file, arguments) in plan)
            {
                if (settings.Only is { } only && !only.Contains(key)) continue;
                Console.WriteLine($"running {name} ...");
                results[key] = await MeasureAsync(name, file, arguments, settings.CrawleeDir);
            }
        }
        finally
        {
            File.Delete(startFile);
        }

        Console.WriteLine();
        Console.WriteLine($"{"crawler",-18} {"pages",6} {"failed",6} {"seconds",8} {"pages/s",8} {"peak PSS MB",11} {"procs",5} {"CPU s",7} {"pages/CPU s",11}");
        foreach (var m in results.Values)
            Console.WriteLine($"{m.Name,-18} {m.Result.Pages,6} {m.Result.Failed,6} {m.Result.Seconds,8:0.00} {m.PagesPerSecond,8:0.0} {m.PeakPssMb,11:0.0} {m.Processes,5} {m.CpuSeconds,7:0.0} {m.PagesPerCpuSecond,11:0.0}");
        Console.WriteLine();
        foreach (var m in results.Values)
            Console.WriteLine($"peak PSS of {m.Name} by process: " +
                              string.Join(", ", m.Breakdown.OrderByDescending(b => b.Value).Select(b => $"{b.Key} {b.Value / 1024.0:0}")));
        Console.WriteLine();

        var ok = true;
        foreach (var m in results.Values)
        {
            if (Math.Abs(m.Result.Pages - expected) > expected * CountTolerance)
            {
                Console.WriteLine($"FAIL: {m.Name} fetched {m.Result.Pages} pages, the portal has {expected}");
                ok = false;
            }
        }
        ok &= Compare(results, "http", "cheerio", "http vs CheerioCrawler");
        ok &= Compare(results, "browser", "playwright", "browser vs PlaywrightCrawler");
        return ok ? 0 : 1;
    }

    private static bool Compare(Dictionary<string, Measured> results, string ours, string theirs, string label)
    {
        if (!results.TryGetValue(ours, out var a) || !results.TryGetValue(theirs, out var b)) return true;
        var speed = a.PagesPerSecond / b.PagesPerSecond;
        var memory = a.PeakPssMb / b.PeakPssMb;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio {label}: {speed:0.0}x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  peak memory {label}: {memory:0.00}x; target (>= 2x pages/s at <= 1x memory) {(speed >= 2 && memory <= 1 ? "met" : "NOT met")}"));
        return true;
    }

    private static async Task<Measured> MeasureAsync(string name, string file, string[] arguments, string workingDir)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDir,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var sampler = new PssSampler(process.Id, SampleEvery);
        await using (sampler.ConfigureAwait(false))
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var output = await stdout;
            var errors = await stderr;
            var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
            if (process.ExitCode != 0 || last is null)
                throw new InvalidOperationException($"{name} exited with {process.ExitCode}:\n{Tail(output)}\n{Tail(errors)}");
            var result = JsonSerializer.Deserialize<CrawlResult>(last)!;
            return new Measured(name, result, sampler.PeakMegabytes, sampler.ProcessesAtPeak, sampler.BreakdownAtPeak, sampler.CpuSeconds);
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }
}
