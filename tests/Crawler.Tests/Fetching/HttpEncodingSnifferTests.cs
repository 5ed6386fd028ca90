using System.Text;
using NUnit.Framework;
using Openness.Crawler.Fetching;

namespace Openness.Crawler.Tests.Fetching;

[TestFixture]
public sealed class HttpEncodingSnifferTests
{
    private const string Chinese = "政府信息公开年度报告 朱镕基 䶮"; // 镕 is GBK-only, 䶮 is GB18030-only

    private static Encoding Get(string name)
    {
        EncodingRegistration.EnsureCodePages();
        return Encoding.GetEncoding(name);
    }

    private static byte[] Page(string charsetMeta, string body, Encoding encoding) =>
        encoding.GetBytes($"<html><head>{charsetMeta}<title>t</title></head><body>{body}</body></html>");

    [Test]
    public void Header_charset_gbk_decodes_gbk_bytes()
    {
        var bytes = Page("", "朱镕基", Get("gbk"));
        Assert.That(HtmlEncodingSniffer.Decode(bytes, "gbk"), Does.Contain("朱镕基"));
        Assert.That(HtmlEncodingSniffer.Detect(bytes, "gbk").Source, Is.EqualTo(EncodingSource.Header));
    }

    [TestCase("gb2312")]
    [TestCase("GBK")]
    [TestCase("x-gbk")]
    [TestCase("GB18030")]
    public void Chinese_gb_labels_map_to_gb18030(string label)
    {
        Assert.That(HtmlEncodingSniffer.FromLabel(label)!.CodePage, Is.EqualTo(54936));
    }

    [Test]
    public void Page_labelled_gb2312_may_use_characters_outside_gb2312()
    {
        var bytes = Page("<meta charset=\"gb2312\">", Chinese, Get("GB18030"));
        Assert.That(HtmlEncodingSniffer.Decode(bytes, null), Does.Contain(Chinese));
    }

    [Test]
    public void Meta_http_equiv_content_type_is_read()
    {
        var bytes = Page("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GBK\">", "政务公开", Get("gbk"));
        var sniffed = HtmlEncodingSniffer.Detect(bytes, null);
        Assert.That(sniffed.Source, Is.EqualTo(EncodingSource.Meta));
        Assert.That(HtmlEncodingSniffer.Decode(bytes, null), Does.Contain("政务公开"));
    }

    [Test]
    public void Meta_inside_a_comment_is_ignored()
    {
        var bytes = Encoding.UTF8.GetBytes("<!-- <meta charset=\"big5\"> --><meta charset=\"utf-8\"><p>政务</p>");
        Assert.That(HtmlEncodingSniffer.Decode(bytes, null), Does.Contain("政务"));
    }

    [Test]
    public void Header_wins_over_meta()
    {
        var bytes = Page("<meta charset=\"utf-8\">", "通知公告", Get("gbk"));
        Assert.That(HtmlEncodingSniffer.Decode(bytes, "GBK"), Does.Contain("通知公告"));
    }

    [Test]
    public void Unknown_header_label_falls_back_to_meta()
    {
        var bytes = Page("<meta charset=\"gbk\">", "通知公告", Get("gbk"));
        Assert.That(HtmlEncodingSniffer.Decode(bytes, "no-such-charset"), Does.Contain("通知公告"));
    }

    [Test]
    public void Byte_order_mark_wins_and_is_stripped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Page("<meta charset=\"gbk\">", "政策解读", Encoding.UTF8)).ToArray();
        var text = HtmlEncodingSniffer.Decode(bytes, "gbk");
        Assert.That(text, Does.StartWith("<html>"));
        Assert.That(text, Does.Contain("政策解读"));
    }

    [Test]
    public void Unlabelled_valid_utf8_is_utf8()
    {
        var bytes = Page("", "机构职能", Encoding.UTF8);
        Assert.That(HtmlEncodingSniffer.Detect(bytes, null).Source, Is.EqualTo(EncodingSource.Utf8Valid));
        Assert.That(HtmlEncodingSniffer.Decode(bytes, null), Does.Contain("机构职能"));
    }

    [Test]
    public void Unlabelled_invalid_utf8_falls_back_to_gb18030()
    {
        var bytes = Page("", "机构职能 朱镕基", Get("gbk"));
        Assert.That(HtmlEncodingSniffer.Detect(bytes, null).Source, Is.EqualTo(EncodingSource.Fallback));
        Assert.That(HtmlEncodingSniffer.Decode(bytes, null), Does.Contain("机构职能 朱镕基"));
    }

    [Test]
    public void Big5_is_supported()
    {
        var bytes = Page("<meta charset=\"big5\">", "政府資訊公開", Get("big5"));
        Assert.That(HtmlEncodingSniffer.Decode(bytes, null), Does.Contain("政府資訊公開"));
    }

    [Test]
    public void Xml_declaration_names_the_encoding()
    {
        var bytes = Get("gbk").GetBytes("<?xml version=\"1.0\" encoding=\"GBK\"?><datastore><record>年度报告</record></datastore>");
        Assert.That(HtmlEncodingSniffer.Decode(bytes, null), Does.Contain("年度报告"));
    }

    [Test]
    public void Meta_after_the_prescan_window_is_not_used()
    {
        var padding = new string(' ', HtmlEncodingSniffer.PrescanBytes);
        var bytes = Get("gbk").GetBytes($"<html>{padding}<meta charset=\"gbk\"><p>通知公告</p>");
        // Not valid UTF-8 either, so the fallback (GB18030) still decodes it correctly.
        Assert.That(HtmlEncodingSniffer.Detect(bytes, null).Source, Is.EqualTo(EncodingSource.Fallback));
        Assert.That(HtmlEncodingSniffer.Decode(bytes, null), Does.Contain("通知公告"));
    }
}
