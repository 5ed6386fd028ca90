using System.Globalization;
using System.Text;
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
        await File.WriteAllTextAsync(csv, RenderCsv(ranking), ReportFiles.Utf8WithBom, ct);
        return (html, csv);
    }

    /// <summary>Level-1 indicators in the order the first ranked unit lists them; every unit shares the system.</summary>
    private static IReadOnlyList<(string Id, string Name)> LevelOneColumns(Ranking ranking) =>
        ranking.Rows.SelectMany(r => r.LevelOne).Select(l => (l.Id, l.Name)).Distinct().ToList();

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
        Foot(sb);
        return sb.ToString();
    }

    public string RenderCsv(Ranking ranking)
    {
        var levels = LevelOneColumns(ranking);
        var sb = new StringBuilder();
        var header = new List<string> { "名次", "单位编号", "单位名称", "分组", "总分", "满分", "等次", "否决" };
        header.AddRange(levels.Select(l => l.Name));
        header.Add("待人工评分");
        AppendRow(sb, header);
        foreach (var row in ranking.Rows)
        {
            var cells = new List<string>
            {
                row.Rank.ToString(CultureInfo.InvariantCulture), row.Unit.Id, row.Unit.Name, row.Unit.Group,
                Points(row.Total), Points(row.Possible), row.Grade, row.Vetoed ? "是" : "否",
            };
            cells.AddRange(levels.Select(l => row.LevelOne.FirstOrDefault(x => x.Id == l.Id) is { } s ? Points(s.Earned) : ""));
            cells.Add(Points(row.ManualPointsPending));
            AppendRow(sb, cells);
        }
        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, IEnumerable<string> cells)
    {
        sb.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
    }

    /// <summary>RFC 4180 quoting; text starting with = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.</summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
