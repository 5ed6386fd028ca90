using System.Globalization;
using System.Net;
using System.Text;
using Openness.Rules.Findings;

namespace Openness.Reporting;

/// <summary>
/// The only way report text reaches HTML: every crawled or rule-supplied string goes through <see cref="Text"/>,
/// and links are emitted only for absolute http/https URLs.
/// </summary>
internal static class Html
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:";

    /// <summary>Escapes &lt; &gt; &amp; " ' so text can go into element content and quoted attributes.</summary>
    public static string Text(string? value) => WebUtility.HtmlEncode(value ?? "");

    public static bool IsWebUrl(string? url, out Uri? uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>A link showing its URL (or <paramref name="label"/>); anything not http/https is shown as plain text.</summary>
    public static string Link(string? url, string? label = null)
    {
        var shown = Text(label ?? url);
        if (!IsWebUrl(url, out var uri)) return $"<span class=\"url\">{shown}</span>";
        return $"<a href=\"{Text(uri!.AbsoluteUri)}\" rel=\"noopener noreferrer\">{shown}</a>";
    }

    public static string Points(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Each piece of evidence: its URL (linked only when http/https), the text seen, when (Beijing time).</summary>
    public static void Evidence(StringBuilder sb, IReadOnlyList<Evidence> evidence)
    {
        foreach (var e in evidence)
        {
            sb.Append("<div class=\"c\">佐证：").Append(Link(e.Url));
            if (!string.IsNullOrWhiteSpace(e.Text)) sb.Append(" “").Append(Text(e.Text)).Append('”');
            if (e.SeenAt is { } seen)
                sb.Append(" （").Append(seen.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append("）");
            sb.Append("</div>");
        }
    }

    public static void Head(StringBuilder sb, string title)
    {
        sb.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
          .Append("<title>").Append(Text(title)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
    }

    public static void Foot(StringBuilder sb) => sb.Append("</body>\n</html>\n");

    // One small stylesheet shared by all reports: readable on a laptop, tables scroll sideways on a phone.
    private const string Css = """
body{font-family:"Microsoft YaHei","WenQuanYi Micro Hei","PingFang SC",sans-serif;margin:0 auto;max-width:1100px;padding:12px;color:#222;line-height:1.5;overflow-wrap:anywhere}
h1{font-size:1.5em;margin:.3em 0}h2{font-size:1.2em;border-bottom:2px solid #c00;padding-bottom:.2em;margin-top:1.5em}
.summary{display:flex;flex-wrap:wrap;gap:12px}.summary div{background:#f5f5f5;border-radius:6px;padding:8px 14px}
.big{font-size:1.6em;font-weight:bold}.scroll{overflow-x:auto}.scroll table.wide{min-width:760px}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid #ddd;padding:5px 7px;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.n{text-align:right;white-space:nowrap}
a{color:#0645ad;word-break:break-all}.url{word-break:break-all;color:#555}
.s{display:inline-block;border-radius:4px;padding:0 6px;white-space:nowrap;font-size:.9em}
.s-pass{background:#e3f5e1;color:#1b6e1b}.s-partial{background:#fff3d6;color:#8a5a00}.s-fail{background:#fde2e1;color:#a40000}
.s-manual{background:#e6ecf8;color:#26457a}.s-needs-review{background:#f0e4f7;color:#6b2c8a}
.c{font-size:.85em;color:#666}.l1{font-weight:bold;background:#fafafa}.l3{padding-left:1.5em}.l4{padding-left:2.5em}
.veto{background:#a40000;color:#fff;padding:8px;border-radius:6px}ul,ol{margin:.3em 0;padding-left:1.3em}
.chart{max-width:640px}.chart svg{display:block;width:100%;height:auto}
table.rect{table-layout:fixed}
@media (max-width:700px){
body{padding:8px;font-size:15px}.summary{gap:8px}.summary div{padding:6px 10px}
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:auto;min-width:0}
table.cards thead,table.cards colgroup{display:none}table.cards tr{border:1px solid #ccc;border-radius:6px;margin:0 0 10px;padding:4px 0}
table.cards td{border:none;border-bottom:1px solid #eee;text-align:left;white-space:normal;min-width:0}table.cards td:last-child{border-bottom:none}
table.cards td::before{content:attr(data-label);display:block;font-size:.8em;color:#666;font-weight:bold}
table.cards tr.l3,table.cards tr.l4{margin-left:.8em}
}
@page{size:A4;margin:14mm 12mm 16mm}
@media print{
body{max-width:none;padding:0;font-size:10pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.scroll{overflow:visible}.scroll table.wide{min-width:0}thead{display:table-header-group}
tr,li,.summary div,.chart{break-inside:avoid}h1,h2{break-after:avoid}a{color:#0645ad;text-decoration:none}
.chart{max-width:125mm}
}
""";
}
