using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using NUnit.Framework;
using Openness.Rules.SiteModel.Extraction;

namespace Openness.Rules.Tests.Sites;

/// <summary>
/// The metadata reader finds "label：" pairs without a pattern of all labels; it must find exactly what that pattern
/// (labels longest first, their characters possibly spaced out, whitespace before the colon) finds.
/// </summary>
public class MetadataLabelsTests
{
    private static readonly Regex Specification = new(
        "(" + string.Join("|", MetadataExtractor.KnownLabels.Keys.OrderByDescending(k => k.Length)
            .Select(k => string.Join(@"[\s\u2002\u2003\u3000]*", k.Select(c => Regex.Escape(c.ToString()))))) + @")[\s\u2002\u2003\u3000]*[：:]");

    private static IEnumerable<(int Index, int End, MetadataField Field)> Expected(string text) =>
        Specification.Matches(text).Select(m => (m.Index, m.Index + m.Length,
            MetadataExtractor.KnownLabels[new string(m.Groups[1].Value.Where(c => !char.IsWhiteSpace(c)).ToArray())]));

    private static IEnumerable<(int Index, int End, MetadataField Field)> Found(string text) =>
        (MetadataExtractor.FindLabels(text) ?? []).Select(l => (l.Index, l.End, l.Field));

    [TestCase("索引号：11350128/2026-00123 发布机构：平潭综合实验区管委会")]
    [TestCase("索\u2002引\u2002号 ： 123")]
    [TestCase("标　　题：关于印发的通知")]
    [TestCase("信息来源：县政府办 来源：别处")]
    [TestCase("发文文号：平政〔2026〕1号 文号：x")]
    [TestCase("时效性：有效 时效：失效")]
    [TestCase("各部门：当前位置：首页 网站标识码：123")]
    [TestCase("索引号：：发布日期::2026-11-20")]
    [TestCase("：索引号")]
    [TestCase("成文日期：2026-11-01发布日期：2026-11-20")]
    [TestCase("")]
    public void Finds_what_the_pattern_of_all_labels_finds(string text) =>
        Assert.That(Found(text), Is.EqualTo(Expected(text)));

    [Test]
    public void Finds_what_the_pattern_finds_in_every_text_box_of_every_corpus_page()
    {
        var parser = new HtmlParser();
        var files = Directory.GetFiles(TestSites.CorpusRoot, "*.htm*", SearchOption.AllDirectories);
        int boxes = 0, withLabels = 0;
        foreach (var file in files)
        {
            using var doc = parser.ParseDocument(File.ReadAllText(file));
            foreach (var e in doc.All)
            {
                var text = Dom.TextContent(e);
                if (text.Length > 600) continue;
                boxes++;
                var expected = Expected(text).ToList();
                if (expected.Count > 0) withLabels++;
                Assert.That(Found(text), Is.EqualTo(expected), $"{Path.GetFileName(file)}: <{e.LocalName}> {text}");
            }
        }
        Assert.That(withLabels, Is.GreaterThan(20), "the corpus holds metadata labels");
        Assert.That(boxes, Is.GreaterThan(5000));
    }
}
