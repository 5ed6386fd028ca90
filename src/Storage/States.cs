namespace Openness.Storage;

public enum RunState { Running, Completed, Failed }

/// <summary>Completed: the unit was crawled and scored. Failed: the crawl could not run (the score may still record why).</summary>
public enum UnitScanState { Completed, Failed }

/// <summary>
/// How a finding compares with the same fingerprint in the unit's previous completed scan.
/// New: not seen before, or it passed before and is a problem now. Unchanged: same status as before.
/// Changed: a problem before and a different problem now (e.g. fail → partial). Fixed: a problem before, passes now.
/// </summary>
public enum FindingChange { New, Unchanged, Changed, Fixed }

/// <summary>What an assessor decided about a finding: the automatic result stands, other points, or look again.</summary>
public enum ReviewDecision { Confirm, Override, Recheck }

public enum UserRole { OfficeAdministrator, Assessor, UnitUser }

public enum AuditAction { ReviewConfirm, ReviewOverride, ReviewRecheck, ManualPoints, UserCreated, UserLockedOut, UserPasswordSet }
