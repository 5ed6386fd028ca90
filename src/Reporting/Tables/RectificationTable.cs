using System.Globalization;
using System.Text;
using Openness.Reporting.Rectification;

namespace Openness.Reporting.Tables;

/// <summary>整改清单 as a sheet: seed 004's seven columns, the unit and date above them, lists numbered 1. 2. 3. as the form does.</summary>
public static class RectificationTable
{
    public const string SheetName = RectificationList.Title;

    private static readonly double[] Widths = [6, 44, 10, 60, 44, 20, 18];

    public static ExportTable Build(RectificationList list)
    {
        var columns = RectificationList.Headings.Select((h, i) => new ExportColumn(h, Widths[i])).ToList();
        var rows = list.Items.Select(item => (IReadOnlyList<ExportCell>)
        [
            ExportCell.Of(item.Number), ExportCell.Of(Task(item)), ExportCell.Of(item.Completion), ExportCell.Of(Problems(item)),
            ExportCell.Of(Numbered(item.Measures)), ExportCell.Of(item.ResponsibleBody), ExportCell.Of(string.Join("、", item.MaterialProviders)),
        ]).ToList();
        return new ExportTable(SheetName, columns, rows)
        {
            Preamble = [$"{list.UnitName} {RectificationList.Title}（{list.Evaluation}）", list.SupervisedUnitLine, list.SupervisionDateLine],
        };
    }

    public static string Task(RectificationItem item)
    {
        var sb = new StringBuilder().Append(item.IndicatorId).Append(' ').Append(item.IndicatorName);
        if (item.PointsLost > 0) sb.Append("（扣").Append(item.PointsLost.ToString("0.##", CultureInfo.InvariantCulture)).Append("分）");
        if (item.Criteria.Length > 0) sb.Append("\n评估要点：").Append(item.Criteria);
        if (item.SupervisionTasks.Count > 0) sb.Append("\n督察任务：第").Append(string.Join("、", item.SupervisionTasks)).Append("项");
        return sb.ToString();
    }

    public static string Problems(RectificationItem item)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < item.Problems.Count; i++)
        {
            var p = item.Problems[i];
            if (i > 0) sb.Append('\n');
            sb.Append(i + 1).Append(". ").Append(p.Message);
            foreach (var e in p.Evidence)
            {
                sb.Append("\n   佐证：").Append(e.Url);
                if (!string.IsNullOrWhiteSpace(e.Text)) sb.Append(" “").Append(e.Text).Append('”');
                if (e.SeenAt is { } seen) sb.Append("（").Append(Beijing(seen)).Append("）");
            }
        }
        return sb.ToString();
    }

    public static string Numbered(IReadOnlyList<string> lines) => string.Join("\n", lines.Select((l, i) => $"{i + 1}. {l}"));

    internal static string Beijing(DateTimeOffset t) =>
        t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
