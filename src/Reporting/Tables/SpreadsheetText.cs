namespace Openness.Reporting.Tables;

/// <summary>
/// Crawled text that a spreadsheet would read as a formula (CSV/formula injection, OWASP): text starting with
/// = + - @, a tab or a carriage return. Plain numbers such as "-3" are not formulas and are left alone.
/// </summary>
public static class SpreadsheetText
{
    public static bool LooksLikeFormula(string? value) =>
        !string.IsNullOrEmpty(value) && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
}
