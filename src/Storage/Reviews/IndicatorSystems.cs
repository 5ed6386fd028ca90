using Openness.Core.Diagnostics;
using Openness.Rules;
using Openness.Rules.Indicators;

namespace Openness.Storage.Reviews;

/// <summary>
/// Finds the indicator system a stored score was computed with, by its content hash: applying an assessor's points
/// re-scores the stored card with exactly those rules (<see cref="Openness.Rules.Scoring.Scorer.ApplyManual"/>).
/// </summary>
public interface IIndicatorSystemSource
{
    IndicatorSystem? Find(string contentHash);
}

/// <summary>The systems a caller already holds (a scan has its own rules loaded).</summary>
public sealed class KnownIndicatorSystems(params IndicatorSystem[] systems) : IIndicatorSystemSource
{
    public IndicatorSystem? Find(string contentHash) =>
        systems.FirstOrDefault(s => string.Equals(s.ContentHash, contentHash, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Every indicator system and composite in a rules folder, loaded once on first use. Files of other kinds
/// (catalogue, supervision tables, targets) are skipped.
/// </summary>
public sealed class RulesFolderSystems(string folder) : IIndicatorSystemSource
{
    private readonly Lazy<IReadOnlyDictionary<string, IndicatorSystem>> _byHash = new(() => Load(folder));

    public IndicatorSystem? Find(string contentHash) =>
        _byHash.Value.TryGetValue(contentHash.ToLowerInvariant(), out var s) ? s : null;

    private static IReadOnlyDictionary<string, IndicatorSystem> Load(string folder)
    {
        var result = new Dictionary<string, IndicatorSystem>();
        if (!Directory.Exists(folder)) return result;
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) == RulesBundle.CatalogueFile) continue;
            try
            {
                var system = RulesBundle.Load(file).System;
                result[system.ContentHash.ToLowerInvariant()] = system;
            }
            catch (InputFileException)
            {
                // Not an indicator system (supervision table, targets) or not valid: nothing was scored with it.
            }
        }
        return result;
    }
}
