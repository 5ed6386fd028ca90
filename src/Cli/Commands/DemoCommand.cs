using System.CommandLine;
using Openness.Cli.Scanning;
using Openness.Scanning;
using Openness.Core.Units;
using Openness.SamplePortals;

namespace Openness.Cli.Commands;

/// <summary>
/// The first thing a new user runs: serve the bundled sample portals on 127.0.0.1, scan them end to end against
/// seed 000's county system, and say where the reports are. No configuration, no network.
/// </summary>
public static class DemoCommand
{
    public const string DemoSystem = "rules/jilin-2017-county.yaml";

    public static Command Build()
    {
        var asOf = CommandLine.AsOfOption();
        var cmd = new Command("demo", "scan the bundled sample portals end to end and write their reports") { asOf };
        cmd.SetAction(async (parse, ct) =>
        {
            var settings = AppSettings.Load();
            var day = CommandLine.ParseAsOf(parse.GetValue(asOf));
            var result = await RunAsync(settings, day, Console.Out, ct);
            ScanSummary.Print(result);
            return result.FailedUnits.Count == 0 ? 0 : 1;
        });
        return cmd;
    }

    public static async Task<ScanResult> RunAsync(AppSettings settings, DateOnly asOf, TextWriter log, CancellationToken ct)
    {
        var demoDir = Path.Combine(settings.DataDir, "demo");
        Directory.CreateDirectory(demoDir);
        await using var host = await SamplePortalHost.StartAsync(Path.Combine(settings.Root, "samples", "portals"), asOf, ct);
        foreach (var (id, url) in host.BaseUrls) log.WriteLine($"sample portal {id,-12} {url}");

        var unitsPath = host.WriteUnitsFile(Path.Combine(settings.Root, "samples", "units.template.yaml"),
            Path.Combine(demoDir, "units.yaml"));
        var units = UnitsFileReader.Read(unitsPath) with
        {
            IndicatorSystem = Path.Combine(settings.Root, DemoSystem),
        };
        // Loopback portals answer instantly; the demo needs no politeness delay.
        var demoSettings = settings with { Crawler = settings.Crawler with { PerHostRequestsPerSecond = 0 } };
        return await new ScanRunner(demoSettings, new LineProgress(log))
            .RunAsync(units, asOf, Path.Combine(demoDir, "reports"), Path.Combine(demoDir, "export"), ct);
    }
}
