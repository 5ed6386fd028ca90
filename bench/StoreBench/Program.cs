using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using Openness.Core.Snapshots;
using Openness.Core.Units;
using Openness.Fixtures.Portals;
using Openness.Rules;
using Openness.Rules.Checks;
using Openness.Rules.Scoring;
using Openness.Rules.SiteModel;
using Openness.Storage;

// StoreBench [--units N] [--pages N] [--runs N] [--repeat N] [--only sqlite,postgres]
// One unit's real results (a generated TRS portal of --pages pages through the site-model builder and the scorer with
// rules/jilin-2017-county.yaml) are stored for --units units, --runs nights in a row, through ScanStore on each
// provider; then the reports' queries are timed. PostgreSQL: OPENNESS_BENCH_POSTGRES or OPENNESS_TEST_POSTGRES
// (a server connection; the benchmark creates and drops its own database).
var opts = Args.Parse(args);
var root = FindRoot();
var asOf = new DateOnly(2026, 11, 20);
var spec = PortalSpec.WithPageCount(PortalFamily.TrsWcm, opts.Pages, traps: false) with { Today = asOf };
var portal = PortalGenerator.Generate(spec);
var rules = RulesBundle.Load(Path.Combine(root, "rules", "jilin-2017-county.yaml"));
var rulesContent = File.ReadAllText(Path.Combine(root, "rules", "jilin-2017-county.yaml"));

var units = Enumerable.Range(1, opts.Units).Select(i => new UnitDefinition
{
    Id = $"unit-{i:000}", Name = $"测试{i}县人民政府", Group = "county", Portal = new Uri($"http://unit-{i:000}.example.gov.cn/"),
}).ToList();
// One unit's pages, model and score card are built once, outside the timings, and stored for every unit under its
// own id: the benchmark measures the store, not the site-model builder.
var sw = Stopwatch.StartNew();
var template = Build(new UnitDefinition { Id = "template", Name = "模板县人民政府", Group = "county", Portal = new Uri("http://www.template.gov.cn/") });
var results = units.Select(u => (Unit: u, template.Pages, template.Model, Card: template.Card with { UnitId = u.Id, UnitName = u.Name })).ToList();
Console.WriteLine($"prepared {units.Count} units x {results[0].Pages.Count} pages ({results[0].Model.Columns.Count} columns, {results[0].Model.Documents.Count} documents, {results[0].Card.Indicators.SelectMany(i => i.Checks).Count()} findings per unit) in {sw.Elapsed.TotalSeconds:0.0} s");
Console.WriteLine($"runs {opts.Runs}, query repeats {opts.Repeat}; machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => a + " " + b)}");

var table = new List<(string Provider, Dictionary<string, double> Ms)>();
foreach (var provider in opts.Only)
{
    Console.WriteLine($"running {provider} ...");
    await using var target = await Target.CreateAsync(provider, root);
    table.Add((provider, await MeasureAsync(target.Options)));
}

Console.WriteLine();
var ops = table[0].Ms.Keys.ToList();
Console.WriteLine($"{"operation",-36}" + string.Concat(table.Select(t => $"{t.Provider + " ms",14}")) + (table.Count == 2 ? $"{"pg / sqlite",14}" : ""));
foreach (var op in ops)
{
    Console.Write($"{op,-36}");
    foreach (var t in table) Console.Write($"{t.Ms[op],14:0.0}");
    if (table.Count == 2) Console.Write($"{table[1].Ms[op] / table[0].Ms[op],13:0.00}x");
    Console.WriteLine();
}
return 0;

(UnitDefinition Unit, List<SnapshotPage> Pages, SiteModel Model, ScoreCard Card) Build(UnitDefinition unit)
{
    var fetched = new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.FromHours(8));
    var pages = portal.Resources.Where(r => r.Value.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        .Take(opts.Pages)
        .Select(r => new SnapshotPage
        {
            Url = new Uri(unit.Portal, r.Key.TrimStart('/')).AbsoluteUri, Mode = FetchMode.Http, FetchedAt = fetched,
            Outcome = PageOutcome.Ok(200, 1, TimeSpan.FromMilliseconds(80)), ContentType = r.Value.ContentType,
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(r.Value.Body)))[..16],
            Html = r.Value.Body,
        }).ToList();
    var model = SiteModelBuilder.Build(unit, pages, rules.Catalogue, asOf);
    var card = Scorer.Score(rules.System, new CheckContext
    {
        Site = model, Catalogue = rules.Catalogue, Calendar = rules.Calendar, AsOf = asOf, UpdateProfile = rules.System.UpdateProfile,
    });
    return (unit, model.Pages, model, card);
}

