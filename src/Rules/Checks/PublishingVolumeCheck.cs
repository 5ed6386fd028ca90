using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary><c>publishing-volume</c>: distinct items dated within the period against the unit's yearly publishing target.</summary>
public sealed class PublishingVolumeCheck : ICheck
{
    public string Id => "publishing-volume";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } =
    [
        new("columns", ParameterKind.ColumnIdList, false, "统计的栏目；不填则统计全部栏目"),
        new("within", ParameterKind.Duration, false, "统计期，默认1y"),
    ];

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var ids = parameters.TextList("columns");
        var within = parameters.Duration("within") ?? new Duration(1, DurationUnit.Years);
        var subject = $"{string.Join(",", ids)}:{within}";
        var columns = CheckSupport.Columns(context, ids);
        var items = columns.SelectMany(c => c.Items).Where(i => i.Date is { } d && CheckSupport.Within(context, d, within))
            .Select(i => i.Url).Distinct().Count();
        var evidence = columns.Where(c => c.Items.Any(i => i.Date is { } d && CheckSupport.Within(context, d, within)))
            .OrderByDescending(c => c.ItemCount).Take(10)
            .Select(c => CheckSupport.EvidenceFor(context, c, $"栏目“{c.NameAsShown}”{within}内{c.Items.Count(i => i.Date is { } d && CheckSupport.Within(context, d, within))}条"))
            .ToList();
        if (context.Unit.PublishingTarget is not { } target || target <= 0)
            return CheckResult.NeedsReview(Id, $"{within}内共发布信息{items}条；评估办未给该单位设定年度发布量目标，需人工判定", evidence, subject)
                with { Measured = items };
        var message = items >= target
            ? $"{within}内发布信息{items}条，达到目标{target}条"
            : $"{within}内发布信息{items}条，未达到目标{target}条（完成{CheckSupport.Percent((double)items / target)}）";
        return CheckResult.FromFraction(Id, Math.Min(1, (double)items / target), message, evidence, subject, measured: items, expected: target);
    }
}
