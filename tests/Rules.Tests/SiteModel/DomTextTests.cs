using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NUnit.Framework;
using Openness.Rules.SiteModel.Extraction;
using Openness.Rules.Tests.Sites;

namespace Openness.Rules.Tests.Sites;

/// <summary>The extractors read element text through <see cref="Dom.TextContent"/>: it must give what AngleSharp gives.</summary>
public class DomTextTests
{
    [Test]
    public void Text_of_every_element_of_every_corpus_page_is_what_AngleSharp_gives()
    {
        var parser = new HtmlParser();
        var files = Directory.GetFiles(TestSites.CorpusRoot, "*.htm*", SearchOption.AllDirectories);
        Assert.That(files, Is.Not.Empty);
        var elements = 0;
        foreach (var file in files)
        {
            using var doc = parser.ParseDocument(File.ReadAllText(file));
            foreach (var e in doc.All)
            {
                elements++;
                if (Dom.TextContent(e) != e.TextContent)
                    Assert.Fail($"{Path.GetFileName(file)}: <{e.LocalName} class='{e.ClassName}'> text differs");
            }
        }
        Assert.That(elements, Is.GreaterThan(5000));
    }

    [TestCase("<p>发布日期：<span>2026-11-20</span><!-- 成文日期：2026-11-01 --> 来源</p>", "发布日期：2026-11-20 来源")]
    [TestCase("<p></p>", "")]
    [TestCase("<p><b><i>索引号</i></b></p>", "索引号")]
    [TestCase("<p>a<script>var x = 1;</script>b</p>", "avar x = 1;b")]
    public void Text_skips_comments_and_keeps_nested_and_script_text(string html, string expected)
    {
        using var doc = new HtmlParser().ParseDocument("<html><body>" + html + "</body></html>");
        var p = doc.QuerySelector("p")!;
        Assert.That(Dom.TextContent(p), Is.EqualTo(expected));
        Assert.That(Dom.TextContent(p), Is.EqualTo(p.TextContent));
    }
}
