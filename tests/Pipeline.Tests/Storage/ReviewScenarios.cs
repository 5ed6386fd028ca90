using NUnit.Framework;
using Openness.Rules;
using Openness.Rules.Checks;
using Openness.Rules.Findings;
using Openness.Rules.Scoring;
using Openness.Pipeline.Tests.SamplePortals;
using Openness.Storage;
using Openness.Storage.Accounts;
using Openness.Storage.Reviews;
using static Openness.Pipeline.Tests.Storage.StoreTestData;

namespace Openness.Pipeline.Tests.Storage;

/// <summary>
/// Assessor reviews against every provider, with a card the real scorer made from seed 000's county system: an
/// override and a manual entry change the effective score everyone reads; the next run keeps the review while the
/// evidence is the same and asks for re-review when it changed.
/// </summary>
public static class ReviewScenarios
{
    public static async Task ReviewsApplyAndCarryOver(StorageOptions options)
    {
        var rules = RulesBundle.Load(Path.Combine(SampleRepo.Root, "rules", "jilin-2017-county.yaml"));
        var systems = new KnownIndicatorSystems(rules.System);
        var content = await File.ReadAllTextAsync(Path.Combine(SampleRepo.Root, "rules", "jilin-2017-county.yaml"));
        var u = Unit("county-r", "复核县人民政府");
        var asOf = new DateOnly(2026, 11, 20);
        var card = Scorer.Score(rules.System, new CheckContext
        {
            Site = Model(u), Catalogue = rules.Catalogue, Calendar = rules.Calendar, AsOf = asOf, UpdateProfile = rules.System.UpdateProfile,
        });
        var store = await ScanStore.OpenAsync(options, rules.Catalogue, default, systems);
        var reviews = await ReviewStore.OpenAsync(options, systems);

        async Task<long> RunAsync(ScoreCard c, DateOnly day)
        {
            var id = await store.StartRunAsync(Evaluation, rules.System.Id, rules.System.Name, content, rules.System.ContentHash, day, [u]);
            await store.SaveUnitResultAsync(id, u, Crawl(), Pages(u), Model(u), c);
            await store.FinishRunAsync(id);
            return id;
        }

        var run1 = await RunAsync(card, asOf);
        var queue = await reviews.GetQueueAsync(new ReviewQueueFilter());
        Assert.That(queue, Is.Not.Empty, "a nearly empty site has gaps to review");
        Assert.That(queue.Select(q => q.Status), Has.None.EqualTo(FindingStatus.Pass), "the pending queue holds gaps only");
        var gap = queue.First(q => q.LeafPossible > 0 && q.LeafAutomaticPoints < q.LeafPossible);
        Assert.That(gap.Unit.Id, Is.EqualTo(u.Id));
        Assert.That(gap.Criteria, Is.Not.Empty, "the rule's criteria text comes with the finding");

        Assert.ThrowsAsync<ReviewRejectedException>(() => reviews.RecordReviewAsync(gap.FindingId, "assessor1", ReviewDecision.Override, gap.LeafPossible, " "),
            "an override needs a reason");
        Assert.ThrowsAsync<ReviewRejectedException>(() => reviews.RecordReviewAsync(gap.FindingId, "assessor1", ReviewDecision.Override, gap.LeafPossible + 1, "多了"),
            "points above the leaf's possible are refused");

        await reviews.RecordReviewAsync(gap.FindingId, "assessor1", ReviewDecision.Override, gap.LeafPossible, "现场核实栏目已建设");
        var expected = card.Total + gap.LeafPossible - gap.LeafAutomaticPoints;
        var ranking = await store.GetRankingAsync(run1);
        Assert.That(ranking!.Rows.Single().Total, Is.EqualTo(expected).Within(1e-6), "the ranking shows the effective total");
        Assert.That(ranking.Rows.Single().Grade, Is.EqualTo(rules.System.GradeFor(expected)), "grade recomputed");
        var result = await store.GetUnitResultAsync(run1, u.Id);
        Assert.That(result!.ScoreCard!.Indicators.Single(i => i.Id == gap.IndicatorId).PointsEarned, Is.EqualTo(gap.LeafPossible).Within(1e-6));
        Assert.That((await reviews.GetFindingAsync(gap.FindingId))!.LatestReview!.Decision, Is.EqualTo(ReviewDecision.Override));
        Assert.That((await reviews.GetQueueAsync(new ReviewQueueFilter())).Select(q => q.FindingId), Has.No.Member(gap.FindingId),
            "a reviewed finding leaves the pending queue");
        Assert.That((await reviews.GetQueueAsync(new ReviewQueueFilter(Status: ReviewQueueStatus.Reviewed))).Select(q => q.FindingId),
            Has.Member(gap.FindingId));

        var manual = await reviews.GetManualItemsAsync(run1, u.Id);
        Assert.That(manual, Is.Not.Empty, "seed 000 has items scored from submitted materials");
        var item = manual.First(m => m.Possible >= 1);
        Assert.ThrowsAsync<ReviewRejectedException>(() => reviews.RecordManualPointsAsync(run1, u.Id, item.IndicatorId, 1, "", "assessor1"),
            "manual points need a note");
        await reviews.RecordManualPointsAsync(run1, u.Id, item.IndicatorId, 1, "依据提交的会议纪要", "assessor1");
        expected += 1;
        Assert.That((await store.GetRankingAsync(run1))!.Rows.Single().Total, Is.EqualTo(expected).Within(1e-6));
        Assert.That((await reviews.GetManualItemsAsync(run1, u.Id)).Single(m => m.IndicatorId == item.IndicatorId).Points, Is.EqualTo(1));

        var audit = await reviews.GetAuditTrailAsync();
        Assert.That(audit.Select(a => a.Action), Is.EqualTo(new[] { AuditAction.ManualPoints, AuditAction.ReviewOverride }));
        Assert.That(audit[1].Actor, Is.EqualTo("assessor1"));
        Assert.That(audit[1].Before, Does.Contain(Fmt(gap.LeafAutomaticPoints)));
        Assert.That(audit[1].After, Is.EqualTo($"改为 {Fmt(gap.LeafPossible)} 分"));
        Assert.That(audit[1].Reason, Is.EqualTo("现场核实栏目已建设"));
        Assert.That(audit[0].Before, Is.EqualTo("未评分"));

        // Next night, same evidence: the override carries over, the manual entry still applies.
        var run2 = await RunAsync(card, asOf);
        Assert.That((await store.GetRankingAsync(run2))!.Rows.Single().Total, Is.EqualTo(expected).Within(1e-6));
        var carried = (await reviews.GetQueueAsync(new ReviewQueueFilter(Status: ReviewQueueStatus.Reviewed)))
            .Single(q => q.IndicatorId == gap.IndicatorId && q.Subject == gap.Subject && q.CheckId == gap.CheckId);
        Assert.That(carried.RunId, Is.EqualTo(run2));
        Assert.That(carried.LatestReview!.CarriedOver, Is.True);
        Assert.That(carried.LatestReview.Reason, Is.EqualTo("现场核实栏目已建设"));

        // The night after, the unit changed the page: the review no longer applies and the finding asks for re-review.
        var changed = card with
        {
            Indicators = card.Indicators.Select(i => i.Id != gap.IndicatorId ? i : i with
            {
                Checks = i.Checks.Select(c => c.CheckId == gap.CheckId && c.Subject == gap.Subject ? c with { Message = c.Message + "（页面已改版）" } : c).ToList(),
            }).ToList(),
        };
        var run3 = await RunAsync(changed, asOf);
        Assert.That((await store.GetRankingAsync(run3))!.Rows.Single().Total, Is.EqualTo(card.Total + 1).Within(1e-6),
            "the override is not applied to changed evidence; the manual entry is");
        var again = (await reviews.GetQueueAsync(new ReviewQueueFilter(Status: ReviewQueueStatus.ReReview))).Single();
        Assert.That((again.IndicatorId, again.CheckId, again.Subject, again.RunId), Is.EqualTo((gap.IndicatorId, gap.CheckId, gap.Subject, run3)));
        Assert.That(again.NeedsReReview, Is.True);
        Assert.That((await reviews.GetQueueAsync(new ReviewQueueFilter())).Select(q => q.FindingId), Has.Member(again.FindingId),
            "a finding flagged for re-review is pending again");

        // Confirming it: the automatic result stands, and the finding is no longer flagged.
        await reviews.RecordReviewAsync(again.FindingId, "assessor2", ReviewDecision.Confirm, null, "");
        var confirmed = await reviews.GetFindingAsync(again.FindingId);
        Assert.That(confirmed!.NeedsReReview, Is.False);
        Assert.That(confirmed.LatestReview!.Reviewer, Is.EqualTo("assessor2"));
        Assert.That((await store.GetRankingAsync(run3))!.Rows.Single().Total, Is.EqualTo(card.Total + 1).Within(1e-6));
        Assert.That((await store.GetRankingAsync(run1))!.Rows.Single().Total, Is.EqualTo(expected).Within(1e-6), "earlier runs keep their reviews");
    }

