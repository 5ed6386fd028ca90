using Openness.Rules.Findings;

namespace Openness.Storage.Reviews;

public sealed record EvaluationInfo(long Id, string Name, int Units, RunSummary? LatestRun);

/// <summary>Which findings the review queue shows.</summary>
public enum ReviewQueueStatus
{
    /// <summary>A gap (not passed) no assessor has decided yet, or one flagged for re-review.</summary>
    Pending,
    Reviewed,
    /// <summary>Marked by an assessor to be checked again.</summary>
    Recheck,
    /// <summary>Evidence changed since the review carried from the last run.</summary>
    ReReview,
    All,
}

public sealed record ReviewQueueFilter(long? EvaluationId = null, string? IndicatorId = null, string? UnitKey = null,
    ReviewQueueStatus Status = ReviewQueueStatus.Pending);

public sealed record StoredReview(long Id, string Reviewer, DateTimeOffset ReviewedAt, ReviewDecision Decision, double? PointsBefore,
    double? PointsAfter, string Reason, bool CarriedOver);

/// <summary>One finding as the review queue and its detail page show it; points are the leaf's (effective and automatic).</summary>
public sealed record ReviewItem(
    long FindingId, long EvaluationId, string Evaluation, long RunId, DateOnly AsOf, StoredUnit Unit,
    string IndicatorId, string IndicatorName, string Criteria, string CheckId, string Subject, FindingStatus Status,
    string Message, FindingChange Change, bool NeedsReReview, IReadOnlyList<Evidence> Evidence,
    double LeafPoints, double LeafAutomaticPoints, double LeafPossible, StoredReview? LatestReview);

/// <summary>A leaf scored from submitted materials, with the points entered for it (if any) in effect for the run.</summary>
public sealed record ManualItem(string IndicatorId, string Name, string Criteria, double Possible, double? Points, string? Note,
    string? EnteredBy, DateTimeOffset? EnteredAt);

public sealed record AuditRecord(long Id, DateTimeOffset At, string Actor, AuditAction Action, string? Evaluation, string? UnitKey,
    string Subject, string? Before, string? After, string Reason);

/// <summary>A decision the store refused (points out of range, missing reason): shown to the assessor as is.</summary>
public sealed class ReviewRejectedException(string message) : Exception(message);
