using System.CommandLine;
using System.Text;
using Openness.Core.Diagnostics;
using Openness.Core.Units;
using Openness.Rules.Findings;
using Openness.Storage;

namespace Openness.Cli.Commands;

/// <summary>
/// `crawler report`: an evaluation's (or one unit's) consecutive runs from the store, each finding marked new,
/// unchanged, changed or fixed against the run before — what an office reads in the morning.
/// </summary>
public static class ReportCommand
{
    public static Command Build()
    {
        var evaluation = new Option<string?>("--evaluation") { Description = "the evaluation's name as stored (the units file's 'evaluation')" };
        var units = new Option<string?>("--units") { Description = "a units file: its evaluation is reported" };
        var unit = new Option<string?>("--unit") { Description = "report this unit's findings run by run" };
        var runs = new Option<int>("--runs") { Description = "how many of the newest runs to show (default 2)", DefaultValueFactory = _ => 2 };
        var config = ScheduleCommand.ConfigOption();
        var cmd = new Command("report", "an evaluation's or a unit's consecutive runs, findings marked new/unchanged/changed/fixed") { evaluation, units, unit, runs, config };
        cmd.SetAction(async (parse, ct) =>
        {
            var settings = AppSettings.Load(parse.GetValue(config));
            var name = parse.GetValue(evaluation)
                ?? (parse.GetValue(units) is { } file ? UnitsFileReader.Read(file).Evaluation : null)
                ?? throw new InputFileException(new SourceError("--evaluation", 0, 0, "expected --evaluation NAME or --units FILE"));
            var count = parse.GetValue(runs);
            if (count < 1) throw new InputFileException(new SourceError("--runs", 0, 0, $"'{count}' runs: expected 1 or more"));
            var store = await ScanStore.OpenAsync(settings.Storage, null, ct);
            var history = await store.GetRunHistoryAsync(name, ct);
            if (history.Count == 0)
                throw new InputFileException(new SourceError("--evaluation", 0, 0, $"no runs of evaluation '{name}' in the store"));
            var shown = history.Take(count).Reverse().ToList(); // oldest first: read down to see progress
            if (parse.GetValue(unit) is { } unitId) await WriteUnitAsync(store, shown, unitId, Console.Out, ct);
            else await WriteEvaluationAsync(store, name, shown, Console.Out, ct);
            return 0;
        });
        return cmd;
    }

    public static string Mark(FindingChange change) => change switch
    {
        FindingChange.New => "new 新发现",
        FindingChange.Unchanged => "unchanged 未变",
        FindingChange.Changed => "changed 有变化",
        FindingChange.Fixed => "fixed 已整改",
        _ => change.ToString(),
    };

    private static async Task WriteEvaluationAsync(ScanStore store, string name, IReadOnlyList<RunSummary> runs, TextWriter w, CancellationToken ct)
    {
        w.WriteLine($"evaluation {Clean(name)}: {runs.Count} run(s)");
        foreach (var run in runs)
        {
            WriteRunHeader(run, w);
            foreach (var result in await store.GetUnitResultsAsync(run.RunId, ct))
            {
                var marks = Enum.GetValues<FindingChange>()
                    .Select(c => (c, n: result.Findings.Count(f => f.Change == c && Counts(f, c))))
                    .Where(x => x.n > 0).Select(x => $"{x.n} {Mark(x.c)}");
                var score = result.ScoreCard is { } card ? $"{card.Total,6:0.##} / {card.Possible:0.##} {card.Grade}" : $"{result.Crawl.State}: {Clean(result.Crawl.Message ?? "")}";
                w.WriteLine($"  {result.Unit.Id,-16} {score,-24} {string.Join(", ", marks)}");
            }
        }
        w.WriteLine();
        w.WriteLine("counts are of problems (not passing checks) except 'fixed', which counts problems that pass now; crawler report --unit ID lists them");
    }

    private static async Task WriteUnitAsync(ScanStore store, IReadOnlyList<RunSummary> runs, string unitId, TextWriter w, CancellationToken ct)
    {
        foreach (var run in runs)
        {
            WriteRunHeader(run, w);
            var result = await store.GetUnitResultAsync(run.RunId, unitId, ct);
            if (result is null) { w.WriteLine($"  {unitId}: not in this run"); continue; }
            if (result.ScoreCard is { } card) w.WriteLine($"  {Clean(result.Unit.Name)} ({unitId}): {card.Total:0.##} / {card.Possible:0.##} {card.Grade}");
            else w.WriteLine($"  {Clean(result.Unit.Name)} ({unitId}): {result.Crawl.State}: {Clean(result.Crawl.Message ?? "")}");
            foreach (var f in result.Findings.Where(f => Counts(f, f.Change)))
            {
                var before = f.PreviousStatus is { } p && p != f.Status ? $" (was {p})" : "";
                w.WriteLine($"    [{Mark(f.Change)}] {f.IndicatorId} {f.CheckId} {Clean(f.Subject)}: {f.Status}{before} — {Clean(f.Message)}");
            }
        }
    }

    private static void WriteRunHeader(RunSummary run, TextWriter w)
    {
        w.WriteLine();
        w.WriteLine($"run {run.RunId}  as of {run.AsOf:yyyy-MM-dd}  {run.State}  {run.UnitsCompleted} completed, {run.UnitsFailed} failed of {run.UnitsPlanned}  started {ScheduleCommand.When(run.StartedAt)}");
    }

    /// <summary>Passing checks that stayed passing are not news; everything else is.</summary>
    private static bool Counts(StoredFinding f, FindingChange change) => change == FindingChange.Fixed || f.Status != FindingStatus.Pass;

    /// <summary>Crawled text is hostile: no control characters (terminal escapes) reach the screen.</summary>
    public static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) sb.Append(char.IsControl(c) ? ' ' : c);
        return sb.ToString();
    }
}
