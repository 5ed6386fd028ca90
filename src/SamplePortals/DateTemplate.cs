using System.Globalization;
using System.Text.RegularExpressions;

namespace Openness.SamplePortals;

/// <summary>
/// Renders the date placeholders of sample pages relative to an "as of" day, so a sample's truth (fresh, stale,
/// late ...) holds whatever day the demo runs:
/// <c>{{date:-5}}</c> (yyyy-MM-dd), <c>{{date:-5:yyyy年M月d日}}</c>, <c>{{year:-1}}</c>, <c>{{asof}}</c>, <c>{{asof:fmt}}</c>.
/// File and folder names use a bracket form because braces and colons are not portable in paths:
/// <c>[date-5.yyyyMM]</c>, <c>[year-1]</c>.
/// </summary>
public static partial class DateTemplate
{
    [GeneratedRegex(@"\{\{(?<kind>date|year|asof)(?::(?<offset>[+-]?\d+))?(?::(?<format>[^}]+))?\}\}")]
    private static partial Regex TextPlaceholder();

    [GeneratedRegex(@"\[date(?<offset>[+-]\d+)\.(?<format>[A-Za-z]+)\]")]
    private static partial Regex PathPlaceholder();

    // A one-letter format ("M", "d") would be a .NET standard format ("March 10"); here it always means the field.
    private static string Custom(string format) => format.Length == 1 ? "%" + format : format;

    public static string Render(string text, DateOnly asOf) =>
        TextPlaceholder().Replace(text, m =>
        {
            var offset = m.Groups["offset"].Success ? int.Parse(m.Groups["offset"].Value, CultureInfo.InvariantCulture) : 0;
            var format = m.Groups["format"].Success ? Custom(m.Groups["format"].Value) : "yyyy-MM-dd";
            return m.Groups["kind"].Value switch
            {
                "year" => (asOf.Year + offset).ToString(CultureInfo.InvariantCulture),
                _ => asOf.AddDays(offset).ToString(format, CultureInfo.InvariantCulture),
            };
        });

    [GeneratedRegex(@"\[year(?<offset>[+-]\d+)\]")]
    private static partial Regex PathYearPlaceholder();

    public static string RenderPath(string relativePath, DateOnly asOf)
    {
        var dated = PathPlaceholder().Replace(relativePath, m =>
            asOf.AddDays(int.Parse(m.Groups["offset"].Value, CultureInfo.InvariantCulture))
                .ToString(Custom(m.Groups["format"].Value), CultureInfo.InvariantCulture));
        return PathYearPlaceholder().Replace(dated, m =>
            (asOf.Year + int.Parse(m.Groups["offset"].Value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture));
    }
}
