using System.Text;

namespace Openness.Reporting;

/// <summary>File names derived from unit ids, which come from the units file and must not escape the output folder.</summary>
public static class ReportFiles
{
    public static string SafeName(string unitId)
    {
        var sb = new StringBuilder(unitId.Length);
        foreach (var ch in unitId)
            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' || (ch == '.' && sb.Length > 0) ? ch : '_');
        return sb.Length == 0 ? "_" : sb.ToString();
    }

    public static string UnitReportName(string unitId) => SafeName(unitId) + ".html";
    public static string UnitExportName(string unitId) => SafeName(unitId) + ".json";

    /// <summary>A download's file name for one unit, e.g. <c>county-a.pdf</c>, <c>county-a-rectification.xlsx</c>: safe in a Content-Disposition header.</summary>
    public static string UnitFileName(string unitId, string extension, string? suffix = null) =>
        SafeName(unitId) + (suffix is null ? "" : "-" + SafeName(suffix)) + "." + SafeName(extension);

    internal static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    internal static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);
}
