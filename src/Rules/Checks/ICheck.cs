using Openness.Core.Units;
using Openness.Rules.Calendar;
using Openness.Rules.Catalogue;
using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary>A kind of check: small code, parameters from the rules file (axe-core's "checks as small code").</summary>
public interface ICheck
{
    /// <summary>The id used in rules files, e.g. <c>column-exists</c>.</summary>
    string Id { get; }
    /// <summary>The parameters a rules file may give; the validator rejects others and missing required ones.</summary>
    IReadOnlyList<CheckParameterSpec> Parameters { get; }
    CheckResult Run(CheckContext context, CheckParameters parameters);
}

public enum ParameterKind { Text, TextList, Number, Duration, ColumnId, ColumnIdList, Boolean }

public sealed record CheckParameterSpec(string Name, ParameterKind Kind, bool Required, string Description);

/// <summary>What every check sees: the unit's site model, the column catalogue, the working-day calendar and "today".</summary>
public sealed class CheckContext
{
    public required SiteModel.SiteModel Site { get; init; }
    public required ColumnCatalogue Catalogue { get; init; }
    public required WorkingDayCalendar Calendar { get; init; }
    public required DateOnly AsOf { get; init; }
    /// <summary>Update-interval profile from the catalogue (e.g. "default", "seed-002"), chosen by the indicator system.</summary>
    public string UpdateProfile { get; init; } = "default";
    public UnitDefinition Unit => Site.Unit;
}
