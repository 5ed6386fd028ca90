using Openness.Storage;

namespace Openness.Reporting.Tables;

/// <summary>
/// 排名: one row per unit in rank order, one column per level-1 indicator; then the run's unscored units (rejected by
/// the units file, or scan failed), blank where a score would be, with why in a last 未评分原因 column that is there
/// only when some unit is unscored, so a run without one keeps the plain layout.
/// </summary>
public static class RankingTable
{
    public const string SheetName = "排名";

    /// <summary>Level-1 indicators in the order the units list them; every unit of a run shares the system.</summary>
    public static IReadOnlyList<(string Id, string Name)> LevelOneColumns(Ranking ranking) =>
        ranking.Rows.SelectMany(r => r.LevelOne).Select(l => (l.Id, l.Name)).Distinct().ToList();

    public static ExportTable Build(Ranking ranking)
    {
        var levels = LevelOneColumns(ranking);
        var columns = new List<ExportColumn>
        {
            new("名次", 6), new("单位编号", 16), new("单位名称", 28), new("分组", 10), new("总分", 8), new("满分", 8),
            new("等次", 8), new("否决", 6),
        };
        columns.AddRange(levels.Select(l => new ExportColumn(l.Name, Math.Round(Math.Clamp(l.Name.Length * 2.2 + 2, 10, 24), 1))));
        columns.Add(new ExportColumn("待人工评分", 11));
        var unscored = ranking.Unscored;
        if (unscored.Count > 0) columns.Add(new ExportColumn("未评分原因", 40));

        var rows = new List<IReadOnlyList<ExportCell>>(ranking.Rows.Count);
        foreach (var row in ranking.Rows)
        {
            var cells = new List<ExportCell>
            {
                ExportCell.Of(row.Rank), ExportCell.Of(row.Unit.Id), ExportCell.Of(row.Unit.Name), ExportCell.Of(row.Unit.Group),
                ExportCell.Of(row.Total), ExportCell.Of(row.Possible), ExportCell.Of(row.Grade), ExportCell.Of(row.Vetoed ? "是" : "否"),
            };
            cells.AddRange(levels.Select(l => row.LevelOne.FirstOrDefault(x => x.Id == l.Id) is { } s ? ExportCell.Of(s.Earned) : ExportCell.Empty));
            cells.Add(ExportCell.Of(row.ManualPointsPending));
            if (unscored.Count > 0) cells.Add(ExportCell.Empty);
            rows.Add(cells);
        }
        foreach (var u in unscored)
        {
            var cells = new List<ExportCell> { ExportCell.Empty, ExportCell.Of(u.Unit.Id), ExportCell.Of(u.Unit.Name), ExportCell.Of(u.Unit.Group) };
            cells.AddRange(Enumerable.Repeat(ExportCell.Empty, columns.Count - cells.Count - 1));
            cells.Add(ExportCell.Of(Labels.UnscoredReason(u)));
            rows.Add(cells);
        }
        return new ExportTable(SheetName, columns, rows);
    }
}
