using System.Text;
using Openness.Reporting.Tables;
using Openness.Storage;
using static Openness.Reporting.Html;

namespace Openness.Reporting;

/// <summary>ranking.html and ranking.csv (UTF-8 with BOM, so Excel opens the Chinese correctly) for one run.</summary>
public sealed class RankingWriter
{
    public const string HtmlFileName = "ranking.html";
    public const string CsvFileName = "ranking.csv";

    /// <summary>Writes both files; returns their paths (html, csv).</summary>
    public async Task<(string Html, string Csv)> WriteAsync(Ranking ranking, string directory, CancellationToken ct = default)
    {
        Directory.CreateDirectory(directory);
        var html = Path.Combine(directory, HtmlFileName);
        var csv = Path.Combine(directory, CsvFileName);
        await File.WriteAllTextAsync(html, RenderHtml(ranking), ReportFiles.Utf8NoBom, ct);
        await File.WriteAllBytesAsync(csv, new CsvExport().Ranking(ranking), ct);
        return (html, csv);
    }

    private static IReadOnlyList<(string Id, string Name)> LevelOneColumns(Ranking ranking) => RankingTable.LevelOneColumns(ranking);

    public string RenderHtml(Ranking ranking)
    {
        var levels = LevelOneColumns(ranking);
        var sb = new StringBuilder(16 * 1024);
        Head(sb, $"{ranking.Run.Evaluation} — 排名");
        sb.Append("<h1>").Append(Text(ranking.Run.Evaluation)).Append(" 评估排名</h1>\n")
          .Append("<p class=\"c\">评估日期：").Append(Date(ranking.Run.AsOf)).Append("　指标体系：").Append(Text(ranking.Run.SystemName))
          .Append("（SHA-256 ").Append(Text(ranking.Run.SystemHash)).Append("）　参评单位：").Append(ranking.Rows.Count).Append("</p>\n");
        sb.Append("<div class=\"scroll\"><table class=\"wide\">\n<tr><th>名次</th><th>单位</th><th>总分</th><th>等次</th>");
        foreach (var (_, name) in levels) sb.Append("<th>").Append(Text(name)).Append("</th>");
        sb.Append("<th>待人工评分</th></tr>\n");
        foreach (var row in ranking.Rows)
        {
            sb.Append("<tr><td class=\"n\">").Append(row.Rank).Append("</td><td>")
              .Append("<a href=\"").Append(Text(Uri.EscapeDataString(ReportFiles.UnitReportName(row.Unit.Id)))).Append("\">")
              .Append(Text(row.Unit.Name)).Append("</a>");
            if (row.Vetoed) sb.Append(" <span class=\"s s-fail\">否决</span>");
            sb.Append("</td><td class=\"n\">").Append(Points(row.Total)).Append(" / ").Append(Points(row.Possible))
              .Append("</td><td>").Append(Text(row.Grade)).Append("</td>");
            foreach (var (id, _) in levels)
            {
                var l = row.LevelOne.FirstOrDefault(x => x.Id == id);
                sb.Append("<td class=\"n\">").Append(l is null ? "" : Points(l.Earned) + " / " + Points(l.Possible)).Append("</td>");
            }
            sb.Append("<td class=\"n\">").Append(Points(row.ManualPointsPending)).Append("</td></tr>\n");
        }
        sb.Append("</table></div>\n");
        WriteUnscored(sb, ranking.Unscored);
        Foot(sb);
        return sb.ToString();
    }

    /// <summary>Units of the run with no score, and why: a unit the units file rejected is listed, not dropped.</summary>
    private static void WriteUnscored(StringBuilder sb, IReadOnlyList<UnscoredUnit> unscored)
    {
        if (unscored.Count == 0) return;
        sb.Append("<h2>未评分单位（").Append(unscored.Count).Append("）</h2>\n<div class=\"scroll\"><table class=\"wide\">\n<tr><th>单位</th><th>门户网站</th><th>原因</th></tr>\n");
        foreach (var u in unscored)
            sb.Append("<tr><td><a href=\"").Append(Text(Uri.EscapeDataString(ReportFiles.UnitReportName(u.Unit.Id)))).Append("\">")
              .Append(Text(u.Unit.Name)).Append("</a></td><td>").Append(Link(u.Unit.Portal)).Append("</td><td>")
              .Append(Text(Labels.UnscoredReason(u))).Append("</td></tr>\n");
        sb.Append("</table></div>\n");
    }

    /// <summary>The CSV as text (without the BOM <see cref="CsvExport.Ranking"/> puts in front of the bytes).</summary>
    public string RenderCsv(Ranking ranking) => CsvExport.Text(RankingTable.Build(ranking));
}
