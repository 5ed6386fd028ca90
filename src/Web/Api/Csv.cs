using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Openness.Web.Api;

/// <summary>CSV for Excel: UTF-8 with BOM (so Chinese opens correctly), RFC 4180 quoting, no formula injection.</summary>
public static class Csv
{
    public static string Build(IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows) sb.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        return sb.ToString();
    }

    /// <summary>Text starting with = + - @ (and not a number) is prefixed with ' so a spreadsheet never runs it as a formula.</summary>
    public static string Cell(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static IResult File(string csv, string fileName) =>
        Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", fileName);
}
