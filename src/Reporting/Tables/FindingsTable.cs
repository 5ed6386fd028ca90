using Openness.Rules.Scoring;
using Openness.Storage;

namespace Openness.Reporting.Tables;

/// <summary>
/// 问题清单: every check result of the given units, one row each, with its indicator's points and how it moved since
/// the unit's previous completed scan. Pass the run's units for the office, or one unit for that unit's own file.
/// </summary>
public static class FindingsTable
{
    public const string SheetName = "检查结果";

    public static readonly IReadOnlyList<ExportColumn> Columns =
    [
        new("单位编号", 16), new("单位名称", 24), new("指标编号", 10), new("指标名称", 24), new("检查项", 22), new("检查对象", 18),
        new("状态", 8), new("得分", 7), new("满分", 7), new("检查结果", 48), new("佐证网址", 48), new("变化", 11),
    ];

    public static ExportTable Build(IEnumerable<UnitResult> units)
    {
        var rows = new List<IReadOnlyList<ExportCell>>();
        foreach (var unit in units)
        {
            var byIndicator = unit.Findings.ToLookup(f => f.IndicatorId);
            var leaves = unit.ScoreCard?.Leaves.ToList() ?? [];
            foreach (var leaf in leaves)
                foreach (var f in IndicatorFindings.Of(leaf, byIndicator))
                    rows.Add(Row(unit, leaf, f));
            // Findings whose indicator the card no longer names (should not happen; never drop what was stored).
            var known = leaves.Select(l => l.Id).ToHashSet();
            foreach (var f in unit.Findings.Where(f => !known.Contains(f.IndicatorId)))
                rows.Add(Row(unit, null, f));
        }
        return new ExportTable(SheetName, Columns, rows);
    }

    private static List<ExportCell> Row(UnitResult unit, IndicatorResult? leaf, StoredFinding f) =>
    [
        ExportCell.Of(unit.Unit.Id), ExportCell.Of(unit.Unit.Name), ExportCell.Of(f.IndicatorId), ExportCell.Of(leaf?.Name ?? ""),
        ExportCell.Of(f.CheckId), ExportCell.Of(f.Subject), ExportCell.Of(Labels.Status(f.Status)),
        ExportCell.Of(leaf?.PointsEarned), ExportCell.Of(leaf?.PointsPossible), ExportCell.Of(f.Message),
        ExportCell.Of(string.Join("\n", f.Evidence.Select(e => e.Url).Distinct())),
        ExportCell.Of(f.Fingerprint.Length > 0 ? Labels.Change(f.Change) : ""),
    ];
}
