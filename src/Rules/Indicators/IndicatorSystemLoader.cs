using Openness.Core.Diagnostics;
using Openness.Rules.Catalogue;
using Openness.Rules.Checks;

namespace Openness.Rules.Indicators;

/// <summary>Loads rules files (docs/rules.md). Every problem is reported at once, each with file, line and column.</summary>
public static class IndicatorSystemLoader
{
    /// <summary>An indicator system or composite; throws <see cref="InputFileException"/> with all problems found.</summary>
    public static IndicatorSystem Load(string path, CheckRegistry checks, ColumnCatalogue catalogue) =>
        LoadAs<IndicatorSystem>(path, checks, catalogue, "an indicator system (kind: indicator-system or composite)");

    /// <summary>A supervision table (seed 004, kind: supervision).</summary>
    public static SupervisionTable LoadSupervision(string path, CheckRegistry checks, ColumnCatalogue catalogue) =>
        LoadAs<SupervisionTable>(path, checks, catalogue, "a supervision table (kind: supervision)");

    /// <summary>Per-unit publishing targets (seed 002 附件1, kind: publishing-targets).</summary>
    public static PublishingTargets LoadTargets(string path, CheckRegistry checks, ColumnCatalogue catalogue) =>
        LoadAs<PublishingTargets>(path, checks, catalogue, "publishing targets (kind: publishing-targets)");

    private static T LoadAs<T>(string path, CheckRegistry checks, ColumnCatalogue catalogue, string expected) where T : class
    {
        var errors = new List<SourceError>();
        var result = new RulesFileParser(checks, catalogue).Parse(path, errors);
        if (errors.Count > 0) throw new InputFileException(errors);
        return result as T ?? throw new InputFileException(new SourceError(path, 1, 1, $"expected {expected}"));
    }
}

/// <summary>Checks rules files without using them: for <c>crawler rules validate</c> and the editors of rules files.</summary>
public static class IndicatorSystemValidator
{
    /// <summary>Every problem in one rules file of any kind (an empty list when it is valid).</summary>
    public static IReadOnlyList<SourceError> Validate(string path, CheckRegistry checks, ColumnCatalogue catalogue)
    {
        var errors = new List<SourceError>();
        new RulesFileParser(checks, catalogue).Parse(path, errors);
        return errors;
    }

    /// <summary>
    /// Every problem in a rules folder: columns.yaml (the catalogue), then each other *.yaml file. Returns the
    /// problems of columns.yaml alone when it cannot be loaded, since every other file depends on it.
    /// </summary>
    public static IReadOnlyList<SourceError> ValidateFolder(string folder, CheckRegistry checks)
    {
        var columns = Path.Combine(folder, "columns.yaml");
        ColumnCatalogue catalogue;
        try { catalogue = ColumnCatalogue.Load(columns); }
        catch (InputFileException ex) { return ex.Errors; }
        return Directory.EnumerateFiles(folder, "*.yaml").Where(f => Path.GetFileName(f) != "columns.yaml")
            .Order(StringComparer.Ordinal).SelectMany(f => Validate(f, checks, catalogue)).ToList();
    }
}
