using System.Text;
using static Openness.Reporting.Html;

namespace Openness.Reporting.Rectification;

/// <summary>
/// 整改清单 as HTML: the form's 督察对象/督察时间 line and a table in seed 004's columns, each cell labelled with its
/// heading so it reads as cards on a phone (the report stylesheet's <c>table.cards</c>). All text escaped.
/// </summary>
public static class RectificationHtml
{
    /// <summary>The fragment alone, for a page that brings the report stylesheet (or its own).</summary>
    public static string Render(RectificationList list)
    {
        var sb = new StringBuilder(4096);
        Append(sb, list);
        return sb.ToString();
    }

    internal static void Append(StringBuilder sb, RectificationList list)
    {
        sb.Append("<p class=\"c\">").Append(Text(list.SupervisedUnitLine)).Append("　").Append(Text(list.SupervisionDateLine)).Append("</p>\n");
        if (list.Items.Count == 0) sb.Append("<p>未发现需整改的问题。</p>\n");
        else
        {
            var h = RectificationList.Headings;
            // Fixed shares, so long problem texts wrap instead of squeezing the measures column.
            sb.Append("<table class=\"cards rect\">\n<colgroup><col style=\"width:5%\"><col style=\"width:21%\"><col style=\"width:9%\">")
              .Append("<col style=\"width:28%\"><col style=\"width:21%\"><col style=\"width:9%\"><col style=\"width:7%\"></colgroup>\n<thead><tr>");
            foreach (var heading in h) sb.Append("<th>").Append(Text(heading)).Append("</th>");
            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var item in list.Items)
            {
                sb.Append("<tr><td class=\"n\" data-label=\"").Append(h[0]).Append("\">").Append(item.Number)
                  .Append("</td><td data-label=\"").Append(h[1]).Append("\"><b>").Append(Text(item.IndicatorId)).Append(' ').Append(Text(item.IndicatorName)).Append("</b>");
                if (item.PointsLost > 0) sb.Append("（扣 ").Append(Points(item.PointsLost)).Append(" 分）");
                if (item.Criteria.Length > 0) sb.Append("<div class=\"c\">评估要点：").Append(Text(item.Criteria)).Append("</div>");
                if (item.SupervisionTasks.Count > 0) sb.Append("<div class=\"c\">督察任务：第").Append(string.Join("、", item.SupervisionTasks)).Append("项</div>");
                sb.Append("</td><td data-label=\"").Append(h[2]).Append("\">").Append(Labels.Badge(item.Status, item.Completion))
                  .Append("</td><td data-label=\"").Append(h[3]).Append("\"><ol>");
                foreach (var p in item.Problems)
                {
                    sb.Append("<li>").Append(Text(p.Message));
                    Evidence(sb, p.Evidence);
                    sb.Append("</li>");
                }
                sb.Append("</ol></td><td data-label=\"").Append(h[4]).Append("\"><ol>");
                foreach (var m in item.Measures) sb.Append("<li>").Append(Text(m)).Append("</li>");
                sb.Append("</ol></td><td data-label=\"").Append(h[5]).Append("\">").Append(Text(item.ResponsibleBody))
                  .Append("</td><td data-label=\"").Append(h[6]).Append("\">").Append(Text(string.Join("、", item.MaterialProviders))).Append("</td></tr>\n");
            }
            sb.Append("</tbody></table>\n");
        }
    }
}
