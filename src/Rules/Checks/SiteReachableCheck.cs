using Openness.Rules.Findings;

namespace Openness.Rules.Checks;

/// <summary><c>site-reachable</c>: the portal homepage answered (2xx/3xx); otherwise the failure in words (站点无法访问：域名无法解析 ...).</summary>
public sealed class SiteReachableCheck : ICheck
{
    public string Id => "site-reachable";
    public IReadOnlyList<CheckParameterSpec> Parameters { get; } = [];

    public CheckResult Run(CheckContext context, CheckParameters parameters)
    {
        var portal = context.Unit.Portal.AbsoluteUri;
        var home = context.Site.Homepage;
        if (home is null)
            return CheckResult.FromFraction(Id, 0, $"站点无法访问：未能抓取门户首页 {portal}", [new Evidence(portal, "首页未被抓取")], portal);
        if (home.Outcome.Succeeded)
            return CheckResult.FromFraction(Id, 1, $"门户首页可正常访问（HTTP {home.Outcome.Status}）",
                [new Evidence(home.EffectiveUrl, $"HTTP {home.Outcome.Status}", home.FetchedAt, home.ScreenshotPath)], portal);
        var why = CheckSupport.Describe(home.Outcome);
        var attempts = home.Outcome.Attempts > 1 ? $"，共尝试{home.Outcome.Attempts}次" : "";
        return CheckResult.FromFraction(Id, 0, $"站点无法访问：{why}{attempts}（{home.Url}）",
            [new Evidence(home.Url, why, home.FetchedAt, home.ScreenshotPath)], portal);
    }
}
