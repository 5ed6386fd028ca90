using System.Net;
using NUnit.Framework;
using Openness.Core.Diagnostics;
using Openness.Core.Units;
using Openness.Rules.Scoring;
using Openness.Storage;
using Openness.Storage.Reviews;

namespace Openness.Web.Tests;

/// <summary>
/// A unit the units file rejected (a portal that does not parse) is saved as failed with its run: the office sees it
/// in the run with the file, line and reason, escaped, and its page says it was not scored instead of showing zeros.
/// </summary>
[TestFixture]
public sealed class RejectedUnitTests
{
    private const string Evaluation = "2026年度政务公开评估（配置有误的单位）";
    private const string HostilePortal = "http//bad<script>window.__xss=3</script>";

    [Test]
    public async Task A_rejected_unit_is_listed_failed_with_where_and_why_and_its_page_says_it_was_not_scored()
    {
        var store = await ScanStore.OpenAsync(TestApp.Storage, TestApp.Rules.Catalogue, default, new KnownIndicatorSystems(TestApp.Rules.System));
        var rejected = new RejectedUnit("county-x", "<b>丙</b>县人民政府", "county", HostilePortal,
            [new UnitProblem("portal", new SourceError("units.yaml", 12, 13, $"'{HostilePortal}' is not an absolute http(s) URL"))]);
        var content = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "rules", "jilin-2017-county.yaml"));
        var run = await store.StartRunAsync(Evaluation, TestApp.Rules.System.Id, TestApp.Rules.System.Name, content,
            TestApp.Rules.System.ContentHash, new DateOnly(2026, 11, 20), [], default, [rejected]);
        await store.FinishRunAsync(run);
        var evaluationId = (await (await EvaluationStore.OpenAsync(TestApp.Storage, store)).GetEvaluationsAsync()).Single(e => e.Name == Evaluation).Id;

        using var office = await WebClient.SignedInAsync("office");
        var runPage = await office.GetAsync($"/office/runs/{run}");
        Assert.That(runPage.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var html = await runPage.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("计划 1 个单位，完成 0，失败 1，未开始或进行中 0"), "the run counts the unit as failed");
        Assert.That(html, Does.Contain("&lt;b&gt;丙&lt;/b&gt;县人民政府"), "the name is shown as text");
        Assert.That(html, Does.Contain("units.yaml:12:13").And.Contain("门户网址"), "where and what is wrong");
        Assert.That(html, Does.Not.Contain("<script>window.__xss").And.Not.Contain("<b>丙</b>"));

        var unitPage = await office.GetAsync($"/units/{evaluationId}/county-x?run={run}");
        Assert.That(unitPage.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var unitHtml = await unitPage.Content.ReadAsStringAsync();
        Assert.That(unitHtml, Does.Contain("本次未能评分").And.Contain("units.yaml:12:13"));
        Assert.That(unitHtml, Does.Not.Contain("<script>window.__xss").And.Not.Contain("一级指标得分"), "no score table for an unscored unit");
    }
}
