using NUnit.Framework;
using System.Security.Cryptography;
using System.Text;
using Openness.Core.Snapshots;
using Openness.Core.Units;
using Openness.Rules.Findings;
using Openness.Rules.Scoring;
using Openness.Rules.SiteModel;
using Openness.Storage;

namespace Openness.Pipeline.Tests.Storage;

/// <summary>
/// Contract records built the way the scorer and site-model builder produce them: a two-branch indicator tree, leaves
/// carrying check results with evidence, a site model with columns and documents.
/// </summary>
public static class StoreTestData
{
    public const string Evaluation = "2026年度政务公开评估";
    public const string SystemId = "test-county";
    public const string SystemName = "测试县级指标体系";

    public static string RulesContent(string variant = "v1") => $"id: {SystemId}\nname: {SystemName}\nversion: {variant}\n";

    public static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    public static UnitDefinition Unit(string id, string name, string group = "county") => new()
    {
        Id = id, Name = name, Group = group, Portal = new Uri($"http://127.0.0.1:8080/{id}/"),
    };

    public static CheckResult Check(string checkId, string subject, FindingStatus status, string message, params string[] evidenceUrls) => new()
    {
        CheckId = checkId,
        Subject = subject,
        Status = status,
        Fraction = status switch { FindingStatus.Pass => 1, FindingStatus.Fail => 0, FindingStatus.Partial => 0.5, _ => null },
        Message = message,
        Evidence = evidenceUrls.Select(u => new Evidence(u, "页面所见文字", new DateTimeOffset(2026, 11, 20, 1, 2, 3, TimeSpan.FromHours(8)))).ToList(),
    };

    /// <summary>
    /// Level 1 "1" 平台建设 (20): leaves 1.1 栏目设置 (10, decided by <paramref name="columnChecks"/>) and 1.2 栏目更新
    /// (10, <paramref name="updateChecks"/>). Level 1 "2" 依申请公开 (10): leaf 2.1 manual (submitted materials).
    /// Points on a leaf = possible × mean fraction of its checks.
    /// </summary>
    public static ScoreCard Card(UnitDefinition unit, string hash, IReadOnlyList<CheckResult> columnChecks,
        IReadOnlyList<CheckResult> updateChecks, DateOnly? asOf = null, string leafNamePrefix = "")
    {
        var l11 = Leaf("1.1", leafNamePrefix + "栏目设置", "1", 10, columnChecks);
        var l12 = Leaf("1.2", leafNamePrefix + "栏目更新", "1", 10, updateChecks);
        var l21 = new IndicatorResult
        {
            Id = "2.1", Name = "依申请公开办理", Level = 2, ParentId = "2", IsLeaf = true,
            Methods = [AssessmentMethod.SubmittedMaterials], Status = FindingStatus.Manual, PointsPossible = 10,
            Message = "需评估人员根据提交材料评分",
        };
        var l1 = new IndicatorResult
        {
            Id = "1", Name = "平台建设", Level = 1, Status = Worst(l11.Status, l12.Status),
            PointsEarned = l11.PointsEarned + l12.PointsEarned, PointsPossible = 20,
        };
        var l2 = new IndicatorResult { Id = "2", Name = "依申请公开", Level = 1, Status = FindingStatus.Manual, PointsPossible = 10 };
        var total = l1.PointsEarned;
        return new ScoreCard
        {
            UnitId = unit.Id, UnitName = unit.Name, SystemId = SystemId, SystemName = SystemName, SystemHash = hash,
            AsOf = asOf ?? new DateOnly(2026, 11, 20),
            Indicators = [l1, l11, l12, l2, l21],
            Adjustments = [new ScoreAdjustment("deduction", "d1", "链接错误", 0, FindingStatus.Pass, "未发现错链")],
            Total = total, Possible = 30, Grade = total >= 24 ? "优秀" : total >= 18 ? "合格" : "不合格",
            ManualPointsPending = 10,
        };
    }

