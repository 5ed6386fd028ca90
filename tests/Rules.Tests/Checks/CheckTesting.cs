using NUnit.Framework;
using Openness.Rules.Calendar;
using Openness.Rules.Checks;
using Openness.Rules.Findings;
using Openness.Rules.Tests.Sites;

namespace Openness.Rules.Tests.Checks;

/// <summary>Runs a registered check on a site model built from pages, as the scoring stage will.</summary>
public static class CheckTesting
{
    private static readonly Lazy<WorkingDayCalendar> LazyCalendar = new(() => WorkingDayCalendar.Load(TestSites.CalendarPath));
    public static WorkingDayCalendar Calendar => LazyCalendar.Value;

    public static CheckContext Context(Rules.SiteModel.SiteModel site, DateOnly asOf, string profile = "default") => new()
    {
        Site = site, Catalogue = TestSites.Catalogue, Calendar = Calendar, AsOf = asOf, UpdateProfile = profile,
    };

    public static CheckParameters P(params (string Name, object Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => v.Value is string[] list ? (object?)list.Cast<object?>().ToList() : v.Value));

    public static CheckResult Run(string id, Rules.SiteModel.SiteModel site, DateOnly asOf, CheckParameters? parameters = null, string profile = "default")
    {
        var check = CheckRegistry.Default.Get(id);
        Assert.That(check, Is.Not.Null, $"check '{id}' is not registered");
        var result = check!.Run(Context(site, asOf, profile), parameters ?? CheckParameters.Empty);
        TestContext.Out.WriteLine($"{id}: {result.Status} {result.Fraction} — {result.Message}");
        Assert.That(result.CheckId, Is.EqualTo(id));
        Assert.That(result.Message, Is.Not.Empty);
        return result;
    }

    public static Row R(string title, string path, string? date) => new(title, path, date);

    public static readonly DateOnly Today = new(2026, 11, 20);
}
