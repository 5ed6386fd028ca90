using System.Globalization;
using System.Text;
using Openness.Storage;
using static Openness.Web.Rendering.H;

namespace Openness.Web.Rendering;

/// <summary>A unit's total across runs as an inline SVG line chart (no script; presentation attributes, so the CSP needs no inline styles).</summary>
public static class TrendChart
{
    private const int Width = 640, Height = 260, Left = 44, Right = 16, Top = 16, Bottom = 44;

    /// <param name="history">the unit's scans, any order; scans without a score are left out</param>
    public static string Render(IReadOnlyList<UnitHistoryEntry> history, string label)
    {
        var points = history.Where(h => h.Total is not null && h.Possible is > 0).OrderBy(h => h.RunId).ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" role=\"img\" aria-label=\"{T(label)}\">");
        sb.Append("<title>").Append(T(label)).Append("</title>");
        var max = points.Count == 0 ? 100 : points.Max(p => p.Possible!.Value);
        double X(int i) => points.Count <= 1 ? Left + (Width - Left - Right) / 2.0 : Left + i * (Width - Left - Right) / (double)(points.Count - 1);
        double Y(double v) => Top + (Height - Top - Bottom) * (1 - v / max);
        for (var g = 0; g <= 4; g++)
        {
            var v = max * g / 4;
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(v):0.#}\" y2=\"{Y(v):0.#}\" stroke=\"#ddd\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Y(v) + 4:0.#}\" font-size=\"11\" text-anchor=\"end\" fill=\"#666\">{Points(v)}</text>");
        }
        if (points.Count == 0)
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" fill=\"#666\">暂无评分记录</text>");
        else
        {
            var line = string.Join(' ', points.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(p.Total!.Value):0.#}")));
            sb.Append("<polyline fill=\"none\" stroke=\"#a40000\" stroke-width=\"2\" points=\"").Append(line).Append("\"/>");
            for (var i = 0; i < points.Count; i++)
            {
                var p = points[i];
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(p.Total!.Value):0.#}\" r=\"4\" fill=\"#a40000\"><title>{T(Date(p.AsOf))}：{Points(p.Total.Value)} 分 {T(p.Grade)}</title></circle>");
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i):0.#}\" y=\"{Y(p.Total.Value) - 8:0.#}\" font-size=\"11\" text-anchor=\"middle\">{Points(p.Total.Value)}</text>");
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i):0.#}\" y=\"{Height - Bottom + 18}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">{T(Date(p.AsOf))}</text>");
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i):0.#}\" y=\"{Height - Bottom + 32}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#888\">第{p.RunId}次</text>");
            }
        }
        sb.Append("</svg>");
        return sb.ToString();
    }
}
