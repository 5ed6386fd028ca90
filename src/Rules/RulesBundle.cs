using Openness.Rules.Calendar;
using Openness.Rules.Catalogue;
using Openness.Rules.Checks;
using Openness.Rules.Indicators;

namespace Openness.Rules;

/// <summary>
/// Everything a scan needs from rules/: the indicator system, the column catalogue and the working-day calendar.
/// The catalogue and calendar are read from the indicator system's own folder, so a rules folder is self-contained.
/// </summary>
public sealed record RulesBundle(IndicatorSystem System, ColumnCatalogue Catalogue, WorkingDayCalendar Calendar, CheckRegistry Checks)
{
    public const string CatalogueFile = "columns.yaml";
    public const string CalendarFile = "cn-calendar.json";

    public static RulesBundle Load(string indicatorSystemPath, CheckRegistry? checks = null)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(indicatorSystemPath))!;
        var catalogue = ColumnCatalogue.Load(Path.Combine(folder, CatalogueFile));
        var calendar = WorkingDayCalendar.Load(Path.Combine(folder, CalendarFile));
        checks ??= CheckRegistry.Default;
        return new RulesBundle(IndicatorSystemLoader.Load(indicatorSystemPath, checks, catalogue), catalogue, calendar, checks);
    }
}
