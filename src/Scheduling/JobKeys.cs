using Quartz;

namespace Openness.Scheduling;

/// <summary>
/// How schedules are named in Quartz. An evaluation's schedule key (e.g. <c>county-2026</c>) names its night job and
/// cron trigger; each unit has a job <c>key/unit-id</c>; a unit's own schedule is a cron trigger on that job.
/// </summary>
public static class JobKeys
{
    public const string EvaluationGroup = "evaluations";
    public const string UnitGroup = "units";
    public const string UnitScheduleGroup = "unit-schedules";
    public const string RunGroup = "runs";

    // Job data (strings: the store keeps job data as text).
    public const string UnitsFile = "unitsFile";
    public const string Evaluation = "evaluation";
    public const string ScheduleKey = "scheduleKey";
    public const string UnitId = "unitId";
    public const string RunId = "runId";
    public const string LastRunId = "lastRunId";
    public const string LastOutcome = "lastOutcome";
    public const string LastFiredAt = "lastFiredAt";
    // Set by a night while it queues its units, removed when it is done: what a recovering firing finishes.
    public const string OpenRunId = "openRunId";
    public const string OpenRunFiring = "openRunFiring";

    public static JobKey Night(string key) => new(key, EvaluationGroup);
    public static TriggerKey NightTrigger(string key) => new(key, EvaluationGroup);
    public static JobKey Unit(string key, string unitId) => new($"{key}/{unitId}", UnitGroup);
    public static TriggerKey UnitSchedule(string key, string unitId) => new($"{key}/{unitId}", UnitScheduleGroup);
    public static TriggerKey UnitOfRun(long runId, string key, string unitId) => new($"run-{runId}/{key}/{unitId}", RunGroup);

    /// <summary>Splits <c>key</c> or <c>key/unit-id</c>.</summary>
    public static (string Key, string? UnitId) Parse(string text)
    {
        var slash = text.IndexOf('/');
        return slash < 0 ? (text, null) : (text[..slash], text[(slash + 1)..]);
    }
}
