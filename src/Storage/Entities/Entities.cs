namespace Openness.Storage.Entities;

// Entities are plain classes with long keys, strings for enums and no provider-specific column types, so the same
// model maps onto SQLite, PostgreSQL and SQL Server. Callers never see them: ScanStore returns plain records.

/// <summary>An evaluation (评估): one office's yearly assessment of many units.</summary>
public sealed class Evaluation
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public List<Unit> Units { get; } = [];
    public List<ScanRun> Runs { get; } = [];
}

/// <summary>The exact content of an indicator-system file. Unique on its SHA-256, so a score points at the rules that made it.</summary>
public sealed class IndicatorSystemRecord
{
    public long Id { get; set; }
    public required string SystemId { get; set; }
    public required string Name { get; set; }
    public required string Content { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
}

/// <summary>An evaluated unit (评估对象) within one evaluation; <see cref="UnitKey"/> is the units file's id.</summary>
public sealed class Unit
{
    public long Id { get; set; }
    public long EvaluationId { get; set; }
    public Evaluation? Evaluation { get; set; }
    public required string UnitKey { get; set; }
    public required string Name { get; set; }
    public string Group { get; set; } = "";
    public required string Portal { get; set; }
}

public sealed class ScanRun
{
    public long Id { get; set; }
    public long EvaluationId { get; set; }
    public Evaluation? Evaluation { get; set; }
    public long IndicatorSystemRecordId { get; set; }
    public IndicatorSystemRecord? IndicatorSystem { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateOnly AsOf { get; set; }
    /// <summary><see cref="RunState"/> as text.</summary>
    public required string State { get; set; }
    public int UnitsPlanned { get; set; }
    public int UnitsCompleted { get; set; }
    public int UnitsFailed { get; set; }
    public List<UnitScan> UnitScans { get; } = [];
}

/// <summary>One unit in one run: its crawl, and everything derived from it.</summary>
public sealed class UnitScan
{
    public long Id { get; set; }
    public long ScanRunId { get; set; }
    public ScanRun? ScanRun { get; set; }
    public long UnitId { get; set; }
    public Unit? Unit { get; set; }
    /// <summary><see cref="UnitScanState"/> as text.</summary>
    public required string State { get; set; }
    public string? CrawlMessage { get; set; }
    public int PagesFetched { get; set; }
    public int PagesFailed { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public DateTimeOffset SavedAt { get; set; }
    public List<PageOutcomeRecord> Pages { get; } = [];
    public List<ColumnRecord> Columns { get; } = [];
    public List<DocumentRecord> Documents { get; } = [];
    public List<FindingRecord> Findings { get; } = [];
    public ScoreRecord? Score { get; set; }
}

public sealed class PageOutcomeRecord
{
    public long Id { get; set; }
    public long UnitScanId { get; set; }
    public required string Url { get; set; }
    public string? FinalUrl { get; set; }
    public int? Status { get; set; }
    public required string ErrorKind { get; set; }
    public string? Message { get; set; }
    public int Attempts { get; set; }
    public double ElapsedMs { get; set; }
    public required string FetchMode { get; set; }
    public DateTimeOffset FetchedAt { get; set; }
    public string? ContentHash { get; set; }
}

/// <summary>A column (栏目) of the site model, as exported.</summary>
public sealed class ColumnRecord
{
    public long Id { get; set; }
    public long UnitScanId { get; set; }
    /// <summary>Position in the site model, so reports list columns in the order they were found.</summary>
    public int Ordinal { get; set; }
    public string? CatalogueId { get; set; }
    /// <summary>The catalogue's Chinese name for <see cref="CatalogueId"/>, kept so reports need no catalogue file.</summary>
    public string? CatalogueName { get; set; }
    public required string NameAsShown { get; set; }
    public required string Url { get; set; }
    public string? ParentUrl { get; set; }
    public int ItemCount { get; set; }
    public DateOnly? NewestDate { get; set; }
    public bool ItemsNeedScript { get; set; }
    public bool Visited { get; set; }
}

/// <summary>A disclosed document of the site model with its catalogue metadata; URL lists are JSON arrays.</summary>
public sealed class DocumentRecord
{
    public long Id { get; set; }
    public long UnitScanId { get; set; }
    public int Ordinal { get; set; }
    public required string Url { get; set; }
    public string? Title { get; set; }
    public string? IndexNumber { get; set; }
    public string? IssuingBody { get; set; }
    public DateOnly? WrittenDate { get; set; }
    public DateOnly? PublishedDate { get; set; }
    public string? DocumentNumber { get; set; }
    public string? Topic { get; set; }
    public string? Validity { get; set; }
    public string? ColumnName { get; set; }
    public required string AttachmentsJson { get; set; }
    public required string InterpretationUrlsJson { get; set; }
    public required string OriginalDocumentUrlsJson { get; set; }
}

/// <summary>One check result on one indicator leaf (发现), compared with the unit's previous completed scan.</summary>
public sealed class FindingRecord
{
    public long Id { get; set; }
    public long UnitScanId { get; set; }
    public UnitScan? UnitScan { get; set; }
    public int Ordinal { get; set; }
    public required string IndicatorId { get; set; }
    public required string CheckId { get; set; }
    public required string Subject { get; set; }
    /// <summary><see cref="Openness.Rules.Findings.FindingStatus"/> as text.</summary>
    public required string Status { get; set; }
    public double? Fraction { get; set; }
    public double? Measured { get; set; }
    public double? Expected { get; set; }
    public required string Message { get; set; }
    public required string EvidenceJson { get; set; }
    /// <summary>SHA-256 of (indicator, check, subject): the same finding has the same fingerprint in every run.</summary>
    public required string Fingerprint { get; set; }
    /// <summary><see cref="FindingChange"/> as text, computed when saving.</summary>
    public required string Change { get; set; }
    public string? PreviousStatus { get; set; }
    /// <summary>SHA-256 of what was found (status, fraction, measured, message, evidence URLs and text; not when it was
    /// seen): a review carries over to the next run only while this is unchanged.</summary>
    public string EvidenceHash { get; set; } = "";
    /// <summary>The previous run's finding had a review but its evidence changed: an assessor must look again.</summary>
    public bool NeedsReReview { get; set; }
    public List<FindingReview> Reviews { get; } = [];
}

/// <summary>
/// An assessor's review (评估人员复核) of a finding: confirm, override or recheck. <see cref="Fingerprint"/> lets a
/// review be carried to the same finding in later runs; a carried copy names the review it came from.
/// </summary>
public sealed class FindingReview
{
    public long Id { get; set; }
    public long FindingRecordId { get; set; }
    public required string Fingerprint { get; set; }
    public required string Reviewer { get; set; }
    public DateTimeOffset ReviewedAt { get; set; }
    /// <summary>confirm | override | recheck</summary>
    public required string Decision { get; set; }
    public double? PointsBefore { get; set; }
    public double? PointsAfter { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>Set on a copy made when the next run found the same evidence: the review the decision was first made in.</summary>
    public long? CarriedFromReviewId { get; set; }
}

/// <summary>
/// Points an assessor entered for an indicator leaf checked from submitted materials (提交材料), with a note. Applies
/// to the run it was entered against and every later run of the unit until a newer entry replaces it.
/// </summary>
public sealed class ManualScoreEntry
{
    public long Id { get; set; }
    public long UnitId { get; set; }
    public long ScanRunId { get; set; }
    public required string IndicatorId { get; set; }
    public double Points { get; set; }
    public string Note { get; set; } = "";
    public required string EnteredBy { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
}

/// <summary>
/// One decision in the audit trail (who, when, before, after). No foreign keys: the trail outlives the rows it
/// describes.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    /// <summary><see cref="AuditAction"/> as text.</summary>
    public required string Action { get; set; }
    public long? EvaluationId { get; set; }
    public string? UnitKey { get; set; }
    /// <summary>What was decided on, e.g. the indicator and check of a finding.</summary>
    public required string Subject { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string Reason { get; set; } = "";
}

/// <summary>A person who signs in to the web app. Unit users are bound to one unit by its units-file id.</summary>
public sealed class UserAccount
{
    public long Id { get; set; }
    public required string Username { get; set; }
    /// <summary>PasswordHasher&lt;T&gt;'s format (PBKDF2 with a per-password salt).</summary>
    public required string PasswordHash { get; set; }
    /// <summary><see cref="UserRole"/> as text.</summary>
    public required string Role { get; set; }
    public string? UnitKey { get; set; }
    public string DisplayName { get; set; } = "";
    public int FailedAttempts { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class ScoreRecord
{
    public long Id { get; set; }
    public long UnitScanId { get; set; }
    public long IndicatorSystemRecordId { get; set; }
    public IndicatorSystemRecord? IndicatorSystem { get; set; }
    public double Total { get; set; }
    public double Possible { get; set; }
    public required string Grade { get; set; }
    public bool Vetoed { get; set; }
    public double ManualPointsPending { get; set; }
    /// <summary>The checks' own total and grade before any assessor review or manual entry (Total/Grade are effective).</summary>
    public double AutomaticTotal { get; set; }
    public string AutomaticGrade { get; set; } = "";
    /// <summary>The ScoreCard as the checks scored it; <see cref="ScoreCardJson"/> is the effective one with reviews applied.</summary>
    public string AutomaticScoreCardJson { get; set; } = "";
    /// <summary>[{id, name, earned, possible}] for each level-1 indicator, so a ranking needs no ScoreCard parsing.</summary>
    public required string LevelOneJson { get; set; }
    public required string ScoreCardJson { get; set; }
}
