namespace Openness.Core.Scheduling;

/// <summary>
/// One schedule as an office sees it: an evaluation's nightly scan, or one unit's own schedule where an office wants
/// it. <see cref="Key"/> names it for <see cref="IScheduleControl"/>'s actions.
/// </summary>
public sealed record ScheduleEntry(
    string Key,
    string Evaluation,
    string? UnitId,
    string Cron,
    string TimeZone,
    bool Paused,
    DateTimeOffset? NextFireAt,
    DateTimeOffset? LastFireAt,
    string? LastOutcome);

/// <summary>
/// What the command line and the web app may do with the schedules, whatever engine keeps them (Quartz in
/// Openness.Scheduling). Lives in Core so the web host depends on the contract, not on the engine.
/// </summary>
public interface IScheduleControl
{
    Task<IReadOnlyList<ScheduleEntry>> ListAsync(CancellationToken ct = default);

    /// <summary>Fires the schedule once now, whatever its cron says; a paused schedule stays paused afterwards.</summary>
    Task RunNowAsync(string key, CancellationToken ct = default);

    Task PauseAsync(string key, CancellationToken ct = default);

    Task ResumeAsync(string key, CancellationToken ct = default);
}
