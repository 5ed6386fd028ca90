using Openness.Rules.Findings;
using Openness.Storage.Entities;

namespace Openness.Storage.Reviews;

/// <summary>A finding of the unit's previous completed scan, as the next run's save needs it.</summary>
internal sealed record PreviousFinding(FindingStatus Status, string EvidenceHash, bool NeedsReReview, FindingReview? LatestReview);

/// <summary>
/// Issue 5 item 2: an assessor's decision is not lost when the site is scanned again. A finding whose evidence is the
/// same as last run's keeps last run's review (copied, naming the original); one whose evidence changed is flagged
/// for re-review instead, because the decision was made on something the unit has since changed.
/// </summary>
internal static class ReviewCarryOver
{
    /// <returns>true when any review was copied or finding flagged</returns>
    public static bool Apply(OpennessDbContext db, IReadOnlyList<FindingRecord> findings, IReadOnlyDictionary<string, PreviousFinding> previous)
    {
        var changed = false;
        foreach (var f in findings)
        {
            if (!previous.TryGetValue(f.Fingerprint, out var before)) continue;
            if (before.LatestReview is { } review)
            {
                if (before.EvidenceHash == f.EvidenceHash)
                    db.FindingReviews.Add(new FindingReview
                    {
                        FindingRecordId = f.Id, Fingerprint = f.Fingerprint, Reviewer = review.Reviewer, ReviewedAt = review.ReviewedAt,
                        Decision = review.Decision, PointsBefore = review.PointsBefore, PointsAfter = review.PointsAfter,
                        Reason = review.Reason, CarriedFromReviewId = review.CarriedFromReviewId ?? review.Id,
                    });
                else f.NeedsReReview = true;
                changed = true;
            }
            else if (before.NeedsReReview) // the re-review asked for last run has not been done: keep asking
            {
                f.NeedsReReview = true;
                changed = true;
            }
        }
        return changed;
    }
}
