using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Openness.CrawlBench;

namespace Openness.RulesBench;

public sealed record BenchSettings
{
    public int Pages { get; init; } = 20_000;
    public int Rounds { get; init; } = 2;
    public required string RulesFile { get; init; }
    public required string SnapshotFolder { get; init; }

    public static string FindRulesFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "rules", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"rules/{name} not found above {AppContext.BaseDirectory}; pass --rules");
    }
}

/// <summary>One side's measured run: its own result and the peak PSS of its process.</summary>
public sealed record Measured(string Side, SideResult Result, double PeakPssMb)
{
    public double PagesPerSecond => Result.Pages / Result.Seconds;
}

/// <summary>
/// Ensures the snapshots exist, then runs the bare parse and the rules stage alternately, each in its own child
/// process (so each one's peak memory is its own), and prints pages/s, peak memory and the ratios.
/// </summary>
public static class Benchmark
{
    /// <summary>The issue's target: the whole rules stage costs at most this many times the bare parse.</summary>
    private const double Target = 1.5;
    private static readonly DateOnly AsOf = new(2026, 11, 20);

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var generated = SnapshotSet.Ensure(settings.SnapshotFolder, settings.Pages);
        var real = SnapshotSet.EnsureRealPages(settings.SnapshotFolder, settings.Pages);
        Console.WriteLine($"indicator system: {Path.GetFileName(settings.RulesFile)}; as of {AsOf:yyyy-MM-dd}; " +
                          $"{settings.Rounds} rounds, best (least CPU) of each side; machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        var failed = false;
        foreach (var (name, snapshots) in new[] { ("generated portals", generated), ("real pages", (IReadOnlyList<BenchSnapshot>)[real]) })
            failed |= !await RunSetAsync(settings, name, snapshots);
        return failed ? 1 : 0;
    }

    /// <summary>Both sides over one set of snapshots, alternately for the rounds asked; prints the table and the ratio.</summary>
    private static async Task<bool> RunSetAsync(BenchSettings settings, string name, IReadOnlyList<BenchSnapshot> snapshots)
    {
        var total = snapshots.Sum(s => s.Pages);
        Console.WriteLine();
        Console.WriteLine($"== {name}: {total} pages in {snapshots.Count} units' site snapshots (" +
                          string.Join(", ", snapshots.Select(s => $"{s.Label} {s.Pages}")) + $") under {settings.SnapshotFolder}");
        var list = string.Join(',', snapshots.Select(s => s.Path));
        var self = Path.Combine(AppContext.BaseDirectory, "RulesBench");
        var runs = new List<Measured>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            foreach (var side in new[] { "parse", "rules" })
            {
                Console.WriteLine($"round {round}: {side} ...");
                string[] arguments = side == "parse"
                    ? ["--child", side, "--snapshot", list]
                    : ["--child", side, "--snapshot", list, "--rules", settings.RulesFile, "--as-of", AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
                var m = await MeasureAsync(side, self, arguments);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {m.Result.Pages} pages in {m.Result.Seconds:0.00} s ({m.Result.CpuSeconds:0.00} s CPU), {m.PagesPerSecond:0} pages/s, peak PSS {m.PeakPssMb:0.0} MB; {m.Result.Detail}"));
                runs.Add(m);
            }
        }

        var parse = Best(runs, "parse");
        var rules = Best(runs, "rules");
        Console.WriteLine();
        Console.WriteLine($"{"side",-34} {"pages",6} {"seconds",8} {"CPU s",8} {"pages/s",8} {"pages/CPU s",11} {"peak PSS MB",11}");
        foreach (var (label, m) in new[] { ("bare parse (AngleSharp)", parse), ("rules stage (model, checks, score)", rules) })
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-34} {m.Result.Pages,6} {m.Result.Seconds,8:0.00} {m.Result.CpuSeconds,8:0.00} {m.PagesPerSecond,8:0} {m.Result.Pages / m.Result.CpuSeconds,11:0} {m.PeakPssMb,11:0.0}"));
        Console.WriteLine();

        // Both sides are single-threaded. On a shared machine their wall times swing with other processes' load, their
        // CPU times do not: the ratio is of CPU time, with the wall-time ratio printed beside it.
        var ratio = rules.Result.CpuSeconds / parse.Result.CpuSeconds;
        var wall = rules.Result.Seconds / parse.Result.Seconds;
        var memory = rules.PeakPssMb / parse.PeakPssMb;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio rules stage vs bare parse ({name}): {ratio:0.0}x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  (CPU time {ratio:0.00}x; wall time {wall:0.00}x; peak memory {memory:0.00}x); target (<= {Target}x the bare parse) {(ratio <= Target ? "met" : "NOT met")}"));
        if (parse.Result.Pages == rules.Result.Pages) return true;
        Console.WriteLine($"FAIL: the rules stage read {rules.Result.Pages} pages, the bare parse {parse.Result.Pages}");
        return false;
    }

    private static Measured Best(List<Measured> runs, string side) =>
        runs.Where(r => r.Side == side).OrderBy(r => r.Result.CpuSeconds).First();

    private static async Task<Measured> MeasureAsync(string side, string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var sampler = new PssSampler(process.Id, TimeSpan.FromMilliseconds(20));
        await using (sampler.ConfigureAwait(false))
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var output = await stdout;
            var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
            if (process.ExitCode != 0 || last is null)
                throw new InvalidOperationException($"{side} exited with {process.ExitCode}:\n{output}\n{await stderr}");
            return new Measured(side, JsonSerializer.Deserialize<SideResult>(last)!, sampler.PeakMegabytes);
        }
    }

    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }
}
