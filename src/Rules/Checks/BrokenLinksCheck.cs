using Openness.Core.Snapshots;
using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary>
/// <c>broken-links</c>: in-scope links that answered 4xx/5xx or could not be reached. Full marks while the broken share
/// is at most maxRatio, falling linearly to nothing at five times maxRatio. Measured = broken links.
/// </summary>
public sealed class BrokenLinksCheck : ICheck
{
    public string Id => "broken-links";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } =
        [new("maxRatio", ParameterKind.Number, false, "可容忍的错链比例，默认0.02")];

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var maxRatio = parameters.Number("maxRatio") ?? 0.02;
        var inScope = context.Site.Pages.Where(p => p.Outcome.Error is not (PageErrorKind.OutOfScope or PageErrorKind.RobotsDisallowed
            or PageErrorKind.BlockedAddress or PageErrorKind.TooLarge or PageErrorKind.BrowserError)).ToList();
        if (inScope.Count == 0) return CheckResult.NeedsReview(Id, "未抓取到任何站内页面，无法检查错链", [], "links");
        var broken = inScope.Where(p => CheckSupport.IsBrokenOutcome(p.Outcome)).ToList();
        var ratio = (double)broken.Count / inScope.Count;
        var fraction = ratio <= maxRatio ? 1 : maxRatio <= 0 ? 0 : Math.Max(0, 1 - (ratio - maxRatio) / (4 * maxRatio));
        var evidence = broken.Take(30).Select(p => new Evidence(p.Url,
            $"{CheckSupport.Describe(p.Outcome)}{(p.Referrer is { } r ? "，链接来自 " + r : "")}", p.FetchedAt, p.ScreenshotPath)).ToList();
        var message = broken.Count == 0
            ? $"检查站内链接{inScope.Count}个，未发现错链"
            : $"检查站内链接{inScope.Count}个，发现错链{broken.Count}个（{CheckSupport.Percent(ratio)}，容忍{CheckSupport.Percent(maxRatio)}）：" +
              CheckSupport.Some(broken.Select(p => $"{p.Url}（{CheckSupport.Describe(p.Outcome)}）"), 3);
        return CheckResult.FromFraction(Id, fraction, message, evidence, "links", measured: broken.Count, expected: inScope.Count);
    }
}
