using System.Text.Json;

namespace Openness.Rules.Calendar;

/// <summary>
/// Mainland China's working days: weekends and public holidays are off, adjusted working days (调休) are on.
/// Loaded from rules/cn-calendar.json (State Council announcements), so a new year is a data update.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workdays;
    public int FirstYear { get; }
    public int LastYear { get; }

    public WorkingDayCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> adjustedWorkdays)
    {
        _holidays = holidays.ToHashSet();
        _workdays = adjustedWorkdays.ToHashSet();
        var all = _holidays.Concat(_workdays).ToList();
        FirstYear = all.Count == 0 ? 0 : all.Min().Year;
        LastYear = all.Count == 0 ? 0 : all.Max().Year;
    }

    public static WorkingDayCalendar Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        static IEnumerable<DateOnly> Dates(JsonElement obj) =>
            obj.EnumerateObject().Select(p => DateOnly.ParseExact(p.Name, "yyyy-MM-dd"));
        return new WorkingDayCalendar(Dates(doc.RootElement.GetProperty("holidays")), Dates(doc.RootElement.GetProperty("workdays")));
    }

    public bool IsWorkingDay(DateOnly day) =>
        _workdays.Contains(day) || (!_holidays.Contains(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when to ≤ from).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        int n = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d)) n++;
        return n;
    }

    /// <summary>The date that is <paramref name="workingDays"/> working days after <paramref name="from"/>.</summary>
    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        var d = from;
        for (int left = workingDays; left > 0;)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d)) left--;
        }
        return d;
    }

    /// <summary>True when the calendar holds announcements for the year, so its working days are known, not guessed.</summary>
    public bool Covers(int year) => year >= FirstYear && year <= LastYear;
}
