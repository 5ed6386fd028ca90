using System.Globalization;

namespace Openness.Rules.Checks;

/// <summary>A check's parameters as written in the rules file (already validated against the check's specs).</summary>
public sealed class CheckParameters(IReadOnlyDictionary<string, object?> values)
{
    public static readonly CheckParameters Empty = new(new Dictionary<string, object?>());
    public IReadOnlyDictionary<string, object?> Values => values;

    public bool Has(string name) => values.ContainsKey(name) && values[name] is not null;

    public string? Text(string name) => values.TryGetValue(name, out var v) ? v?.ToString() : null;

    public IReadOnlyList<string> TextList(string name) => values.TryGetValue(name, out var v) ? v switch
    {
        null => [],
        string s => [s],
        IEnumerable<object?> list => list.Select(o => o?.ToString() ?? "").Where(s => s.Length > 0).ToList(),
        _ => [v.ToString()!],
    } : [];

    public double? Number(string name) =>
        Text(name) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    public bool? Boolean(string name) => Text(name) is { } s && bool.TryParse(s, out var b) ? b : null;

    /// <summary>Durations are written <c>14d</c>, <c>2w</c>, <c>6m</c>, <c>1y</c> or <c>20wd</c> (working days).</summary>
    public Duration? Duration(string name) => Text(name) is { } s ? Checks.Duration.Parse(s) : null;
}

public enum DurationUnit { Days, WorkingDays, Weeks, Months, Years }

public readonly record struct Duration(int Amount, DurationUnit Unit)
{
    public static Duration? Parse(string text)
    {
        var m = System.Text.RegularExpressions.Regex.Match(text.Trim(), @"^(\d+)\s*(wd|d|w|m|y)$");
        if (!m.Success) return null;
        var unit = m.Groups[2].Value switch
        {
            "wd" => DurationUnit.WorkingDays, "d" => DurationUnit.Days, "w" => DurationUnit.Weeks,
            "m" => DurationUnit.Months, _ => DurationUnit.Years,
        };
        return new Duration(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), unit);
    }

    /// <summary>The earliest date that is still within this duration before <paramref name="asOf"/> (calendar units only).</summary>
    public DateOnly Before(DateOnly asOf) => Unit switch
    {
        DurationUnit.Days => asOf.AddDays(-Amount),
        DurationUnit.Weeks => asOf.AddDays(-7 * Amount),
        DurationUnit.Months => asOf.AddMonths(-Amount),
        DurationUnit.Years => asOf.AddYears(-Amount),
        _ => throw new InvalidOperationException("working-day durations need the calendar: use WorkingDayCalendar"),
    };

    public override string ToString() => Unit switch
    {
        DurationUnit.Days => $"{Amount}天", DurationUnit.WorkingDays => $"{Amount}个工作日", DurationUnit.Weeks => $"{Amount}周",
        DurationUnit.Months => $"{Amount}个月", _ => $"{Amount}年",
    };
}
