using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using NUnit.Framework;
using Openness.Core.Units;
using Openness.Rules;
using Openness.Rules.Checks;
using Openness.Rules.Findings;
using Openness.Rules.Scoring;
using Openness.Rules.SiteModel;
using Openness.Storage;
using Openness.Storage.Accounts;
using Openness.Storage.Reviews;
using Openness.Web.Auth;

namespace Openness.Web.Tests;

/// <summary>
/// One app for the whole assembly: a SQLite store holding two runs of two units scored by the real scorer against
/// seed 000's county system (one crawled title is hostile), four accounts, and the web app on 127.0.0.1, port 0.
/// </summary>
[SetUpFixture]
public sealed class TestApp
{
    public const string Password = "Test-password-123";
    /// <summary>What a hostile portal might put in a document title.</summary>
    public const string HostileTitle = "关于<script>window.__xss=1</script>的通知\"><img src=x onerror=\"window.__xss=2\">";
    public const string Evaluation = "2026年度政务公开评估（网页测试）";

    public static string BaseUrl { get; private set; } = "";
    public static long EvaluationId { get; private set; }
    public static long Run1 { get; private set; }
    public static long Run2 { get; private set; }
    public static RulesBundle Rules { get; private set; } = null!;
    public static StorageOptions Storage { get; private set; } = null!;
    public static string DataDir { get; private set; } = "";

    private static WebApplication? _app;
    private static string _dir = "";

    public static UnitDefinition UnitA { get; } = Unit("county-a", "甲县人民政府");
    public static UnitDefinition UnitB { get; } = Unit("county-b", "乙县人民政府");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _dir = Path.Combine(Path.GetTempPath(), "openness-web-" + Guid.NewGuid().ToString("N"));
        DataDir = Path.Combine(_dir, "data");
        Directory.CreateDirectory(Path.Combine(DataDir, "shots"));
        Storage = StorageOptions.SqliteFile(Path.Combine(DataDir, "openness.db"));
        var rulesFile = Path.Combine(Repo.Root, "rules", "jilin-2017-county.yaml");
        Rules = RulesBundle.Load(rulesFile);
        var content = await File.ReadAllTextAsync(rulesFile);
        var store = await ScanStore.OpenAsync(Storage, Rules.Catalogue, default, new KnownIndicatorSystems(Rules.System));

        var cardA = WithEvidence(Score(UnitA), "a", HostileTitle);
        var cardB = WithEvidence(Score(UnitB), "b", "乙县的通知");
        foreach (var day in new[] { new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20) })
        {
            var run = await store.StartRunAsync(Evaluation, Rules.System.Id, Rules.System.Name, content, Rules.System.ContentHash, day, [UnitA, UnitB]);
            foreach (var (u, c) in new[] { (UnitA, cardA), (UnitB, cardB) })
                await store.SaveUnitResultAsync(run, u, new UnitCrawlSummary(UnitScanState.Completed, null, 3, 0, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow),
                    [], Model(u), c);
            await store.FinishRunAsync(run);
            if (Run1 == 0) Run1 = run; else Run2 = run;
        }
        EvaluationId = (await (await EvaluationStore.OpenAsync(Storage, store)).GetEvaluationsAsync()).Single().Id;

        var accounts = await AccountStore.OpenAsync(Storage);
        var hash = Passwords.Hash(Password);
        await accounts.AddAsync("office", "办公室管理员", UserRole.OfficeAdministrator, null, hash, "test");
        await accounts.AddAsync("assessor", "评估员甲", UserRole.Assessor, null, hash, "test");
        await accounts.AddAsync("unit-a", "甲县用户", UserRole.UnitUser, UnitA.Id, hash, "test");
        await accounts.AddAsync("unit-b", "乙县用户", UserRole.UnitUser, UnitB.Id, hash, "test");
        await accounts.AddAsync("locktest", "锁定测试", UserRole.Assessor, null, hash, "test");

        _app = await WebApp.CreateAsync(new WebAppOptions
        {
            Storage = Storage, RulesFolder = Path.Combine(Repo.Root, "rules"), DataDir = DataDir, Url = "http://127.0.0.1:0",
        });
        await _app.StartAsync();
        BaseUrl = _app.Urls.First().TrimEnd('/');
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static UnitDefinition Unit(string id, string name) => new()
    {
        Id = id, Name = name, Group = "county", Portal = new Uri($"http://127.0.0.1:9/{id}/"),
    };

    private static ScoreCard Score(UnitDefinition unit) => Scorer.Score(Rules.System, new CheckContext
    {
        Site = Model(unit), Catalogue = Rules.Catalogue, Calendar = Rules.Calendar, AsOf = new DateOnly(2026, 11, 20),
        UpdateProfile = Rules.System.UpdateProfile,
    });

    /// <summary>The first failing check gets evidence the way a check cites a crawled document: its title, and a screenshot.</summary>
    private static ScoreCard WithEvidence(ScoreCard card, string shotName, string title)
    {
        var shot = Path.Combine(DataDir, "shots", shotName + ".png");
        File.WriteAllBytes(shot, Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        var leaf = card.Leaves.First(l => l.PointsPossible > 0 && l.Checks.Any(c => c.Status == FindingStatus.Fail));
        var check = leaf.Checks.First(c => c.Status == FindingStatus.Fail);
        var changed = check with
        {
            Message = $"《{title}》未发布解读",
            Evidence = [new Evidence($"http://127.0.0.1:9/doc/1.html", title, new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero), shot)],
        };
        return card with
        {
            Indicators = card.Indicators.Select(i => i.Id != leaf.Id ? i : i with { Checks = i.Checks.Select(c => ReferenceEquals(c, check) ? changed : c).ToList() }).ToList(),
        };
    }

    private static SiteModel Model(UnitDefinition unit)
    {
        var model = new SiteModel { Unit = unit };
        var column = new Column { CatalogueId = "notices", NameAsShown = "通知公告", Url = $"{unit.Portal}tzgg/", Visited = true };
        column.Items.Add(new ListedItem("通知一", $"{unit.Portal}tzgg/1.html", new DateOnly(2026, 11, 18)));
        model.Columns.Add(column);
        model.Documents.Add(new Document { Url = $"{unit.Portal}zcwj/1.html", Title = unit == UnitA ? HostileTitle : "乙县文件", PublishedDate = new DateOnly(2026, 9, 3) });
        return model;
    }
}

/// <summary>The repository root, found from the test's output folder upwards.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Crawler.sln")) && Directory.Exists(Path.Combine(dir.FullName, "rules")))
                return dir.FullName;
        throw new DirectoryNotFoundException("repository root not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
