using Openness.Rules.Indicators;
using Openness.Storage;
using Openness.Storage.Reviews;

namespace Openness.Web;

/// <summary>
/// The supervision table (seed 004) a stored unit result was scored under: found through the indicator system of its
/// score (by content hash, in the rules folder), so the unit's rectification list on every page and export carries the
/// table's tasks and 材料提供部门, as the scan's own reports do.
/// </summary>
public sealed class UnitSupervision(IIndicatorSystemSource systems)
{
    private readonly SupervisionTableFinder _finder = new();

    public SupervisionTable? For(UnitResult result) =>
        result.ScoreCard is { } card && systems.Find(card.SystemHash) is { } system
            ? _finder.ForReports(system, Console.Error.WriteLine)
            : null;
}
