using System.Text;
using System.Text.RegularExpressions;

namespace Openness.Crawler.Fetching;

/// <summary>Where the chosen encoding came from (kept as a page note: helps explain mojibake findings).</summary>
public enum EncodingSource { ByteOrderMark, Header, Meta, Utf8Valid, Fallback }

public sealed record SniffedEncoding(Encoding Encoding, EncodingSource Source, int PreambleLength);

/// <summary>
/// Picks the character encoding of an HTML (or XML) body the way a browser would, tuned for Chinese government sites:
/// BOM, then the Content-Type charset, then a <c>&lt;meta&gt;</c> (or XML declaration) in the first bytes, then UTF-8 if
/// the bytes are valid UTF-8, else GB18030. GB2312/GBK labels map to GB18030, their superset, because real "GB2312"
/// pages routinely contain characters outside GB2312.
/// </summary>
public static partial class HtmlEncodingSniffer
{
    /// <summary>How far into the body a meta charset is looked for (browsers use 1024; CMS headers are long).</summary>
    public const int PrescanBytes = 4096;

    private static readonly Encoding Gb18030;
    private static readonly Encoding Big5;
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    static HtmlEncodingSniffer()
    {
        EncodingRegistration.EnsureCodePages();
        Gb18030 = Encoding.GetEncoding(54936);
        Big5 = Encoding.GetEncoding(950);
    }

    public static SniffedEncoding Detect(ReadOnlySpan<byte> body, string? headerCharset)
    {
        // A BOM wins even over the header, as in the WHATWG algorithm: it describes the bytes themselves.
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new(Utf8, EncodingSource.ByteOrderMark, 3);
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new(Encoding.BigEndianUnicode, EncodingSource.ByteOrderMark, 2);
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new(Encoding.Unicode, EncodingSource.ByteOrderMark, 2);

        if (FromLabel(headerCharset) is { } fromHeader)
            return new(fromHeader, EncodingSource.Header, 0);

        if (FromLabel(PrescanCharset(body)) is { } fromMeta)
            // A page cannot be UTF-16 if its ASCII meta tag was readable as bytes (WHATWG: treat as UTF-8).
            return new(fromMeta is UnicodeEncoding ? Utf8 : fromMeta, EncodingSource.Meta, 0);

        return System.Text.Unicode.Utf8.IsValid(body)
            ? new(Utf8, EncodingSource.Utf8Valid, 0)
            : new(Gb18030, EncodingSource.Fallback, 0);
    }

    public static string Decode(ReadOnlySpan<byte> body, string? headerCharset)
    {
        var sniffed = Detect(body, headerCharset);
        return sniffed.Encoding.GetString(body[sniffed.PreambleLength..]);
    }

    /// <summary>Maps a charset label to an encoding, or null when the label is unknown (then the next clue decides).</summary>
    public static Encoding? FromLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return null;
        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        switch (name)
        {
            case "utf-8" or "utf8" or "unicode-1-1-utf-8": return Utf8;
            case "gb2312" or "gbk" or "x-gbk" or "gb18030" or "cp936" or "ms936" or "windows-936" or "gb_2312-80"
                or "csgb2312" or "chinese" or "iso-ir-58" or "euc-cn" or "x-euc-cn":
                return Gb18030;
            case "big5" or "big5-hkscs" or "cn-big5" or "x-x-big5" or "csbig5" or "cp950": return Big5;
        }
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The charset named by a meta tag or XML declaration in the first <see cref="PrescanBytes"/> bytes.</summary>
    public static string? PrescanCharset(ReadOnlySpan<byte> body)
    {
        var head = body[..Math.Min(body.Length, PrescanBytes)];
        // Latin-1 maps bytes 1:1 to chars, so ASCII markup is readable whatever the real encoding is.
        var text = Encoding.Latin1.GetString(head);
        text = CommentPattern().Replace(text, " ");
        var xml = XmlDeclarationPattern().Match(text);
        if (xml.Success) return xml.Groups["cs"].Value;
        var meta = MetaCharsetPattern().Match(text);
        return meta.Success ? meta.Groups["cs"].Value : null;
    }

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"^\s*<\?xml[^>]*?\bencoding\s*=\s*[""']?(?<cs>[A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex XmlDeclarationPattern();

    // Matches <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
    [GeneratedRegex(@"<meta\b[^>]*?\bcharset\s*=\s*[""']?\s*(?<cs>[A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharsetPattern();
}
