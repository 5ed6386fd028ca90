using NUnit.Framework;
using Openness.Pipeline.Tests.SamplePortals;
using Openness.Reporting.Rectification;
using Openness.Rules.Catalogue;
using Openness.Rules.Checks;
using Openness.Rules.Findings;
using Openness.Rules.Indicators;
using Openness.Storage;

namespace Openness.Pipeline.Tests.Reporting;

[TestFixture]
public sealed class RectificationListTests
{
    private ReportTestStore _t = null!;
    private IReadOnlyList<UnitResult> _units = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _t = await ReportTestStore.CreateAsync();
        _units = await _t.Store.GetUnitResultsAsync(_t.RunId);
    }

    [OneTimeTearDown]
    public async Task TearDown() => await _t.DisposeAsync();

    private UnitResult UnitOf(string id) => _units.Single(u => u.Unit.Id == id);

    [Test]
    public void Seed_004_headings_are_the_forms_own()
    {
        // shared/seeds sits beside shared/corpus/real-pages.
        var seeds = Path.GetFullPath(Path.Combine(Openness.Fixtures.RealPages.Root, "..", "..", "seeds"));
        var seed = File.ReadAllText(Directory.GetFiles(seeds, "004_*").Single());
        // The seed's text breaks two headings across lines of the printed form ("整改责任 主体", "材料提供部 门").
        var header = seed.Replace(" ", "");
        foreach (var heading in RectificationList.Headings) Assert.That(header, Does.Contain(heading));
        Assert.That(header, Does.Contain("督察对象").And.Contain("督察时间"));
    }

    [Test]
    public void A_failed_and_a_partial_leaf_become_items_with_problems_evidence_criteria_and_measures()
    {
        var list = RectificationListBuilder.Build(UnitOf("missing-column"));
        Assert.That(list.UnitName, Is.EqualTo("缺栏目县人民政府"));
        Assert.That(list.SupervisedUnitLine, Is.EqualTo("督察对象：缺栏目县人民政府"));
        Assert.That(list.SupervisionDateLine, Is.EqualTo("督察时间：2026-11-20"));
        Assert.That(list.Items.Select(i => i.Number), Is.EqualTo(new[] { 1, 2 }));

        var missing = list.Items[0];
        Assert.That((missing.IndicatorId, missing.IndicatorName, missing.Criteria), Is.EqualTo(("1.1", "栏目设置", "评估要点:栏目设置")));
        Assert.That(missing.Completion, Is.EqualTo("未完成"));
        Assert.That(missing.PointsLost, Is.EqualTo(10));
        var problem = missing.Problems.Single();
        Assert.That(problem.Message, Is.EqualTo(ReportTestStore.MissingColumnMessage));
        Assert.That(problem.Evidence.Single().Url, Is.EqualTo("http://127.0.0.1:8080/missing-column/"));
        Assert.That(problem.Evidence.Single().Text, Is.EqualTo("页面所见文字"));
        Assert.That(missing.Measures.Single(), Does.Contain("开设该栏目"));
        Assert.That(missing.ResponsibleBody, Is.EqualTo("缺栏目县人民政府"), "the form's default: the unit itself");
        Assert.That(missing.MaterialProviders, Is.Empty, "no supervision table given");

        var stale = list.Items[1];
        Assert.That(stale.Completion, Is.EqualTo("部分完成"));
        Assert.That(stale.PointsLost, Is.EqualTo(5));
        Assert.That(stale.Measures.Single(), Does.Contain("更新"));
    }

    [Test]
    public void A_unit_with_nothing_to_fix_has_an_empty_list_and_applied_deductions_are_items()
    {
        Assert.That(RectificationListBuilder.Build(UnitOf("good-unit")).Items, Is.Empty);
        var hostile = RectificationListBuilder.Build(UnitOf("hostile"));
        Assert.That(hostile.Items.Select(i => i.IndicatorId), Is.EqualTo(new[] { "1.1", "d1" }), "needs-review leaves wait for an assessor; the applied deduction is listed");
        Assert.That(hostile.Items[1].IndicatorName, Is.EqualTo("扣分项：" + ReportTestStore.ScriptTitle));
        Assert.That(hostile.Items[1].PointsLost, Is.EqualTo(1));
    }

    [Test]
    public void The_html_fragment_shows_hostile_text_as_text()
    {
        var html = RectificationHtml.Render(RectificationListBuilder.Build(UnitOf("hostile")));
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<img"));
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<!DOCTYPE html><body>" + html);
        Assert.That(doc.QuerySelectorAll("script, img, iframe, object, embed"), Is.Empty);
        Assert.That(doc.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal)), Is.Empty);
        Assert.That(doc.QuerySelector("p")!.TextContent, Does.StartWith("督察对象：恶意县" + ReportTestStore.ScriptTitle + ReportTestStore.ImgTitle));
        var problems = doc.QuerySelector("td[data-label=存在问题]")!;
        Assert.That(problems.TextContent, Does.Contain($"栏目{ReportTestStore.ScriptTitle}缺失{ReportTestStore.ImgTitle}"));
        Assert.That(problems.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), Is.EqualTo(new[]
        {
            "http://127.0.0.1:8080/hostile/a.html?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
        }), "only the http evidence is a link, percent-encoded; javascript: and data: stay text");
        Assert.That(doc.QuerySelectorAll("td[data-label=工作任务] b").Select(b => b.TextContent), Has.Some.Contain("扣分项：" + ReportTestStore.ScriptTitle));
    }

    [Test]
    public void A_supervision_table_names_its_tasks_providers_body_and_measure()
    {
        var path = _t.Out("supervision-test.yaml");
        File.WriteAllText(path, """
            kind: supervision
            id: supervision-test
            name: 测试督察表
            tasks:
              - number: 12
                id: columns
                task: 按要求设置政府信息公开专栏栏目。
                responsibleBody: "{unit}办公室"
                materialProviders: [县政务公开办, 县经济信息中心]
                measure: 逐栏目核对专栏目录。
                raisedBy:
                  - {check: column-exists, subject: interpret}
              - number: 13
                id: updates
                task: 及时更新栏目。
                raisedBy:
                  - {indicator: "1.2"}
              - number: 14
                id: not-raised
                task: 不会被触发的任务。
                raisedBy:
                  - {check: annual-report}
            """);
        var table = IndicatorSystemLoader.LoadSupervision(path, CheckRegistry.Default, ColumnCatalogue.Load(Path.Combine(SampleRepo.Root, "rules", "columns.yaml")));
        var list = RectificationListBuilder.Build(UnitOf("missing-column"), table);

        var missing = list.Items[0];
        Assert.That(missing.SupervisionTasks, Is.EqualTo(new[] { 12 }));
        Assert.That(missing.MaterialProviders, Is.EqualTo(new[] { "县政务公开办", "县经济信息中心" }));
        Assert.That(missing.ResponsibleBody, Is.EqualTo("缺栏目县人民政府办公室"));
        Assert.That(missing.Measures, Has.Member("逐栏目核对专栏目录。"));
        Assert.That(list.Items[1].SupervisionTasks, Is.EqualTo(new[] { 13 }));
        Assert.That(list.Items.SelectMany(i => i.SupervisionTasks), Has.No.Member(14));
    }
}
