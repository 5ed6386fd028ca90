using System.Globalization;
using System.Text;
using Openness.Reporting.Rectification;
using Openness.Rules.Findings;
using Openness.Rules.Indicators;
using Openness.Rules.Scoring;
using Openness.Storage;
using static Openness.Reporting.Html;

namespace Openness.Reporting;

/// <summary>
/// One self-contained HTML page per unit (单位评估报告): score, grade, the trend across runs, per-indicator results with
/// evidence, the rectification list in seed 004's columns, the columns found and manual items pending. No script,
/// inline CSS, a strict CSP; all text escaped. Laid out for a laptop, a phone (tables become cards) and print (the PDF).
/// </summary>
/// <param name="supervision">a supervision table (seed 004) whose tasks the rectification list should name; optional</param>
public sealed class UnitReportWriter(SupervisionTable? supervision = null)
{
    public const string ContentType = "text/html; charset=utf-8";

    /// <summary>The policy the page carries in its meta tag; a server sending the page can send it as the header too.</summary>
    public const string ContentSecurityPolicy = Html.ContentSecurityPolicy;

    private readonly TrendChart _trend = new();

    public async Task<string> WriteAsync(UnitResult result, string directory, CancellationToken ct = default) =>
        await WriteAsync(result, null, directory, ct);

