using Microsoft.Data.Sqlite;
using Openness.Core.Units;
using Openness.Rules.Findings;
using Openness.Storage;
using static Openness.Pipeline.Tests.Storage.StoreTestData;

namespace Openness.Pipeline.Tests.Reporting;

/// <summary>A real SQLite store in a temp folder holding one run of three units, one of them with hostile text everywhere.</summary>
public sealed class ReportTestStore : IAsyncDisposable
{
    public const string ScriptTitle = "<script>alert(1)</script>";
    public const string ImgTitle = "\"><img src=x onerror=alert(1)>";
    public const string MissingColumnMessage = "缺少“政策解读”栏目";

    public required string Directory { get; init; }
    public required ScanStore Store { get; init; }
    public required long RunId { get; init; }
    public required UnitDefinition Hostile { get; init; }
    public required UnitDefinition Good { get; init; }
    public required UnitDefinition Missing { get; init; }

    public static async Task<ReportTestStore> CreateAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "openness-reports-" + Guid.NewGuid().ToString("N"));
        var store = await ScanStore.OpenAsync(StorageOptions.SqliteFile(Path.Combine(dir, "openness.db")));
        var good = Unit("good-unit", "优秀县人民政府");
        var missing = Unit("missing-column", "缺栏目县人民政府");
        var hostile = Unit("hostile", $"恶意县{ScriptTitle}{ImgTitle}") with { Group = ImgTitle };
        var content = RulesContent();
        var hash = Hash(content);
        var run = await StartRunAsync(store, [good, missing, hostile], content);

        await store.SaveUnitResultAsync(run, good, Crawl(), Pages(good), Model(good), Card(good, hash,
            [Check("column-exists", "interpretations", FindingStatus.Pass, "政策解读栏目存在", "http://127.0.0.1:8080/good-unit/zcjd/")],
            [Check("column-updated", "notices", FindingStatus.Pass, "通知公告按时更新")]));
        await store.SaveUnitResultAsync(run, missing, Crawl(), Pages(missing), Model(missing), Card(missing, hash,
            [Check("column-exists", "interpretations", FindingStatus.Fail, MissingColumnMessage, "http://127.0.0.1:8080/missing-column/")],
            [Check("column-updated", "notices", FindingStatus.Partial, "通知公告超过14天未更新", "http://127.0.0.1:8080/missing-column/tzgg/")]));

        var evil = Check("column-exists", ScriptTitle, FindingStatus.Fail, $"栏目{ScriptTitle}缺失{ImgTitle}") with
        {
            Evidence =
            [
                new Evidence("javascript:alert(1)", ScriptTitle),
                new Evidence($"http://127.0.0.1:8080/hostile/a.html?q=\"><script>alert(1)</script>", ImgTitle),
                new Evidence("data:text/html,<script>alert(1)</script>"),
            ],
        };
        var hostileCard = Card(hostile, hash, [evil], [Check("column-updated", ImgTitle, FindingStatus.NeedsReview, ImgTitle)],
            leafNamePrefix: ScriptTitle);
        hostileCard = hostileCard with
        {
            Grade = ImgTitle,
            Adjustments = [new Openness.Rules.Scoring.ScoreAdjustment("deduction", "d1", ScriptTitle, -1, FindingStatus.Fail, ImgTitle)],
        };
        await store.SaveUnitResultAsync(run, hostile, Crawl(), Pages(hostile), Model(hostile, columnName: ScriptTitle + ImgTitle, documentTitle: ScriptTitle), hostileCard);
        await store.FinishRunAsync(run);
        return new ReportTestStore { Directory = dir, Store = store, RunId = run, Hostile = hostile, Good = good, Missing = missing };
    }

    /// <summary>
    /// A second, later run: the missing column now exists (its finding reads fixed), the stale column is still stale
    /// (unchanged), and a new check fails (new). Returns the run id.
    /// </summary>
    public async Task<long> AddSecondRunAsync()
    {
        var content = RulesContent();
        var hash = Hash(content);
        var run = await StartRunAsync(Store, [Good, Missing, Hostile], content, new DateOnly(2026, 11, 27));
        await Store.SaveUnitResultAsync(run, Good, Crawl(), Pages(Good), Model(Good), Card(Good, hash,
            [Check("column-exists", "interpretations", FindingStatus.Pass, "政策解读栏目存在", "http://127.0.0.1:8080/good-unit/zcjd/")],
            [Check("column-updated", "notices", FindingStatus.Pass, "通知公告按时更新")], asOf: new DateOnly(2026, 11, 27)));
        await Store.SaveUnitResultAsync(run, Missing, Crawl(), Pages(Missing), Model(Missing), Card(Missing, hash,
            [Check("column-exists", "interpretations", FindingStatus.Pass, "政策解读栏目存在", "http://127.0.0.1:8080/missing-column/zcjd/")],
            [Check("column-updated", "notices", FindingStatus.Partial, "通知公告超过14天未更新", "http://127.0.0.1:8080/missing-column/tzgg/"),
             Check("column-updated", "work-news", FindingStatus.Fail, "工作动态超过30天未更新", "http://127.0.0.1:8080/missing-column/gzdt/")],
            asOf: new DateOnly(2026, 11, 27)));
        await Store.SaveUnitResultAsync(run, Hostile, Crawl(UnitScanState.Failed), Pages(Hostile), Model(Hostile), null);
        await Store.FinishRunAsync(run);
        return run;
    }

    public string Out(string name) => Path.Combine(Directory, name);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
