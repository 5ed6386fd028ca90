using System.Net;
using NUnit.Framework;
using Openness.Reporting.Rectification;
using Openness.Rules.Indicators;
using Openness.Storage;

namespace Openness.Web.Tests;

/// <summary>
/// A unit's rectification list on its page and in its exports carries the tasks and 材料提供部门 of the supervision
/// table (seed 004) its indicator system is used with, found from the rules folder.
/// </summary>
[TestFixture]
public sealed class SupervisionTests
{
    [Test]
    public async Task The_unit_page_and_rectification_export_carry_the_raised_supervision_tasks()
    {
        var store = await ScanStore.OpenAsync(TestApp.Storage);
        var result = (await store.GetUnitResultAsync(TestApp.Run2, TestApp.UnitB.Id))!;
        var table = new SupervisionTableFinder().For(TestApp.Rules.System)!;
        var expected = RectificationListBuilder.Build(result, table);
        var raised = expected.Items.Where(i => i.SupervisionTasks.Count > 0).ToList();
        Assert.That(raised, Is.Not.Empty, "the unit's failures raise supervision tasks (else this test shows nothing)");
        var providers = raised.SelectMany(i => i.MaterialProviders).Distinct().ToList();
        Assert.That(providers, Is.Not.Empty);
        Assert.That(RectificationListBuilder.Build(result).Items.SelectMany(i => i.MaterialProviders), Is.Empty, "without the table there are none");

        using var office = await WebClient.SignedInAsync("office");
        var page = await (await office.GetAsync($"/units/{TestApp.EvaluationId}/{TestApp.UnitB.Id}?run={TestApp.Run2}")).Content.ReadAsStringAsync();
        foreach (var p in providers) Assert.That(page, Does.Contain(p), "材料提供部门 on the page");

        var csv = await office.GetAsync($"/units/{TestApp.EvaluationId}/{TestApp.UnitB.Id}/rectification.csv?run={TestApp.Run2}");
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var text = System.Text.Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.That(text, Does.Contain("督察任务：第" + string.Join("、", raised[0].SupervisionTasks) + "项"));
        foreach (var p in providers) Assert.That(text, Does.Contain(p));

        var api = System.Text.Json.JsonDocument.Parse(await (await office.GetAsync(
            $"/api/evaluations/{TestApp.EvaluationId}/units/{TestApp.UnitB.Id}/rectification?run={TestApp.Run2}")).Content.ReadAsStringAsync());
        var apiProviders = api.RootElement.GetProperty("items").EnumerateArray()
            .SelectMany(i => i.GetProperty("materialProviders").EnumerateArray().Select(p => p.GetString())).Distinct().ToList();
        Assert.That(apiProviders, Is.EquivalentTo(providers));
    }
}
