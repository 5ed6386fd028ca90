using System.Text;
using Openness.Core.Diagnostics;

namespace Openness.Cli.Importing;

/// <summary>One unit of an office's list, before it becomes a units-file entry.</summary>
public sealed record ImportedUnit(string Id, string Name, string Group, Uri Portal);

/// <summary>
/// Turns an office's unit list (name, group, portal URL — in Chinese or English headings, in any column order) into
/// units-file entries. Every bad row is reported as file:row: what was expected, all at once.
/// </summary>
public static class UnitListImporter
{
    private static readonly string[] NameHeadings = ["name", "单位名称", "单位", "名称", "评估对象"];
    private static readonly string[] GroupHeadings = ["group", "分组", "组别", "类别", "类型"];
    private static readonly string[] PortalHeadings = ["portal", "portal url", "url", "网址", "门户网站", "网站", "网站地址", "门户网站网址"];
    private static readonly string[] IdHeadings = ["id", "编号", "标识"];

    public static IReadOnlyList<ImportedUnit> Read(string path)
    {
        var file = path; // as the user gave it, so the message points at the file they meant
        IReadOnlyList<SheetRow> rows;
        try { rows = SheetRows.Read(path); }
        catch (Exception ex) when (ex is FormatException or IOException or InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or System.IO.FileFormatException)
        {
            throw new InputFileException(new SourceError(file, 0, 0, ex.Message));
        }
        if (rows.Count == 0) throw new InputFileException(new SourceError(file, 1, 1, "the list is empty: expected a heading row (name, group, portal) and a row per unit"));

        var heading = rows[0];
        int Column(string[] names) => heading.Cells.Select((c, i) => (c: c.Trim().ToLowerInvariant(), i)).FirstOrDefault(x => names.Contains(x.c), (c: "", i: -1)).i;
        int name = Column(NameHeadings), group = Column(GroupHeadings), portal = Column(PortalHeadings), id = Column(IdHeadings);
        var errors = new List<SourceError>();
        if (name < 0) errors.Add(new SourceError(file, heading.Number, 1, $"no name column: expected a heading such as {string.Join(", ", NameHeadings)}"));
        if (portal < 0) errors.Add(new SourceError(file, heading.Number, 1, $"no portal URL column: expected a heading such as {string.Join(", ", PortalHeadings)}"));
        if (group < 0) errors.Add(new SourceError(file, heading.Number, 1, $"no group column: expected a heading such as {string.Join(", ", GroupHeadings)}"));
        if (errors.Count > 0) throw new InputFileException(errors);

        var units = new List<ImportedUnit>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var portals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows.Skip(1))
        {
            string Cell(int i) => i >= 0 && i < row.Cells.Count ? row.Cells[i].Trim() : "";
            var unitName = Cell(name);
            var url = Cell(portal);
            var problems = errors.Count;
            if (unitName.Length == 0) errors.Add(new SourceError(file, row.Number, name + 1, "name is empty: expected the unit's name, e.g. 示范县人民政府"));
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                errors.Add(new SourceError(file, row.Number, portal + 1, $"'{url}' is not a portal URL: expected an absolute http(s) URL such as https://www.xx.gov.cn/"));
            else if (portals.TryGetValue(uri.AbsoluteUri, out var firstRow))
                errors.Add(new SourceError(file, row.Number, portal + 1, $"portal {uri.AbsoluteUri} is already the portal of row {firstRow}: expected each unit once"));
            if (errors.Count > problems || uri is null) continue;
            portals[uri.AbsoluteUri] = row.Number;
            var unitId = Cell(id) is { Length: > 0 } given ? given : IdFrom(uri);
            if (!unitId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                errors.Add(new SourceError(file, row.Number, id + 1, $"id '{unitId}': expected letters, digits, '-', '_' or '.'"));
                continue;
            }
            var unique = unitId;
            for (var n = 2; !ids.Add(unique); n++) unique = $"{unitId}-{n}";
            units.Add(new ImportedUnit(unique, unitName, GroupOf(Cell(group)), uri));
        }
        if (errors.Count > 0) throw new InputFileException(errors);
        if (units.Count == 0) throw new InputFileException(new SourceError(file, heading.Number + 1, 1, "no units below the heading row"));
        return units;
    }

    /// <summary>The group words offices use, as the indicator systems name them; anything else is kept as written.</summary>
    public static string GroupOf(string text) => text.Trim() switch
    {
        "" => "county",
        "县" or "县区" or "县（市、区）" or "县市区" or "区县" or "county" => "county",
        "A组" or "a组" or "甲组" or "A类" or "group-a" => "group-a",
        "B组" or "b组" or "乙组" or "B类" or "group-b" => "group-b",
        "部门" or "市直部门" or "department" => "department",
        "开发区" or "zone" => "zone",
        var other => other,
    };

    /// <summary>www.xx.gov.cn → xx-gov-cn: stable, readable, and a valid file name.</summary>
    public static string IdFrom(Uri portal)
    {
        var host = portal.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? portal.Host[4..] : portal.Host;
        var sb = new StringBuilder();
        foreach (var c in host.ToLowerInvariant()) sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        if (!portal.IsDefaultPort) sb.Append('-').Append(portal.Port);
        var path = portal.AbsolutePath.Trim('/');
        if (path.Length > 0) sb.Append('-').Append(new string(path.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()));
        return sb.ToString().Trim('-');
    }
}