async Task<Dictionary<string, double>> MeasureAsync(StorageOptions options)
{
    var ms = new Dictionary<string, double>();
    var store = await ScanStore.OpenAsync(options, rules.Catalogue);
    long lastRun = 0;
    for (var night = 1; night <= opts.Runs; night++)
    {
        var runId = await store.StartRunAsync("存储基准评估", rules.System.Id, rules.System.Name, rulesContent, rules.System.ContentHash, asOf.AddDays(night - 1), units);
        var crawl = new UnitCrawlSummary(UnitScanState.Completed, null, opts.Pages, 0, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        var t = Stopwatch.StartNew();
        foreach (var r in results) await store.SaveUnitResultAsync(runId, r.Unit, crawl, r.Pages, r.Model, r.Card);
        ms[$"insert night {night} ({units.Count} units)"] = t.Elapsed.TotalMilliseconds;
        await store.FinishRunAsync(runId);
        lastRun = runId;
    }
    ms["insert per unit (mean)"] = Enumerable.Range(1, opts.Runs).Average(n => ms[$"insert night {n} ({units.Count} units)"]) / units.Count;
    ms[$"ranking ({units.Count} units)"] = await TimeAsync(() => store.GetRankingAsync(lastRun));
    ms["unit result (findings, model)"] = await TimeAsync(() => store.GetUnitResultAsync(lastRun, units[units.Count / 2].Id));
    ms["unit page outcomes"] = await TimeAsync(() => store.GetPageOutcomesAsync(lastRun, units[units.Count / 2].Id));
    ms["unit history"] = await TimeAsync(() => store.GetUnitHistoryAsync("存储基准评估", units[units.Count / 2].Id));
    ms["evaluation run history"] = await TimeAsync(() => store.GetRunHistoryAsync("存储基准评估"));
    return ms;
}

async Task<double> TimeAsync<T>(Func<Task<T>> query)
{
    await query(); // warm: first-query compilation is not what a report pays every time
    var t = Stopwatch.StartNew();
    for (var i = 0; i < opts.Repeat; i++) await query();
    return t.Elapsed.TotalMilliseconds / opts.Repeat;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Crawler.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}

sealed record Args(int Units, int Pages, int Runs, int Repeat, IReadOnlyList<string> Only)
{
    public static Args Parse(string[] args)
    {
        int units = 50, pages = 1000, runs = 2, repeat = 20;
        IReadOnlyList<string> only = ["sqlite", "postgres"];
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--units": units = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--pages": pages = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--repeat": repeat = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--only": only = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                default: throw new ArgumentException($"unknown argument {args[i]}: expected --units, --pages, --runs, --repeat, --only");
            }
        }
        return new Args(units, pages, runs, repeat, only);
    }
}

/// <summary>A fresh database per provider, removed afterwards.</summary>
sealed class Target : IAsyncDisposable
{
    private readonly Func<Task> _cleanup;
    public StorageOptions Options { get; }
    private Target(StorageOptions options, Func<Task> cleanup) { Options = options; _cleanup = cleanup; }

    public static async Task<Target> CreateAsync(string provider, string root)
    {
        if (provider == "sqlite")
        {
            var file = Path.Combine(Path.GetTempPath(), $"storebench-{Guid.NewGuid():N}.db");
            return new Target(StorageOptions.SqliteFile(file), () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
                return Task.CompletedTask;
            });
        }
        if (provider != "postgres") throw new ArgumentException($"provider '{provider}': expected sqlite or postgres");
        var server = Environment.GetEnvironmentVariable("OPENNESS_BENCH_POSTGRES") is { Length: > 0 } b ? b
            : Environment.GetEnvironmentVariable("OPENNESS_TEST_POSTGRES") is { Length: > 0 } t ? t
            : throw new InvalidOperationException("set OPENNESS_BENCH_POSTGRES (or run bench/run-store.sh, which starts the loopback server)");
        var database = "storebench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var conn = new NpgsqlConnection(server))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var options = new StorageOptions { Provider = StorageOptions.Postgres, ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString };
        return new Target(options, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(server);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        });
    }

    public async ValueTask DisposeAsync() => await _cleanup();
}
