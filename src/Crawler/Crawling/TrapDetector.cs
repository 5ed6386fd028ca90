using System.Text.RegularExpressions;

namespace Openness.Crawler.Crawling;

/// <summary>
/// Spots URL spaces that never end: calendars stepping a date parameter, session ids the normaliser could not
/// strip, ever-deepening paths, and paths answering to endless query strings. One instance per unit crawl; what it
/// has counted is reported through <see cref="Recorded"/> so a checkpoint can <see cref="Restore"/> it after a kill.
/// </summary>
public sealed partial class TrapDetector
{
    public const int MaxPathSegments = 12;
    private readonly int _maxQueriesPerPath;
    private readonly int _maxCalendarStepsPerPath;
    private readonly Dictionary<string, HashSet<string>> _queriesByPath = new();
    private readonly Dictionary<string, HashSet<string>> _calendarValuesByPath = new();
    private readonly Lock _gate = new();

    /// <summary>Bucket kind for <see cref="Recorded"/>/<see cref="Restore"/>: query strings per path.</summary>
    public const string QueryBucket = "q";
    /// <summary>Bucket kind for <see cref="Recorded"/>/<see cref="Restore"/>: calendar steps per path and parameters.</summary>
    public const string CalendarBucket = "c";

    /// <summary>Called (under the detector's lock) for each value newly counted: kind, bucket key, value.</summary>
    public Action<string, string, string>? Recorded { get; set; }

    /// <summary>Counts a value again that an earlier run of the same crawl had counted.</summary>
    public void Restore(string kind, string key, string value)
    {
        lock (_gate)
            Bucket(kind == CalendarBucket ? _calendarValuesByPath : _queriesByPath, key).Add(value);
    }

    public TrapDetector(int maxQueriesPerPath = 50, int maxCalendarStepsPerPath = 12)
    {
        _maxQueriesPerPath = maxQueriesPerPath;
        _maxCalendarStepsPerPath = maxCalendarStepsPerPath;
    }

    [GeneratedRegex("^(date|day|d|month|mon|m|year|y|ym|ymd|yearmonth|week|rq|riqi|time|t|start|end|begin|from|to|cal|calendar)$", RegexOptions.IgnoreCase)]
    private static partial Regex CalendarParamRegex();
    [GeneratedRegex(@"^\d{4}([-/.]?\d{1,2}){0,2}$|^\d{1,2}$")]
    private static partial Regex DateValueRegex();
    [GeneratedRegex(@"sess|token|sid", RegexOptions.IgnoreCase)]
    private static partial Regex SessionNameRegex();
    [GeneratedRegex(@"^[0-9a-fA-F]{16,}$|^[A-Za-z0-9]{24,}$")]
    private static partial Regex SessionValueRegex();
    [GeneratedRegex(@"\(S\([a-z0-9]+\)\)", RegexOptions.IgnoreCase)]
    private static partial Regex CookielessSegmentRegex();

    /// <summary>Records the URL and says why it is a trap, or null when it may be crawled.</summary>
    public string? Check(Uri url)
    {
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length > MaxPathSegments) return $"deep-path: {segments.Length} segments";
        if (RepeatedSegments(segments) is { } repeated) return $"repeating-path: {repeated}";
        if (CookielessSegmentRegex().IsMatch(url.AbsolutePath)) return "session-id in path";

        var query = url.Query.TrimStart('?');
        if (query.Length == 0) return null;
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Select(p => (Name: Uri.UnescapeDataString(p[0]), Value: p.Length > 1 ? Uri.UnescapeDataString(p[1]) : ""))
            .ToList();
        if (pairs.Any(p => SessionNameRegex().IsMatch(p.Name) && SessionValueRegex().IsMatch(p.Value)))
            return "session-id in query";

        var path = url.GetLeftPart(UriPartial.Path);
        var calendar = pairs.Where(p => CalendarParamRegex().IsMatch(p.Name) && DateValueRegex().IsMatch(p.Value)).ToList();
        lock (_gate)
        {
            if (calendar.Count > 0)
            {
                var key = path + "?" + string.Join('&', calendar.Select(c => c.Name).Order());
                var values = Bucket(_calendarValuesByPath, key);
                var value = string.Join('&', calendar.Select(c => c.Value));
                if (!values.Contains(value) && values.Count >= _maxCalendarStepsPerPath)
                    return $"calendar: more than {_maxCalendarStepsPerPath} date steps under {path}";
                if (values.Add(value))
                    Recorded?.Invoke(CalendarBucket, key, value);
            }
            var queries = Bucket(_queriesByPath, path);
            if (!queries.Contains(query) && queries.Count >= _maxQueriesPerPath)
                return $"query-space: more than {_maxQueriesPerPath} query strings under {path}";
            if (queries.Add(query))
                Recorded?.Invoke(QueryBucket, path, query);
        }
        return null;
    }

    private static HashSet<string> Bucket(Dictionary<string, HashSet<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var set)) map[key] = set = new HashSet<string>(StringComparer.Ordinal);
        return set;
    }

    /// <summary>A run of ≥2 segments repeated back to back (/a/b/a/b/), or one segment three times (/a/a/a/).</summary>
    private static string? RepeatedSegments(string[] s)
    {
        for (var len = 1; len <= s.Length / 2; len++)
        {
            var needed = len == 1 ? 3 : 2;
            for (var start = 0; start + len * needed <= s.Length; start++)
            {
                var ok = true;
                for (var rep = 1; rep < needed && ok; rep++)
                    for (var i = 0; i < len && ok; i++)
                        ok = string.Equals(s[start + i], s[start + rep * len + i], StringComparison.OrdinalIgnoreCase);
                if (ok) return "/" + string.Join('/', s.Skip(start).Take(len)) + "/ repeated";
            }
        }
        return null;
    }
}
