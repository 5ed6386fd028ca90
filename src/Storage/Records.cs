using Openness.Rules.Findings;
using Openness.Rules.Scoring;

namespace Openness.Storage;

// Plain records ScanStore takes and returns, so callers never touch EF entities or a DbContext.

/// <summary>What the crawl of one unit came to, beside its pages.</summary>
public sealed record UnitCrawlSummary(
    UnitScanState State, string? Message, int PagesFetched, int PagesFailed, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);

public sealed record StoredUnit(string Id, string Name, string Group, string Portal);

public sealed record RunSummary(
    long RunId, string Evaluation, string SystemId, string SystemName, string SystemHash, DateOnly AsOf,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, RunState State, int UnitsPlanned, int UnitsCompleted, int UnitsFailed);

public sealed record LevelOneScore(string Id, string Name, double Earned, double Possible);

/// <summary>Units with equal totals share a rank (1, 1, 3).</summary>
public sealed record RankingRow(
    int Rank, StoredUnit Unit, double Total, double Possible, string Grade, bool Vetoed, double ManualPointsPending,
    IReadOnlyList<LevelOneScore> LevelOne);

public sealed record Ranking(RunSummary Run, IReadOnlyList<RankingRow> Rows)
{
    /// <summary>Units of the run that have no score, by id, with why (their unit scan's message).</summary>
    public IReadOnlyList<UnscoredUnit> Unscored { get; init; } = [];
}

/// <summary>A unit of a run that could not be scored: rejected by the units file, or its scan failed before scoring.</summary>
public sealed record UnscoredUnit(StoredUnit Unit, string? Message);

public sealed record StoredFinding(
    string IndicatorId, string CheckId, string Subject, FindingStatus Status, double? Fraction, double? Measured,
    double? Expected, string Message, IReadOnlyList<Evidence> Evidence, string Fingerprint, FindingChange Change,
    FindingStatus? PreviousStatus);

public sealed record StoredColumn(
    string? CatalogueId, string? CatalogueName, string NameAsShown, string Url, string? ParentUrl, int ItemCount,
    DateOnly? NewestDate, bool ItemsNeedScript, bool Visited);

public sealed record StoredDocument(
    string Url, string? Title, string? IndexNumber, string? IssuingBody, DateOnly? WrittenDate, DateOnly? PublishedDate,
    string? DocumentNumber, string? Topic, string? Validity, string? ColumnName, IReadOnlyList<string> Attachments,
    IReadOnlyList<string> InterpretationUrls, IReadOnlyList<string> OriginalDocumentUrls);

public sealed record StoredPageOutcome(
    string Url, string? FinalUrl, int? Status, string ErrorKind, string? Message, int Attempts, TimeSpan Elapsed,
    string FetchMode, DateTimeOffset FetchedAt, string? ContentHash);

/// <summary>Everything stored for one unit in one run: what the reports and the export are written from.</summary>
public sealed record UnitResult(
    RunSummary Run, StoredUnit Unit, UnitCrawlSummary Crawl, ScoreCard? ScoreCard, IReadOnlyList<StoredFinding> Findings,
    IReadOnlyList<StoredColumn> Columns, IReadOnlyList<StoredDocument> Documents);

public sealed record UnitHistoryEntry(long RunId, DateOnly AsOf, UnitScanState State, double? Total, double? Possible, string? Grade);
