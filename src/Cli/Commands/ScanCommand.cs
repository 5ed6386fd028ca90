using System.CommandLine;
using Openness.Cli.Scanning;
using Openness.Scanning;
using Openness.Core.Units;

namespace Openness.Cli.Commands;

public static class ScanCommand
{
    public static Command Build()
    {
        var units = new Option<string>("--units") { Description = "the units file (docs/units.md)", Required = true };
        var output = new Option<string?>("--out") { Description = "write DIR/<unit-id>.json per unit (docs/export.md)" };
        var reports = new Option<string?>("--reports") { Description = "folder for HTML reports and the ranking (default: <data>/reports)" };
        var config = new Option<string?>("--config") { Description = "settings file (default: appsettings.json at the repository root)" };
        var asOf = CommandLine.AsOfOption();
        var cmd = new Command("scan", "crawl, check, score, store and report every unit of a units file") { units, output, reports, asOf, config };
        cmd.SetAction(async (parse, ct) =>
        {
            var settings = AppSettings.Load(parse.GetValue(config));
            var file = UnitsFileReader.Read(parse.GetRequiredValue(units));
            CommandLine.ReportRejectedUnits(file, "error", "it is saved as a failed unit of this run; the other units are scanned");
            var day = CommandLine.ParseAsOf(parse.GetValue(asOf));
            var reportDir = Path.GetFullPath(parse.GetValue(reports) ?? Path.Combine(settings.DataDir, "reports"));
            var exportDir = parse.GetValue(output) is { } o ? Path.GetFullPath(o) : null;
            var progress = LiveProgress.ForConsole();
            ScanResult result;
            try
            {
                result = await new ScanRunner(settings, progress).RunAsync(file, day, reportDir, exportDir, ct);
            }
            finally
            {
                if (progress is IAsyncDisposable live) await live.DisposeAsync();
            }
            ScanSummary.Print(result);
            return result.FailedUnits.Count == 0 ? 0 : 1;
        });
        return cmd;
    }
}

/// <summary>The closing lines a person reads: where the reports are and each unit's score.</summary>
public static class ScanSummary
{
    public static void Print(ScanResult result)
    {
        Console.WriteLine();
        foreach (var card in result.Cards.OrderByDescending(c => c.Total))
            Console.WriteLine($"  {card.UnitName,-20} {card.Total,6:0.##} / {card.Possible:0.##}  {card.Grade}  (人工待评 {card.ManualPointsPending:0.##} 分)");
        foreach (var id in result.FailedUnits) Console.WriteLine($"  {id}: scan failed (see above)");
        Console.WriteLine();
        Console.WriteLine($"reports:  {Path.Combine(result.ReportDir, "ranking.html")}");
        foreach (var card in result.Cards.OrderBy(c => c.UnitId))
            Console.WriteLine($"          {Path.Combine(result.ReportDir, card.UnitId + ".html")}");
        if (result.ExportDir is not null) Console.WriteLine($"export:   {result.ExportDir}");
    }
}
