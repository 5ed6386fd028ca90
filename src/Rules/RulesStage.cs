using System.Diagnostics;
using Openness.Core.Snapshots;
using Openness.Core.Units;
using Openness.Rules.Checks;
using Openness.Rules.Scoring;

namespace Openness.Rules;

/// <summary>What the rules stage gives for one unit: its site model and score card, and how long each half took.</summary>
public sealed record RulesStageResult(SiteModel.SiteModel Site, ScoreCard Card, TimeSpan ModelTime, TimeSpan ScoringTime);

/// <summary>
/// The rules stage after the crawl: the site model from the unit's snapshot pages, every check of the indicator
/// system and the score. `crawler scan` and the rules benchmark both call this, so the benchmark measures the scan's work.
/// </summary>
public static class RulesStage
{
    public static RulesStageResult Evaluate(UnitDefinition unit, IEnumerable<SnapshotPage> pages, RulesBundle rules, DateOnly asOf)
    {
        var clock = Stopwatch.StartNew();
        var site = SiteModel.SiteModelBuilder.Build(unit, pages, rules.Catalogue, asOf);
        var modelTime = clock.Elapsed;
        clock.Restart();
        var context = new CheckContext
        {
            Site = site,
            Catalogue = rules.Catalogue,
            Calendar = rules.Calendar,
            AsOf = asOf,
            UpdateProfile = rules.System.UpdateProfile,
        };
        var card = Scorer.Score(rules.System, context);
        return new RulesStageResult(site, card, modelTime, clock.Elapsed);
    }
}
