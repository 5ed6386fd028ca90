namespace Openness.Rules.Checks;

/// <summary>All kinds of check by id. A new kind of check is one class added to <see cref="Default"/>.</summary>
public sealed class CheckRegistry
{
    private readonly Dictionary<string, ICheck> _checks;

    public CheckRegistry(IEnumerable<ICheck> checks) => _checks = checks.ToDictionary(c => c.Id);

    public static CheckRegistry Default { get; } = new(
    [
        new SiteReachableCheck(),
        new HomepageUpdatedCheck(),
        new ColumnExistsCheck(),
        new ColumnUpdatedCheck(),
        new ColumnNotBlankCheck(),
        new MinItemsCheck(),
        new ItemsMatchingCheck(),
        new PolicyInterpretationLinkedCheck(),
        new InterpretationTimelyCheck(),
        new DocumentPublishedTimelyCheck(),
        new MetadataCompleteCheck(),
        new DisclosureGuideCheck(),
        new AnnualReportCheck(),
        new SearchWorksCheck(),
        new BrokenLinksCheck(),
        new PublishingVolumeCheck(),
    ]);

    public ICheck? Get(string id) => _checks.GetValueOrDefault(id);
    public IEnumerable<ICheck> All => _checks.Values;
}