    private static IndicatorResult Leaf(string id, string name, string parent, double possible, IReadOnlyList<CheckResult> checks)
    {
        var fraction = checks.Count == 0 ? 0 : checks.Average(c => c.Fraction ?? 0);
        return new IndicatorResult
        {
            Id = id, Name = name, Level = 2, ParentId = parent, IsLeaf = true, Methods = [AssessmentMethod.ActualVerification],
            Criteria = "评估要点:" + name, Status = checks.Select(c => c.Status).DefaultIfEmpty(FindingStatus.Fail).Aggregate(Worst),
            PointsEarned = Math.Round(possible * fraction, 2), PointsPossible = possible, Checks = checks,
            Message = string.Join(";", checks.Where(c => c.Status != FindingStatus.Pass).Select(c => c.Message)),
        };
    }

    private static FindingStatus Worst(FindingStatus a, FindingStatus b) => Rank(a) >= Rank(b) ? a : b;
    private static int Rank(FindingStatus s) => s switch
    {
        FindingStatus.Pass => 0, FindingStatus.Manual => 1, FindingStatus.NeedsReview => 2, FindingStatus.Partial => 3, _ => 4,
    };

    public static SiteModel Model(UnitDefinition unit, string columnName = "通知公告", string documentTitle = "关于印发某某办法的通知")
    {
        var model = new SiteModel { Unit = unit };
        var column = new Column { CatalogueId = "notices", NameAsShown = columnName, Url = $"{unit.Portal}tzgg/", Visited = true };
        column.Items.Add(new ListedItem("通知一", $"{unit.Portal}tzgg/1.html", new DateOnly(2026, 11, 18)));
        column.Items.Add(new ListedItem("通知二", $"{unit.Portal}tzgg/2.html", new DateOnly(2026, 10, 2)));
        model.Columns.Add(column);
        model.Columns.Add(new Column { CatalogueId = null, NameAsShown = "专题专栏", Url = $"{unit.Portal}ztzl/" });
        var doc = new Document
        {
            Url = $"{unit.Portal}zcwj/1.html", Title = documentTitle, IndexNumber = "11220000/2026-00012", IssuingBody = "某某县人民政府办公室",
            WrittenDate = new DateOnly(2026, 9, 1), PublishedDate = new DateOnly(2026, 9, 3), DocumentNumber = "某政办发〔2026〕5号",
            Topic = "综合政务", Validity = "有效",
        };
        doc.Attachments.Add($"{unit.Portal}zcwj/1.pdf");
        doc.InterpretationUrls.Add($"{unit.Portal}zcjd/1.html");
        model.Documents.Add(doc);
        return model;
    }

    public static IReadOnlyList<SnapshotPage> Pages(UnitDefinition unit) =>
    [
        new() { Url = unit.Portal.ToString(), Mode = FetchMode.Http, FetchedAt = DateTimeOffset.UtcNow, Outcome = PageOutcome.Ok(200, 1, TimeSpan.FromMilliseconds(120)), ContentHash = "abc" },
        new() { Url = $"{unit.Portal}missing.html", Mode = FetchMode.Browser, FetchedAt = DateTimeOffset.UtcNow,
            Outcome = new PageOutcome { Status = 404, Error = PageErrorKind.HttpStatus, Message = "404 Not Found", Attempts = 1, Elapsed = TimeSpan.FromMilliseconds(40) } },
    ];

    public static UnitCrawlSummary Crawl(UnitScanState state = UnitScanState.Completed) => new(
        state, state == UnitScanState.Completed ? null : "站点无法访问", 1, 1,
        new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 20, 1, 5, 0, TimeSpan.Zero));

    public static async Task<long> StartRunAsync(ScanStore store, IReadOnlyList<UnitDefinition> units, string content, DateOnly? asOf = null) =>
        await store.StartRunAsync(Evaluation, SystemId, SystemName, content, Hash(content), asOf ?? new DateOnly(2026, 11, 20), units);
}
