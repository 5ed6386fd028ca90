using Openness.Core.Units;
using Openness.Rules;

namespace Openness.Scheduling;

/// <summary>
/// A schedule's units file and rules, read afresh at every firing: an office that edits its units file or indicator
/// system gets the edit in the next night without touching the schedule.
/// </summary>
public sealed record ScanPlan(UnitsFile Units, RulesBundle Rules, string SystemContent)
{
    public static async Task<ScanPlan> LoadAsync(string unitsFile, CancellationToken ct)
    {
        var units = UnitsFileReader.Read(unitsFile);
        var rules = RulesBundle.Load(units.IndicatorSystem);
        return new ScanPlan(units, rules, await File.ReadAllTextAsync(units.IndicatorSystem, ct));
    }

    /// <summary>The unit to scan, or null when the units file now rejects it (see <see cref="RejectedUnit"/>).</summary>
    public UnitDefinition? Unit(string unitId) =>
        Units.Units.FirstOrDefault(u => u.Id == unitId)
        ?? (Rejected(unitId) is not null ? null : throw new InvalidOperationException($"unit '{unitId}' is no longer in {Units.Path}"));

    public RejectedUnit? Rejected(string unitId) => Units.Rejected.FirstOrDefault(u => u.Id == unitId);

    /// <summary>
    /// What a night scans and records: the units without a schedule of their own, queued; and the rejected units
    /// without one, saved as failed in the night's run (a rejected unit with its own schedule fails in its own run).
    /// </summary>
    public (IReadOnlyList<UnitDefinition> Queued, IReadOnlyList<RejectedUnit> Rejected) Night(IReadOnlySet<string> ownSchedules) =>
        (Units.Units.Where(u => !ownSchedules.Contains(u.Id)).ToList(),
         Units.Rejected.Where(u => !ownSchedules.Contains(u.Id)).ToList());

    /// <summary>"Today" of a firing: its scheduled day in the schedule's time zone (a night that fires late is still that night).</summary>
    public static DateOnly AsOf(DateTimeOffset scheduledFireUtc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(scheduledFireUtc, zone).DateTime);
}
