using System.Globalization;
using System.Net;
using System.Text;
using Openness.Reporting.Tables;
using Openness.Storage;

namespace Openness.Reporting;

/// <summary>
/// 得分趋势: an SVG line chart of one unit's totals across runs (oldest left). It scales to its container's width and is
/// drawn on a narrow canvas with large type, so it stays legible on a phone; runs that were not scored break the line
/// and are marked 未评分. Every label is XML-escaped; the output is a standalone SVG document fragment that can be
/// served as image/svg+xml or placed inline in a report.
/// </summary>
public sealed class TrendChart
{
    public const string ContentType = "image/svg+xml";

    private const double Width = 480, Height = 300, Left = 52, Right = 20, Top = 28, Bottom = 48;
    private const int MaxAxisLabels = 5, MaxPointLabels = 8;

    public string Render(IReadOnlyList<UnitHistoryEntry> history, string unitName)
    {
        var runs = history.OrderBy(h => h.AsOf).ThenBy(h => h.RunId).ToList();
        var title = $"{unitName} 得分趋势";
        var sb = new StringBuilder(4096);
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(N(Width)).Append(' ').Append(N(Height))
          .Append("\" width=\"100%\" style=\"max-width:640px;height:auto\" role=\"img\" aria-label=\"").Append(X(title))
          .Append("\" font-family=\"WenQuanYi Micro Hei, Microsoft YaHei, PingFang SC, sans-serif\" font-size=\"16\" class=\"trend\">")
          .Append("<title>").Append(X(title)).Append("</title>")
          .Append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        if (runs.Count == 0)
        {
            sb.Append("<text x=\"").Append(N(Width / 2)).Append("\" y=\"").Append(N(Height / 2)).Append("\" text-anchor=\"middle\" fill=\"#666\">暂无评估记录</text></svg>");
            return sb.ToString();
        }

        var max = runs.Select(r => r.Possible ?? r.Total ?? 0).DefaultIfEmpty(0).Max();
        if (max <= 0) max = 100;
        double Xof(int i) => runs.Count == 1 ? Left + (Width - Left - Right) / 2 : Left + i * (Width - Left - Right) / (runs.Count - 1);
        double Yof(double v) => Top + (1 - Math.Clamp(v / max, 0, 1)) * (Height - Top - Bottom);

        // Grid and y labels at 0, ¼, ½, ¾ and full marks.
        for (var k = 0; k <= 4; k++)
        {
            var v = max * k / 4;
            var y = Yof(v);
            sb.Append("<line x1=\"").Append(N(Left)).Append("\" x2=\"").Append(N(Width - Right)).Append("\" y1=\"").Append(N(y)).Append("\" y2=\"").Append(N(y))
              .Append("\" stroke=\"").Append(k == 0 ? "#999" : "#e3e3e3").Append("\"/>")
              .Append("<text x=\"").Append(N(Left - 6)).Append("\" y=\"").Append(N(y + 5)).Append("\" text-anchor=\"end\" font-size=\"14\" fill=\"#555\">")
              .Append(X(Html.Points(v))).Append("</text>");
        }

        // Date labels: first, last and evenly spaced between, never more than fit.
        var years = runs.Select(r => r.AsOf.Year).Distinct().Count();
        foreach (var i in AxisLabelIndexes(runs.Count))
        {
            var anchor = Anchor(i, runs.Count);
            var label = runs[i].AsOf.ToString(years > 1 || runs.Count == 1 ? "yyyy-MM-dd" : "MM-dd", CultureInfo.InvariantCulture);
            sb.Append("<text x=\"").Append(N(Xof(i))).Append("\" y=\"").Append(N(Height - Bottom + 22)).Append("\" text-anchor=\"").Append(anchor)
              .Append("\" font-size=\"14\" fill=\"#555\">").Append(X(label)).Append("</text>");
        }

        // The line, broken where a run was not scored.
        var segment = new List<string>();
        void Flush()
        {
            if (segment.Count > 1)
                sb.Append("<polyline fill=\"none\" stroke=\"#c00\" stroke-width=\"3\" stroke-linejoin=\"round\" points=\"").AppendJoin(' ', segment).Append("\"/>");
            segment.Clear();
        }
        for (var i = 0; i < runs.Count; i++)
        {
            if (runs[i].Total is { } t) segment.Add($"{N(Xof(i))},{N(Yof(t))}");
            else Flush();
        }
        Flush();

        var labelAll = runs.Count <= MaxPointLabels;
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            var date = r.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (r.Total is { } t)
            {
                var tip = $"{date} 总分 {Html.Points(t)}" + (r.Possible is { } p ? $" / {Html.Points(p)}" : "") + (r.Grade is { Length: > 0 } g ? $" {g}" : "");
                sb.Append("<circle class=\"pt\" cx=\"").Append(N(Xof(i))).Append("\" cy=\"").Append(N(Yof(t))).Append("\" r=\"5\" fill=\"#c00\"><title>")
                  .Append(X(tip)).Append("</title></circle>");
                if (labelAll || i == runs.Count - 1)
                    sb.Append("<text class=\"v\" x=\"").Append(N(Xof(i))).Append("\" y=\"").Append(N(Yof(t) - 10)).Append("\" text-anchor=\"").Append(Anchor(i, runs.Count))
                      .Append("\" font-size=\"15\" fill=\"#222\">")
                      .Append(X(Html.Points(t))).Append("</text>");
            }
            else
            {
                var y = Yof(0);
                sb.Append("<text class=\"na\" x=\"").Append(N(Xof(i))).Append("\" y=\"").Append(N(y - 8)).Append("\" text-anchor=\"middle\" font-size=\"13\" fill=\"#a40000\">未评分<title>")
                  .Append(X($"{date} 未评分")).Append("</title></text>");
            }
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static IEnumerable<int> AxisLabelIndexes(int count)
    {
        if (count <= MaxAxisLabels) return Enumerable.Range(0, count);
        return Enumerable.Range(0, MaxAxisLabels).Select(k => (int)Math.Round(k * (count - 1) / (double)(MaxAxisLabels - 1))).Distinct();
    }

    /// <summary>Labels at the ends lean inwards, so they neither cross the y axis nor run off the canvas.</summary>
    private static string Anchor(int i, int count) => count == 1 ? "middle" : i == 0 ? "start" : i == count - 1 ? "end" : "middle";

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>XML-escaped and stripped of characters XML cannot carry, so the SVG always parses.</summary>
    private static string X(string text) => WebUtility.HtmlEncode(XlsxWriter.XmlSafe(text));
}
