using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary><c>homepage-updated</c>: the newest date in the homepage's lists lies within the interval (default two weeks).</summary>
public sealed class HomepageUpdatedCheck : ICheck
{
    public string Id => "homepage-updated";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } =
        [new("within", ParameterKind.Duration, false, "首页信息最长不更新间隔，默认2w")];

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var within = parameters.Duration("within") ?? new Duration(2, DurationUnit.Weeks);
        var home = context.Site.Homepage;
        var subject = context.Unit.Portal.AbsoluteUri;
        if (home is null || !home.Outcome.Succeeded)
            return CheckResult.FromFraction(Id, 0, "门户首页无法访问，无法确认首页信息更新", [new Evidence(subject, home is null ? "未抓取" : CheckSupport.Describe(home.Outcome))], subject);
        var evidence = new Evidence(home.EffectiveUrl, null, home.FetchedAt, home.ScreenshotPath);
        if (context.Site.HomepageDates.Count == 0)
            return CheckResult.NeedsReview(Id, "首页未识别到带日期的信息列表（可能由脚本加载），需人工核查首页更新情况", [evidence with { Text = "首页无日期" }], subject);
        var newest = context.Site.HomepageDates.Max();
        var ok = CheckSupport.Within(context, newest, within);
        var text = $"首页最新信息日期 {CheckSupport.Day(newest)}";
        return CheckResult.FromFraction(Id, ok ? 1 : 0,
            ok ? $"首页信息更新及时：{text}，在{within}以内" : $"首页信息更新不及时：{text}，距评估日 {CheckSupport.Day(context.AsOf)} 已超过{within}",
            [evidence with { Text = text }], subject, measured: context.AsOf.DayNumber - newest.DayNumber);
    }
}
