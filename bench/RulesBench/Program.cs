using System.Globalization;
using System.Text.Json;
using Openness.RulesBench;

// Usage:
//   RulesBench [--pages 20000] [--rules rules/jilin-2017-county.yaml] [--rounds 2] [--snapshots DIR]
//   RulesBench --child parse|rules --snapshot a.sqlite,b.sqlite [--rules FILE --as-of YYYY-MM-DD]   (run by the benchmark)
var flags = Flags.Parse(args);
if (flags.TryGetValue("child", out var side))
{
    var snapshots = flags["snapshot"].Split(',', StringSplitOptions.RemoveEmptyEntries);
    var result = side switch
    {
        "parse" => Sides.BareParse(snapshots),
        "rules" => Sides.RulesStage(snapshots, flags["rules"], DateOnly.ParseExact(flags["as-of"], "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"--child {side}: expected parse or rules"),
    };
    Console.WriteLine(JsonSerializer.Serialize(result));
    return 0;
}

var settings = new BenchSettings
{
    Pages = flags.TryGetValue("pages", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : 20_000,
    Rounds = flags.TryGetValue("rounds", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : 2,
    RulesFile = Path.GetFullPath(flags.TryGetValue("rules", out var f) ? f : BenchSettings.FindRulesFile("jilin-2017-county.yaml")),
    SnapshotFolder = Path.GetFullPath(flags.TryGetValue("snapshots", out var s) ? s : Path.Combine(Path.GetTempPath(), "rules-bench")),
};
return await Benchmark.RunAsync(settings);

internal static class Flags
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            result[args[i][2..]] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        }
        return result;
    }
}