    public async Task<string> WriteAsync(UnitResult result, IReadOnlyList<UnitHistoryEntry>? history, string directory, CancellationToken ct = default)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ReportFiles.UnitReportName(result.Unit.Id));
        await File.WriteAllTextAsync(path, Render(result, history), ReportFiles.Utf8NoBom, ct);
        return path;
    }

    /// <param name="history">the unit's runs (<see cref="ScanStore.GetUnitHistoryAsync"/>) for the trend chart; null or empty draws none</param>
    public string Render(UnitResult result, IReadOnlyList<UnitHistoryEntry>? history = null)
    {
        var sb = new StringBuilder(32 * 1024);
        var card = result.ScoreCard;
        Head(sb, $"{result.Unit.Name} — 政务公开评估报告");
        sb.Append("<h1>").Append(Text(result.Unit.Name)).Append(" 政务公开评估报告</h1>\n");
        sb.Append("<p class=\"c\">评估：").Append(Text(result.Run.Evaluation))
          .Append("　评估日期：").Append(Date(result.Run.AsOf))
          .Append("　门户网站：").Append(Link(result.Unit.Portal))
          .Append(result.Unit.Group.Length > 0 ? "　分组：" + Text(result.Unit.Group) : "")
          .Append("<br>指标体系：").Append(Text(result.Run.SystemName)).Append("（").Append(Text(result.Run.SystemId))
          .Append("，SHA-256 ").Append(Text(result.Run.SystemHash)).Append("）</p>\n");

        WriteSummary(sb, result);
        if (history is { Count: > 0 })
            sb.Append("<h2>得分趋势</h2>\n<div class=\"chart\">").Append(_trend.Render(history, result.Unit.Name)).Append("</div>\n");
        if (card is null)
        {
            sb.Append("<p>本次未能评分：").Append(Text(result.Crawl.Message ?? "站点未完成抓取")).Append("</p>\n");
        }
        else
        {
            var findings = result.Findings.ToLookup(f => f.IndicatorId);
            WriteLevelOne(sb, card);
            WriteRectification(sb, RectificationListBuilder.Build(result, supervision), card, findings);
            WriteIndicators(sb, card, findings);
            WriteAdjustments(sb, card);
            WriteManual(sb, card);
        }
        WriteColumns(sb, result.Columns);
        sb.Append("<p class=\"c\">本报告由政务公开评估系统自动生成于 ")
          .Append(Text(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))
          .Append("（北京时间）。“人工评分”项需评估人员根据提交材料评定，“待复核”项需评估人员确认。</p>\n");
        Foot(sb);
        return sb.ToString();
    }

    private static void WriteSummary(StringBuilder sb, UnitResult r)
    {
        var card = r.ScoreCard;
        sb.Append("<div class=\"summary\">");
        sb.Append("<div>总分<br><span class=\"big\">").Append(card is null ? "—" : Points(card.Total)).Append("</span>")
          .Append(card is null ? "" : " / " + Points(card.Possible)).Append("</div>");
        sb.Append("<div>等次<br><span class=\"big\">").Append(Text(card?.Grade ?? "未评分")).Append("</span></div>");
        if (card is not null && card.ManualPointsPending > 0)
            sb.Append("<div>待人工评分<br><span class=\"big\">").Append(Points(card.ManualPointsPending)).Append("</span> 分</div>");
        sb.Append("<div>抓取页面<br>成功 ").Append(r.Crawl.PagesFetched).Append("，失败 ").Append(r.Crawl.PagesFailed).Append("</div>");
        sb.Append("</div>\n");
        if (card?.Vetoed == true) sb.Append("<p class=\"veto\">存在否决项，评估结果按否决规则处理。</p>\n");
        // Without a score the message is shown as why (本次未能评分), e.g. a unit the units file rejected: not twice.
        if (r.Crawl.State == UnitScanState.Failed && card is not null)
            sb.Append("<p class=\"veto\">站点抓取失败：").Append(Text(r.Crawl.Message ?? "")).Append("</p>\n");
    }

    private static void WriteLevelOne(StringBuilder sb, ScoreCard card)
    {
        sb.Append("<h2>一级指标得分</h2>\n<div class=\"scroll\"><table>\n<tr><th>指标</th><th>状态</th><th>得分</th><th>满分</th></tr>\n");
        foreach (var i in card.LevelOne)
            sb.Append("<tr><td>").Append(Text(i.Name)).Append("</td><td>").Append(Labels.Badge(i.Status))
              .Append("</td><td class=\"n\">").Append(Points(i.PointsEarned)).Append("</td><td class=\"n\">").Append(Points(i.PointsPossible)).Append("</td></tr>\n");
        sb.Append("</table></div>\n");
    }

    /// <summary>整改清单 in seed 004's columns, then the leaves awaiting an assessor's confirmation.</summary>
    private static void WriteRectification(StringBuilder sb, RectificationList list, ScoreCard card, ILookup<string, StoredFinding> findings)
    {
        sb.Append("<h2>整改清单</h2>\n");
        RectificationHtml.Append(sb, list);
        var toReview = card.Leaves.Where(l => l.Status == FindingStatus.NeedsReview).ToList();
        if (toReview.Count > 0)
        {
            sb.Append("<h2>待复核</h2>\n<ul>\n");
            foreach (var leaf in toReview)
            {
                sb.Append("<li>").Append(Text(leaf.Id)).Append(' ').Append(Text(leaf.Name)).Append("<ul>");
                foreach (var c in IndicatorFindings.Of(leaf, findings).Where(c => c.Status == FindingStatus.NeedsReview)) AppendCheck(sb, c);
                sb.Append("</ul></li>\n");
            }
            sb.Append("</ul>\n");
        }
    }

    private static readonly string[] IndicatorHeadings = ["编号", "指标", "评估方式", "状态", "得分/满分", "检查结果与佐证"];

    /// <summary>指标得分明细: every node with its points; a leaf with its criteria and each check's result and evidence.</summary>
    private static void WriteIndicators(StringBuilder sb, ScoreCard card, ILookup<string, StoredFinding> findings)
    {
        var h = IndicatorHeadings;
        sb.Append("<h2>指标得分明细</h2>\n<table class=\"cards detail\">\n<thead><tr>");
        foreach (var heading in h) sb.Append("<th>").Append(heading).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var i in card.Indicators)
        {
            sb.Append("<tr class=\"").Append(i.Level <= 1 ? "l1" : $"l{Math.Min(i.Level, 4)}").Append("\"><td data-label=\"").Append(h[0]).Append("\">").Append(Text(i.Id))
              .Append("</td><td data-label=\"").Append(h[1]).Append("\">").Append(Text(i.Name));
            if (i.IsLeaf && i.Criteria.Length > 0) sb.Append("<div class=\"c\">").Append(Text(i.Criteria)).Append("</div>");
            sb.Append("</td><td data-label=\"").Append(h[2]).Append("\">").Append(Text(string.Join("、", i.Methods.Select(Labels.Method))))
              .Append("</td><td data-label=\"").Append(h[3]).Append("\">").Append(Labels.Badge(i.Status))
              .Append("</td><td class=\"n\" data-label=\"").Append(h[4]).Append("\">").Append(Points(i.PointsEarned)).Append(" / ").Append(Points(i.PointsPossible))
              .Append("</td><td data-label=\"").Append(h[5]).Append("\">");
            var checks = IndicatorFindings.Of(i, findings);
            // A leaf's message usually repeats its single check's; show it only when it adds something.
            if (i.Message.Length > 0 && checks.All(c => c.Message != i.Message)) sb.Append("<div>").Append(Text(i.Message)).Append("</div>");
            if (checks.Count > 0)
            {
                sb.Append("<ul>");
                foreach (var c in checks) AppendCheck(sb, c);
                sb.Append("</ul>");
            }
            sb.Append("</td></tr>\n");
        }
        sb.Append("</tbody></table>\n");
    }

    private static void WriteAdjustments(StringBuilder sb, ScoreCard card)
    {
        if (card.Adjustments.Count == 0) return;
        sb.Append("<h2>扣分、加分与否决项</h2>\n<div class=\"scroll\"><table>\n<tr><th>类别</th><th>项目</th><th>状态</th><th>分值</th><th>说明</th></tr>\n");
        foreach (var a in card.Adjustments)
            sb.Append("<tr><td>").Append(Text(Labels.Adjustment(a.Kind))).Append("</td><td>").Append(Text(a.Name))
              .Append("</td><td>").Append(Labels.Badge(a.Status)).Append("</td><td class=\"n\">").Append(Points(a.Points))
              .Append("</td><td>").Append(Text(a.Message)).Append("</td></tr>\n");
        sb.Append("</table></div>\n");
    }

    private static void WriteManual(StringBuilder sb, ScoreCard card)
    {
        var manual = card.Leaves.Where(l => l.Status == FindingStatus.Manual).ToList();
        sb.Append("<h2>待人工评分项</h2>\n");
        if (manual.Count == 0) { sb.Append("<p>无。</p>\n"); return; }
        sb.Append("<div class=\"scroll\"><table>\n<tr><th>编号</th><th>指标</th><th>评估方式</th><th>满分</th><th>评估要点</th></tr>\n");
        foreach (var l in manual)
            sb.Append("<tr><td>").Append(Text(l.Id)).Append("</td><td>").Append(Text(l.Name)).Append("</td><td>")
              .Append(Text(string.Join("、", l.Methods.Select(Labels.Method)))).Append("</td><td class=\"n\">").Append(Points(l.PointsPossible))
              .Append("</td><td>").Append(Text(l.Criteria.Length > 0 ? l.Criteria : l.Message)).Append("</td></tr>\n");
        sb.Append("</table></div>\n");
    }

    private static void WriteColumns(StringBuilder sb, IReadOnlyList<StoredColumn> columns)
    {
        sb.Append("<h2>栏目情况</h2>\n");
        if (columns.Count == 0) { sb.Append("<p>未识别到栏目。</p>\n"); return; }
        sb.Append("<div class=\"scroll\"><table class=\"wide\">\n<tr><th>规范栏目</th><th>网站栏目名称</th><th>地址</th><th>条目数</th><th>最新日期</th></tr>\n");
        foreach (var c in columns)
        {
            var canonical = c.CatalogueName ?? c.CatalogueId;
            sb.Append("<tr><td>").Append(canonical is null ? "<span class=\"c\">未对应</span>" : Text(canonical))
              .Append("</td><td>").Append(Text(c.NameAsShown)).Append("</td><td>").Append(Link(c.Url))
              .Append("</td><td class=\"n\">").Append(c.ItemsNeedScript && c.ItemCount == 0 ? "需脚本加载" : c.ItemCount.ToString(CultureInfo.InvariantCulture))
              .Append("</td><td>").Append(Date(c.NewestDate)).Append("</td></tr>\n");
        }
        sb.Append("</table></div>\n");
    }

    private static void AppendCheck(StringBuilder sb, StoredFinding f)
    {
        sb.Append("<li>").Append(Labels.Badge(f.Status)).Append(' ').Append(Text(f.Message));
        if (f.Fingerprint.Length > 0) sb.Append(" <span class=\"c\">[").Append(Labels.Change(f.Change)).Append("]</span>");
        Evidence(sb, f.Evidence);
        sb.Append("</li>");
    }
}
