using System.Text;

namespace Openness.Cli.Importing;

/// <summary>Writes imported units as a units file (docs/units.md); every string double-quoted so no name can break the YAML.</summary>
public static class UnitsFileWriter
{
    public static void Write(string path, string evaluation, string indicatorSystem, IReadOnlyList<ImportedUnit> units, string source)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var rules = Path.GetRelativePath(folder, Path.GetFullPath(indicatorSystem)).Replace(Path.DirectorySeparatorChar, '/');
        var sb = new StringBuilder();
        sb.Append("# Imported by `crawler units import` from ").Append(Path.GetFileName(source)).Append(" (").Append(units.Count).AppendLine(" units).");
        sb.AppendLine("# Add entries, allowedHosts, fetchMode or budgets per unit as docs/units.md describes.");
        sb.Append("evaluation: ").AppendLine(Quote(evaluation));
        sb.Append("indicatorSystem: ").AppendLine(Quote(rules));
        sb.AppendLine("units:");
        foreach (var u in units)
        {
            sb.Append("  - id: ").AppendLine(Quote(u.Id));
            sb.Append("    name: ").AppendLine(Quote(u.Name));
            sb.Append("    group: ").AppendLine(Quote(u.Group));
            sb.Append("    portal: ").AppendLine(Quote(u.Portal.AbsoluteUri));
        }
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return sb.Append('"').ToString();
    }
}
