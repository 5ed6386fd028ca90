using NUnit.Framework;
using Openness.Rules.Findings;
using Openness.Storage;
using static Openness.Pipeline.Tests.Storage.StoreTestData;

namespace Openness.Pipeline.Tests.Storage;

/// <summary>Store behaviours asserted the same way against every provider (SQLite file, PostgreSQL server).</summary>
public static class StoreScenarios
{
    /// <summary>Two units saved, read back as ranking and score card; saving one again replaces it.</summary>
    public static async Task SaveAndQueryRoundTrip(StorageOptions options)
    {
        var store = await ScanStore.OpenAsync(options);
        var a = Unit("county-a", "甲县人民政府");
        var b = Unit("county-b", "乙县人民政府");
        var content = RulesContent();
        var runId = await StartRunAsync(store, [a, b], content);

        var cardA = Card(a, Hash(content),
            [Check("column-exists", "notices", FindingStatus.Pass, "通知公告栏目存在", "http://127.0.0.1:8080/county-a/tzgg/")],
            [Check("column-updated", "notices", FindingStatus.Pass, "通知公告按时更新")]);
        var cardB = Card(b, Hash(content),
            [Check("column-exists", "interpretations", FindingStatus.Fail, "缺少“政策解读”栏目")],
            [Check("column-updated", "notices", FindingStatus.Partial, "通知公告超过14天未更新")]);
        await store.SaveUnitResultAsync(runId, a, Crawl(), Pages(a), Model(a), cardA);
        await store.SaveUnitResultAsync(runId, b, Crawl(), Pages(b), Model(b), cardB);
        // Saving b again (a retried unit after a crash) must replace, not add.
        await store.SaveUnitResultAsync(runId, b, Crawl(), Pages(b), Model(b), cardB);
        await store.FinishRunAsync(runId);

        var ranking = await store.GetLatestRankingAsync(Evaluation);
        Assert.That(ranking, Is.Not.Null);
        Assert.That(ranking!.Rows.Select(r => r.Unit.Id), Is.EqualTo(new[] { "county-a", "county-b" }));
        Assert.That(ranking.Rows.Select(r => r.Rank), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(ranking.Rows[0].Total, Is.EqualTo(20));
        Assert.That(ranking.Rows[1].Total, Is.EqualTo(5));
        Assert.That(ranking.Rows[1].Grade, Is.EqualTo("不合格"));
        Assert.That(ranking.Rows[0].LevelOne.Select(l => (l.Id, l.Name, l.Earned, l.Possible)),
            Is.EqualTo(new[] { ("1", "平台建设", 20.0, 20.0), ("2", "依申请公开", 0.0, 10.0) }));
        Assert.That(ranking.Run.State, Is.EqualTo(RunState.Completed));
        Assert.That(ranking.Run.UnitsCompleted, Is.EqualTo(2), "the repeated save of county-b counts once");
        Assert.That(ranking.Run.FinishedAt, Is.Not.Null);

        var result = await store.GetLatestUnitResultAsync(Evaluation, "county-b");
        Assert.That(result, Is.Not.Null);
        var card = result!.ScoreCard!;
        Assert.That(card.Total, Is.EqualTo(5));
        Assert.That(card.AsOf, Is.EqualTo(new DateOnly(2026, 11, 20)));
        Assert.That(card.Indicators.Select(i => i.Id), Is.EqualTo(new[] { "1", "1.1", "1.2", "2", "2.1" }));
        var leaf = card.Indicators.Single(i => i.Id == "1.1");
        Assert.That(leaf.Status, Is.EqualTo(FindingStatus.Fail));
        Assert.That(leaf.Checks.Single().Message, Is.EqualTo("缺少“政策解读”栏目"));
        Assert.That(card.Indicators.Single(i => i.Id == "2.1").Methods, Is.EqualTo(new[] { Openness.Rules.Scoring.AssessmentMethod.SubmittedMaterials }));
        Assert.That(card.Adjustments.Single().Kind, Is.EqualTo("deduction"));

        Assert.That(result.Findings, Has.Count.EqualTo(2), "findings of the repeated save are not duplicated");
        Assert.That(result.Columns, Has.Count.EqualTo(2));
        Assert.That(result.Columns[0].NameAsShown, Is.EqualTo("通知公告"));
        Assert.That(result.Columns[0].ItemCount, Is.EqualTo(2));
        Assert.That(result.Columns[0].NewestDate, Is.EqualTo(new DateOnly(2026, 11, 18)));
        Assert.That(result.Documents.Single().InterpretationUrls, Is.EqualTo(new[] { "http://127.0.0.1:8080/county-b/zcjd/1.html" }));
        Assert.That(result.Documents.Single().PublishedDate, Is.EqualTo(new DateOnly(2026, 9, 3)));
        var pages = await store.GetPageOutcomesAsync(runId, "county-b");
        Assert.That(pages, Has.Count.EqualTo(2));
        Assert.That(pages[1].Status, Is.EqualTo(404));
        Assert.That(pages[1].ErrorKind, Is.EqualTo("HttpStatus"));
        Assert.That(pages[1].FetchMode, Is.EqualTo("Browser"));

        Assert.That(await store.GetSavedUnitIdsAsync(runId), Is.EqualTo(new[] { "county-a", "county-b" }));
    }

    /// <summary>Run 1 then run 2 of the same unit: each finding is marked new, unchanged, changed or fixed.</summary>
    public static async Task FindingChangesAcrossRuns(StorageOptions options)
    {
        var store = await ScanStore.OpenAsync(options);
        var u = Unit("county-c", "丙县人民政府");
        var content = RulesContent();
        var hash = Hash(content);

        var run1 = await StartRunAsync(store, [u], content, new DateOnly(2026, 11, 19));
        await store.SaveUnitResultAsync(run1, u, Crawl(), Pages(u), Model(u), Card(u, hash,
            [Check("column-exists", "interpretations", FindingStatus.Fail, "缺少政策解读栏目"),
             Check("column-exists", "notices", FindingStatus.Pass, "通知公告栏目存在")],
            [Check("column-updated", "notices", FindingStatus.Partial, "通知公告更新不及时"),
             Check("column-updated", "guide", FindingStatus.Fail, "指南未更新")]));
        await store.FinishRunAsync(run1);

        var first = await store.GetUnitResultAsync(run1, u.Id);
        Assert.That(first!.Findings.Select(f => f.Change), Is.All.EqualTo(FindingChange.New), "no earlier scan: everything is new");

        var run2 = await StartRunAsync(store, [u], content, new DateOnly(2026, 11, 20));
        await store.SaveUnitResultAsync(run2, u, Crawl(), Pages(u), Model(u), Card(u, hash,
            [Check("column-exists", "interpretations", FindingStatus.Pass, "政策解读栏目存在"),
             Check("column-exists", "notices", FindingStatus.Pass, "通知公告栏目存在"),
             Check("column-exists", "annual-report", FindingStatus.Fail, "缺少年报栏目")],
            [Check("column-updated", "notices", FindingStatus.Fail, "通知公告长期未更新"),
             Check("column-updated", "guide", FindingStatus.Fail, "指南未更新")]));
        await store.FinishRunAsync(run2);

        var second = await store.GetLatestUnitResultAsync(Evaluation, u.Id);
        Assert.That(second!.Run.RunId, Is.EqualTo(run2));
        var marks = second.Findings.ToDictionary(f => f.Subject + "/" + f.CheckId, f => (f.Change, f.PreviousStatus));
        Assert.That(marks["interpretations/column-exists"], Is.EqualTo((FindingChange.Fixed, (FindingStatus?)FindingStatus.Fail)));
        Assert.That(marks["notices/column-exists"], Is.EqualTo((FindingChange.Unchanged, (FindingStatus?)FindingStatus.Pass)));
        Assert.That(marks["annual-report/column-exists"], Is.EqualTo((FindingChange.New, (FindingStatus?)null)));
        Assert.That(marks["notices/column-updated"], Is.EqualTo((FindingChange.Changed, (FindingStatus?)FindingStatus.Partial)));
        Assert.That(marks["guide/column-updated"], Is.EqualTo((FindingChange.Unchanged, (FindingStatus?)FindingStatus.Fail)));

        // Saving run 2 again compares with run 1 still, not with itself.
        await store.SaveUnitResultAsync(run2, u, Crawl(), Pages(u), Model(u), second.ScoreCard!);
        var again = await store.GetUnitResultAsync(run2, u.Id);
        Assert.That(again!.Findings.Single(f => f.Subject == "interpretations").Change, Is.EqualTo(FindingChange.Fixed));

        var history = await store.GetRunHistoryAsync(Evaluation);
        Assert.That(history.Select(h => h.RunId), Is.EqualTo(new[] { run2, run1 }));
        Assert.That(history.Select(h => h.AsOf), Is.EqualTo(new[] { new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 19) }));
    }

    /// <summary>Units crawled in parallel are saved concurrently: every one lands once, and the run counts them all.</summary>
    public static async Task ConcurrentSaves(StorageOptions options)
    {
        var store = await ScanStore.OpenAsync(options);
        var units = Enumerable.Range(1, 8).Select(i => Unit($"par-{i}", $"并行单位{i}")).ToList();
        var content = RulesContent();
        var run = await StartRunAsync(store, units, content);
        var checks = new[] { Check("column-exists", "notices", FindingStatus.Pass, "存在") };
        await Task.WhenAll(units.Select((u, i) => Task.Run(() => store.SaveUnitResultAsync(run, u,
            Crawl(i % 4 == 0 ? UnitScanState.Failed : UnitScanState.Completed), Pages(u), Model(u), Card(u, Hash(content), checks, [])))));
        var summary = await store.GetRunAsync(run);
        Assert.That((summary!.UnitsCompleted, summary.UnitsFailed), Is.EqualTo((6, 2)));
        Assert.That((await store.GetRankingAsync(run))!.Rows, Has.Count.EqualTo(8));
        await store.FinishRunAsync(run);
        Assert.That(((await store.GetRunAsync(run))!.UnitsCompleted), Is.EqualTo(6));
    }
}
