using System.Diagnostics;
using System.Text.Json.Serialization;
using AngleSharp.Html.Parser;
using Openness.Core.Snapshots;
using Openness.Core.Units;
using Openness.Rules;

namespace Openness.RulesBench;

/// <summary>What each side prints as its last line.</summary>
public sealed record SideResult(
    [property: JsonPropertyName("pages")] int Pages,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("cpu")] double CpuSeconds = 0);

/// <summary>
/// The two sides of the benchmark, each run in its own child process over the same snapshots:
/// the bare parse (read + decompress + AngleSharp parse of every page, nothing else) and the whole rules stage as
/// <c>crawler scan</c> runs it after the crawl (site model build, every check of the indicator system, scoring).
/// </summary>
public static class Sides
{
    /// <summary>CPU seconds this process has used: on a shared machine, the cost of a side regardless of others' load.</summary>
    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>Garbage collections and their pause time: the part of a side's CPU that its allocations cost.</summary>
    private static string GcSummary() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen 0/1/2), paused {GC.GetTotalPauseDuration().TotalSeconds:0.00} s, allocated {GC.GetTotalAllocatedBytes() / 1e9:0.0} GB");

    public static SideResult BareParse(IReadOnlyList<string> snapshots)
    {
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        var parser = new HtmlParser();
        int pages = 0, elements = 0;
        foreach (var path in snapshots)
        {
            using var store = SnapshotStore.Open(path);
            foreach (var page in store.Pages())
            {
                pages++;
                if (page.Html is null) continue;
                using var doc = parser.ParseDocument(page.Html);
                // Touch the result so the parse cannot be skipped; the count is printed as a sanity check.
                elements += doc.All.Length;
            }
        }
        return new SideResult(pages, clock.Elapsed.TotalSeconds, $"{elements} elements; {GcSummary()}", Cpu() - cpu);
    }

    public static SideResult RulesStage(IReadOnlyList<string> snapshots, string rulesFile, DateOnly asOf)
    {
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        // Loading the rules is part of the stage: a scan loads them once per run, as here.
        var rules = RulesBundle.Load(rulesFile);
        var pages = 0;
        var cards = new List<string>();
        TimeSpan model = TimeSpan.Zero, scoring = TimeSpan.Zero;
        foreach (var path in snapshots)
        {
            using var store = SnapshotStore.Open(path);
            var unit = new UnitDefinition
            {
                Id = Path.GetFileNameWithoutExtension(path),
                Name = "基准测试单位",
                Portal = new Uri(store.GetMeta("bench-portal") ?? throw new InvalidOperationException($"{path}: not a benchmark snapshot")),
            };
            var (site, card, modelTime, scoringTime) = Openness.Rules.RulesStage.Evaluate(unit, store.Pages(), rules, asOf);
            model += modelTime;
            scoring += scoringTime;
            pages += site.Pages.Count;
            cards.Add($"{unit.Id}: {site.Columns.Count} columns, {site.Documents.Count} documents, " +
                      $"{card.Leaves.Count()} leaves, total {card.Total:0.##} {card.Grade}");
        }
        cards.Insert(0, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"site model {model.TotalSeconds:0.00} s, checks and scoring {scoring.TotalSeconds:0.00} s; {GcSummary()}"));
        return new SideResult(pages, clock.Elapsed.TotalSeconds, string.Join("; ", cards), Cpu() - cpu);
    }
}
