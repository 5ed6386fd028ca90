using System.Text.RegularExpressions;

namespace Openness.Rules.Dates;

/// <summary>
/// Reads the dates government sites print: 2026-11-20, 2026/11/20, 2026.11.20, 2026年11月20日, 二〇二六年十一月二十日,
/// and year-less list dates (11-20, [11-20]) whose year comes from a reference date (the page's PubDate or the
/// snapshot's fetch date): a month/day later than the reference's belongs to the previous year.
/// </summary>
public static partial class DateParser
{
    // Full dates: the separators must agree with each other only loosely; sites mix 年/- rarely, so each form is its own branch.
    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})\s*(?:(?<s>[-/.])\s*(?<m>\d{1,2})\s*\k<s>\s*(?<d>\d{1,2})|年\s*(?<m2>\d{1,2})\s*月\s*(?<d2>\d{1,2})\s*日?)(?!\d)")]
    private static partial Regex FullDate();

    [GeneratedRegex(@"(?<y>[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*(?<m>[一二三四五六七八九十]{1,3})\s*月\s*(?<d>[一二三四五六七八九十]{1,4})\s*日")]
    private static partial Regex ChineseDate();

    // Year-less list dates: 11-20, [11-20], (09-25), 11/20, 11月20日. Not part of a longer number or time.
    [GeneratedRegex(@"(?<![\d:/.\-])(?<m>\d{1,2})(?:(?<s>[-/])(?<d>\d{1,2})|月(?<d2>\d{1,2})日)(?![\d:/\-])")]
    private static partial Regex MonthDay();

    /// <summary>The first date in <paramref name="text"/>, or false when it holds none (impossible dates are rejected).</summary>
    public static bool TryParse(string? text, DateOnly? reference, out DateOnly date)
    {
        // Metas and metadata cells mostly start with the date itself ("2026-11-20 10:20"): a date at index 0 is the
        // first one whatever follows, so the patterns need not run.
        if (LeadingIsoDate(text) is { } leading)
        {
            date = leading;
            return true;
        }
        foreach (var d in FindDates(text, reference))
        {
            date = d;
            return true;
        }
        date = default;
        return false;
    }

    /// <summary>
    /// yyyy-MM-dd at the very start of the text (year 19xx/20xx, not followed by a digit), as <c>FullDate</c> would read
    /// it there; null for anything else, which the patterns then read.
    /// </summary>
    private static DateOnly? LeadingIsoDate(string? text)
    {
        if (text is null || text.Length < 10 || text[4] != '-' || text[7] != '-') return null;
        if (!(text.StartsWith("19", StringComparison.Ordinal) || text.StartsWith("20", StringComparison.Ordinal))) return null;
        foreach (var i in (ReadOnlySpan<int>)[2, 3, 5, 6, 8, 9])
            if (!char.IsAsciiDigit(text[i])) return null;
        if (text.Length > 10 && char.IsDigit(text[10])) return null;
        return Make(int.Parse(text.AsSpan(0, 4)), int.Parse(text.AsSpan(5, 2)), int.Parse(text.AsSpan(8, 2)));
    }

    public static DateOnly? Parse(string? text, DateOnly? reference = null) => TryParse(text, reference, out var d) ? d : null;

    /// <summary>
    /// False when <paramref name="text"/> cannot hold any date this parser reads: every form has a digit (\d, any
    /// Unicode decimal digit) except the Chinese one, which has both 年 and 月. Most texts asked about (menu rows,
    /// link labels) are ruled out without running the patterns.
    /// </summary>
    public static bool MayHoldDate(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        if (text.AsSpan().IndexOfAnyInRange('0', '9') >= 0 || (text.Contains('年') && text.Contains('月'))) return true;
        foreach (var c in text)
            if (c > '\u007f' && char.IsDigit(c)) return true;
        return false;
    }

    /// <summary>Every date in the text, in order of appearance. Year-less dates need <paramref name="reference"/>.</summary>
    public static IReadOnlyList<DateOnly> FindDates(string? text, DateOnly? reference)
    {
        if (string.IsNullOrWhiteSpace(text) || !MayHoldDate(text)) return [];
        var found = new List<(int Index, DateOnly Date)>();
        var taken = new List<(int Start, int End)>();

        foreach (Match m in FullDate().Matches(text))
        {
            taken.Add((m.Index, m.Index + m.Length));
            var month = m.Groups["m"].Success ? m.Groups["m"].Value : m.Groups["m2"].Value;
            var day = m.Groups["d"].Success ? m.Groups["d"].Value : m.Groups["d2"].Value;
            if (Make(Number(m.Groups["y"].Value), Number(month), Number(day)) is { } d) found.Add((m.Index, d));
        }
        foreach (Match m in ChineseDate().Matches(text))
        {
            taken.Add((m.Index, m.Index + m.Length));
            var year = ChineseDigits(m.Groups["y"].Value);
            var month = ChineseNumber(m.Groups["m"].Value);
            var day = ChineseNumber(m.Groups["d"].Value);
            if (year is not null && month is not null && day is not null && Make(year.Value, month.Value, day.Value) is { } d)
                found.Add((m.Index, d));
        }
        if (reference is { } r)
            foreach (Match m in MonthDay().Matches(text))
            {
                if (taken.Any(t => m.Index < t.End && m.Index + m.Length > t.Start)) continue;
                var day = m.Groups["d"].Success ? m.Groups["d"].Value : m.Groups["d2"].Value;
                int month = Number(m.Groups["m"].Value), dd = Number(day);
                // A list shows this year's items with MM-DD; one later than the reference date is last year's.
                var year = (month, dd).CompareTo((r.Month, r.Day)) > 0 ? r.Year - 1 : r.Year;
                if (Make(year, month, dd) is { } d) found.Add((m.Index, d));
            }
        if (found.Count == 0) return [];
        if (found.Count > 1) found.Sort((a, b) => a.Index.CompareTo(b.Index));
        var dates = new DateOnly[found.Count];
        for (var i = 0; i < dates.Length; i++) dates[i] = found[i].Date;
        return dates;
    }

    /// <summary>
    /// The value of the digits \d matched: any Unicode decimal digit, so full-width ２０ reads as 20 (int.Parse
    /// accepts only ASCII digits and threw on them).
    /// </summary>
    private static int Number(string digits)
    {
        var n = 0;
        foreach (var c in digits) n = n * 10 + System.Globalization.CharUnicodeInfo.GetDecimalDigitValue(c);
        return n;
    }

    private static DateOnly? Make(int year, int month, int day) =>
        year is >= 1949 and <= 2100 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day) : null;

    private static int? Digit(char c) => c switch
    {
        '〇' or '零' or '○' or 'Ｏ' => 0, '一' => 1, '二' => 2, '三' => 3, '四' => 4, '五' => 5, '六' => 6, '七' => 7,
        '八' => 8, '九' => 9, _ => null,
    };

    /// <summary>二〇二六 → 2026 (digit by digit, as years are written).</summary>
    private static int? ChineseDigits(string s)
    {
        int n = 0;
        foreach (var c in s)
        {
            if (Digit(c) is not { } d) return null;
            n = n * 10 + d;
        }
        return n;
    }

    /// <summary>十一 → 11, 二十 → 20, 三十一 → 31, 九 → 9 (months and days).</summary>
    private static int? ChineseNumber(string s)
    {
        var ten = s.IndexOf('十');
        if (ten < 0) return s.Length == 1 ? Digit(s[0]) : null;
        if (s.IndexOf('十', ten + 1) >= 0) return null;
        int tens = ten == 0 ? 1 : ten == 1 && Digit(s[0]) is { } t ? t : -1;
        if (tens < 0) return null;
        var rest = s[(ten + 1)..];
        int units = rest.Length == 0 ? 0 : rest.Length == 1 && Digit(rest[0]) is { } u ? u : -1;
        return units < 0 ? null : tens * 10 + units;
    }
}
