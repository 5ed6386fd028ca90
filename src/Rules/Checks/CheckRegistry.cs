namespace Openness.Rules.Checks;

/// <summary>All kinds of check by id. A new kind of check is one class added to <see cref="Default"/>.</summary>
public sealed class CheckRegistry
{
    private readonly Dictionary<string, ICheck> _checks;

    public CheckRegistry(IEnumerable<ICheck> checks) => _checks = checks.ToDictionary(c => c.Id);

    public static CheckRegistry Default { get; } = new(
    [
        // Filled in by the checks as they are written (one class each, in this folder).
    ]);

    public ICheck? Get(string id) => _checks.GetValueOrDefault(id);
    public IEnumerable<ICheck> All => _checks.Values;
}
