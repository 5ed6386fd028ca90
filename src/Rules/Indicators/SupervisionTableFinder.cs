using System.Collections.Concurrent;
using Openness.Core.Diagnostics;
using Openness.Rules.Catalogue;
using Openness.Rules.Checks;

namespace Openness.Rules.Indicators;

/// <summary>
/// The supervision table (seed 004, <c>kind: supervision</c>) an indicator system is used with: the one in the system
/// file's folder whose <c>systems</c> names that file. Rectification lists and unit reports take its tasks and
/// 材料提供部门; a system no table names gets lists without them. Each folder is read once per finder.
/// </summary>
/// <param name="catalogue">the folder's column catalogue when the caller has it loaded (a scan's <see cref="RulesBundle"/>)</param>
public sealed class SupervisionTableFinder(CheckRegistry? checks = null, ColumnCatalogue? catalogue = null)
{
    /// <summary>A finder for a loaded bundle: its checks and catalogue, nothing read twice.</summary>
    public SupervisionTableFinder(RulesBundle rules) : this(rules.Checks, rules.Catalogue) { }

    private readonly ConcurrentDictionary<string, Lazy<SupervisionTable?>> _bySystemFile = new();

    /// <summary>
    /// The table naming <paramref name="system"/>'s file, or null. A table that does not load is reported by
    /// <see cref="InputFileException"/> (file, line, what was expected), as <c>crawler rules validate</c> reports it.
    /// </summary>
    public SupervisionTable? For(IndicatorSystem system) =>
        _bySystemFile.GetOrAdd(System.IO.Path.GetFullPath(system.Path), file => new Lazy<SupervisionTable?>(() => Find(file))).Value;

    /// <summary>
    /// <see cref="For"/> for writing reports: a table that does not load is told to <paramref name="warn"/> (each
    /// problem as file:line:column: message) and the reports are written without it rather than not at all.
    /// </summary>
    public SupervisionTable? ForReports(IndicatorSystem system, Action<string> warn)
    {
        try { return For(system); }
        catch (InputFileException ex)
        {
            foreach (var e in ex.Errors) warn($"warning: {e}");
            warn("warning: the supervision table above does not load; rectification lists are written without its tasks.");
            return null;
        }
    }

    private SupervisionTable? Find(string systemFile)
    {
        var folder = System.IO.Path.GetDirectoryName(systemFile)!;
        var name = System.IO.Path.GetFileName(systemFile);
        var folderCatalogue = catalogue;
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            if (!IsSupervisionTable(file)) continue;
            folderCatalogue ??= ColumnCatalogue.Load(System.IO.Path.Combine(folder, RulesBundle.CatalogueFile));
            var table = IndicatorSystemLoader.LoadSupervision(file, checks ?? CheckRegistry.Default, folderCatalogue);
            if (table.Systems.Contains(name, StringComparer.Ordinal)) return table;
        }
        return null;
    }

    // The kind is a top-level key: reading lines avoids parsing every indicator system of the folder to find out.
    private static bool IsSupervisionTable(string file) =>
        File.ReadLines(file).Any(l => l.StartsWith("kind:", StringComparison.Ordinal) && l[5..].Trim().Trim('"', '\'') == "supervision");
}
