using Microsoft.EntityFrameworkCore;
using Openness.Storage.Entities;

namespace Openness.Storage;

/// <summary>
/// The store's model. Provider-neutral: each provider has a thin subclass (<see cref="SqliteOpennessDbContext"/>,
/// <see cref="PostgresOpennessDbContext"/>) only so that each gets its own migrations in this one assembly.
/// </summary>
public abstract class OpennessDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Evaluation> Evaluations => Set<Evaluation>();
    public DbSet<IndicatorSystemRecord> IndicatorSystems => Set<IndicatorSystemRecord>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<ScanRun> ScanRuns => Set<ScanRun>();
    public DbSet<UnitScan> UnitScans => Set<UnitScan>();
    public DbSet<PageOutcomeRecord> PageOutcomes => Set<PageOutcomeRecord>();
    public DbSet<ColumnRecord> Columns => Set<ColumnRecord>();
    public DbSet<DocumentRecord> Documents => Set<DocumentRecord>();
    public DbSet<FindingRecord> Findings => Set<FindingRecord>();
    public DbSet<FindingReview> FindingReviews => Set<FindingReview>();
    public DbSet<ScoreRecord> Scores => Set<ScoreRecord>();
    public DbSet<ManualScoreEntry> ManualScores => Set<ManualScoreEntry>();
    public DbSet<AuditEntry> AuditTrail => Set<AuditEntry>();
    public DbSet<UserAccount> Users => Set<UserAccount>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Evaluation>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => x.Name).IsUnique();
            e.HasMany(x => x.Units).WithOne(x => x.Evaluation).HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Runs).WithOne(x => x.Evaluation).HasForeignKey(x => x.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<IndicatorSystemRecord>(e =>
        {
            e.Property(x => x.SystemId).HasMaxLength(200);
            e.Property(x => x.Name).HasMaxLength(500);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.Hash).IsUnique();
        });
        b.Entity<Unit>(e =>
        {
            e.Property(x => x.UnitKey).HasMaxLength(200);
            e.Property(x => x.Name).HasMaxLength(500);
            e.Property(x => x.Group).HasMaxLength(100);
            e.Property(x => x.Portal).HasMaxLength(2000);
            e.HasIndex(x => new { x.EvaluationId, x.UnitKey }).IsUnique();
        });
        b.Entity<ScanRun>(e =>
        {
            e.Property(x => x.State).HasMaxLength(20);
            e.HasOne(x => x.IndicatorSystem).WithMany().HasForeignKey(x => x.IndicatorSystemRecordId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.UnitScans).WithOne(x => x.ScanRun).HasForeignKey(x => x.ScanRunId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.EvaluationId, x.StartedAt });
        });
        b.Entity<UnitScan>(e =>
        {
            e.Property(x => x.State).HasMaxLength(20);
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            // One row per run × unit: saving a unit again replaces its rows instead of adding a second scan.
            e.HasIndex(x => new { x.ScanRunId, x.UnitId }).IsUnique();
            e.HasIndex(x => new { x.UnitId, x.State });
            e.HasMany(x => x.Pages).WithOne().HasForeignKey(x => x.UnitScanId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Columns).WithOne().HasForeignKey(x => x.UnitScanId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Documents).WithOne().HasForeignKey(x => x.UnitScanId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Findings).WithOne(x => x.UnitScan).HasForeignKey(x => x.UnitScanId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Score).WithOne().HasForeignKey<ScoreRecord>(x => x.UnitScanId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PageOutcomeRecord>(e =>
        {
            e.Property(x => x.ErrorKind).HasMaxLength(40);
            e.Property(x => x.FetchMode).HasMaxLength(20);
            e.Property(x => x.ContentHash).HasMaxLength(100);
            e.HasIndex(x => x.UnitScanId);
        });
        b.Entity<ColumnRecord>(e =>
        {
            e.Property(x => x.CatalogueId).HasMaxLength(200);
            e.HasIndex(x => x.UnitScanId);
        });
        b.Entity<DocumentRecord>(e => e.HasIndex(x => x.UnitScanId));
        b.Entity<FindingRecord>(e =>
        {
            e.Property(x => x.IndicatorId).HasMaxLength(200);
            e.Property(x => x.CheckId).HasMaxLength(200);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.Change).HasMaxLength(20);
            e.Property(x => x.PreviousStatus).HasMaxLength(20);
            e.Property(x => x.Fingerprint).HasMaxLength(64);
            e.Property(x => x.EvidenceHash).HasMaxLength(64);
            e.HasIndex(x => new { x.UnitScanId, x.Fingerprint });
            e.HasIndex(x => x.Fingerprint);
            e.HasMany(x => x.Reviews).WithOne().HasForeignKey(x => x.FindingRecordId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<FindingReview>(e =>
        {
            e.Property(x => x.Fingerprint).HasMaxLength(64);
            e.Property(x => x.Reviewer).HasMaxLength(200);
            e.Property(x => x.Decision).HasMaxLength(20);
            e.HasIndex(x => x.Fingerprint);
            e.HasIndex(x => x.FindingRecordId);
        });
        b.Entity<ManualScoreEntry>(e =>
        {
            e.Property(x => x.IndicatorId).HasMaxLength(200);
            e.Property(x => x.EnteredBy).HasMaxLength(200);
            // Restrict: runs and units both hang off the evaluation, and SQL Server refuses two cascade paths.
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ScanRun>().WithMany().HasForeignKey(x => x.ScanRunId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.UnitId, x.IndicatorId });
        });
        b.Entity<AuditEntry>(e =>
        {
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Action).HasMaxLength(40);
            e.Property(x => x.UnitKey).HasMaxLength(200);
            e.Property(x => x.Subject).HasMaxLength(1000);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.EvaluationId, x.UnitKey });
        });
        b.Entity<UserAccount>(e =>
        {
            e.Property(x => x.Username).HasMaxLength(100);
            e.Property(x => x.Role).HasMaxLength(40);
            e.Property(x => x.UnitKey).HasMaxLength(200);
            e.Property(x => x.DisplayName).HasMaxLength(200);
            e.Property(x => x.PasswordHash).HasMaxLength(500);
            e.HasIndex(x => x.Username).IsUnique();
        });
        b.Entity<ScoreRecord>(e =>
        {
            e.Property(x => x.Grade).HasMaxLength(50);
            e.Property(x => x.AutomaticGrade).HasMaxLength(50);
            e.HasOne(x => x.IndicatorSystem).WithMany().HasForeignKey(x => x.IndicatorSystemRecordId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.UnitScanId).IsUnique();
        });
    }
}

public sealed class SqliteOpennessDbContext(DbContextOptions<SqliteOpennessDbContext> options) : OpennessDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        // SQLite cannot ORDER BY or compare DateTimeOffset natively; stored as text it sorts wrongly across offsets.
        // Binary (UTC ticks + offset) keeps ordering and comparisons in SQL.
        c.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresOpennessDbContext(DbContextOptions<PostgresOpennessDbContext> options) : OpennessDbContext(options);