    public static async Task AccountsAndLockout(StorageOptions options)
    {
        var accounts = await AccountStore.OpenAsync(options);
        var user = await accounts.AddAsync("Unit-A", "甲县用户", UserRole.UnitUser, "county-a", "HASH", "cli");
        Assert.That(user.Username, Is.EqualTo("unit-a"), "usernames are case-insensitive");
        Assert.ThrowsAsync<AccountRejectedException>(() => accounts.AddAsync("unit-a", "", UserRole.Assessor, null, "H", "cli"));
        Assert.ThrowsAsync<AccountRejectedException>(() => accounts.AddAsync("unit-b", "", UserRole.UnitUser, null, "H", "cli"),
            "a unit user must name a unit");
        for (var i = 1; i < 5; i++) Assert.That(await accounts.RecordFailureAsync(user.Id, 5, TimeSpan.FromMinutes(15)), Is.False);
        Assert.That((await accounts.FindAsync("UNIT-A"))!.FailedAttempts, Is.EqualTo(4));
        Assert.That(await accounts.RecordFailureAsync(user.Id, 5, TimeSpan.FromMinutes(15)), Is.True, "the fifth failure locks");
        var locked = await accounts.FindAsync("unit-a");
        Assert.That(locked!.LockedUntil, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(14)));
        await accounts.RecordSuccessAsync(user.Id, "NEWHASH");
        var after = await accounts.FindAsync("unit-a");
        Assert.That((after!.LockedUntil, after.FailedAttempts, after.PasswordHash), Is.EqualTo(((DateTimeOffset?)null, 0, "NEWHASH")));
        var reviews = await ReviewStore.OpenAsync(options, new KnownIndicatorSystems());
        Assert.That((await reviews.GetAuditTrailAsync()).Select(a => a.Action), Is.EqualTo(new[] { AuditAction.UserLockedOut, AuditAction.UserCreated }));
    }

    private static string Fmt(double d) => d.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
