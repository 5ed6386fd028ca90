using System.Xml.Linq;
using NUnit.Framework;
using Openness.Reporting;
using Openness.Storage;

namespace Openness.Pipeline.Tests.Reporting;

[TestFixture]
public sealed class TrendChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static UnitHistoryEntry Entry(long run, int day, double? total, string? grade = "合格") =>
        new(run, new DateOnly(2026, 11, day), total is null ? UnitScanState.Failed : UnitScanState.Completed, total, total is null ? null : 100, grade);

    [Test]
    public void Plots_each_scored_run_oldest_first_and_marks_unscored_runs()
    {
        // The store returns newest first; the chart puts the oldest on the left.
        var history = new[] { Entry(4, 20, 81, "优秀"), Entry(3, 13, null, null), Entry(2, 6, 66), Entry(1, 1, 58.5, "不合格") };
        var svg = XDocument.Parse(new TrendChart().Render(history, "甲县人民政府"));
        var root = svg.Root!;
        Assert.That(root.Name, Is.EqualTo(Svg + "svg"));
        Assert.That(root.Attribute("viewBox")!.Value, Is.EqualTo("0 0 480 300"));
        Assert.That(root.Attribute("width")!.Value, Is.EqualTo("100%"), "scales to the phone's width");
        Assert.That(root.Element(Svg + "title")!.Value, Is.EqualTo("甲县人民政府 得分趋势"));

        var points = root.Descendants(Svg + "circle").ToList();
        Assert.That(points.Select(p => p.Element(Svg + "title")!.Value), Is.EqualTo(new[]
        {
            "2026-11-01 总分 58.5 / 100 不合格", "2026-11-06 总分 66 / 100 合格", "2026-11-20 总分 81 / 100 优秀",
        }));
        var xs = points.Select(p => double.Parse(p.Attribute("cx")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(xs, Is.Ordered.Ascending);
        var ys = points.Select(p => double.Parse(p.Attribute("cy")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(ys[2], Is.LessThan(ys[1]).And.LessThan(ys[0]), "a higher total is drawn higher");
        Assert.That(root.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "v").Select(t => t.Value),
            Is.EqualTo(new[] { "58.5", "66", "81" }), "each total is written beside its point");
        Assert.That(root.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "v").Select(t => (string?)t.Attribute("text-anchor")),
            Is.EqualTo(new[] { "start", "middle", "end" }), "the end labels lean inwards, clear of the y axis labels");

        Assert.That(root.Descendants(Svg + "text").Single(t => (string?)t.Attribute("class") == "na").Value, Does.StartWith("未评分"));
        // The unscored run breaks the line: one segment before it (two runs), none after (one run).
        Assert.That(root.Descendants(Svg + "polyline").Select(l => l.Attribute("points")!.Value.Split(' ').Length), Is.EqualTo(new[] { 2 }));
        var dates = root.Descendants(Svg + "text").Select(t => t.Value).Where(v => v.Length == 5 && v[2] == '-').ToList();
        Assert.That(dates, Is.EqualTo(new[] { "11-01", "11-06", "11-13", "11-20" }));
    }

    [Test]
    public void Labels_stay_few_and_large_enough_for_a_phone_with_many_runs()
    {
        var history = Enumerable.Range(1, 30).Select(i => Entry(i, i, 50 + i)).ToList();
        var root = XDocument.Parse(new TrendChart().Render(history, "乙县")).Root!;
        Assert.That(root.Descendants(Svg + "circle").Count(), Is.EqualTo(30));
        var dateLabels = root.Descendants(Svg + "text").Where(t => t.Value.Length == 5 && t.Value[2] == '-').ToList();
        Assert.That(dateLabels, Has.Count.EqualTo(5), "five dates across the axis, not thirty");
        Assert.That(root.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "v").Select(t => t.Value), Is.EqualTo(new[] { "80" }), "only the latest total");
        // Type is at least 13 units on a 480-unit canvas: ≥ 9.75 px on a 360 px phone screen.
        var sizes = root.Descendants(Svg + "text").Select(t => (string?)t.Attribute("font-size") ?? (string)root.Attribute("font-size")!).Select(double.Parse);
        Assert.That(sizes, Is.All.GreaterThanOrEqualTo(13));
    }

    [Test]
    public void No_runs_draws_a_note_and_hostile_names_are_escaped()
    {
        var empty = XDocument.Parse(new TrendChart().Render([], "丙县")).Root!;
        Assert.That(empty.Descendants(Svg + "text").Select(t => t.Value), Has.Some.EqualTo("暂无评估记录"));

        var name = ReportTestStore.ScriptTitle + ReportTestStore.ImgTitle + "\u0001";
        var text = new TrendChart().Render([Entry(1, 1, 70, ReportTestStore.ImgTitle)], name);
        Assert.That(text, Does.Not.Contain("<script").And.Not.Contain("<img"));
        var root = XDocument.Parse(text).Root!;
        Assert.That(root.Element(Svg + "title")!.Value, Is.EqualTo(ReportTestStore.ScriptTitle + ReportTestStore.ImgTitle + " 得分趋势"), "shown as text; the control character dropped");
        Assert.That(root.Attribute("aria-label")!.Value, Does.StartWith(ReportTestStore.ScriptTitle));
        Assert.That(root.Descendants(Svg + "circle").Single().Element(Svg + "title")!.Value, Does.EndWith(ReportTestStore.ImgTitle));
        Assert.That(root.Descendants().Where(e => e.Name.LocalName is "script" or "foreignObject" or "image"), Is.Empty);
        Assert.That(root.Descendants().SelectMany(e => e.Attributes()).Where(a => a.Name.LocalName.StartsWith("on")), Is.Empty);
    }
}
