using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Openness.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorSystems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SystemId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorSystems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Units",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EvaluationId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Group = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Portal = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Units", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Units_Evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "Evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScanRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EvaluationId = table.Column<long>(type: "INTEGER", nullable: false),
                    IndicatorSystemRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UnitsPlanned = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitsCompleted = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitsFailed = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScanRuns_Evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "Evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScanRuns_IndicatorSystems_IndicatorSystemRecordId",
                        column: x => x.IndicatorSystemRecordId,
                        principalTable: "IndicatorSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnitScans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScanRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CrawlMessage = table.Column<string>(type: "TEXT", nullable: true),
                    PagesFetched = table.Column<int>(type: "INTEGER", nullable: false),
                    PagesFailed = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitScans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnitScans_ScanRuns_ScanRunId",
                        column: x => x.ScanRunId,
                        principalTable: "ScanRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UnitScans_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Columns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitScanId = table.Column<long>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    CatalogueId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CatalogueName = table.Column<string>(type: "TEXT", nullable: true),
                    NameAsShown = table.Column<string>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", nullable: false),
                    ParentUrl = table.Column<string>(type: "TEXT", nullable: true),
                    ItemCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NewestDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ItemsNeedScript = table.Column<bool>(type: "INTEGER", nullable: false),
                    Visited = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Columns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Columns_UnitScans_UnitScanId",
                        column: x => x.UnitScanId,
                        principalTable: "UnitScans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Documents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitScanId = table.Column<long>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: true),
                    IndexNumber = table.Column<string>(type: "TEXT", nullable: true),
                    IssuingBody = table.Column<string>(type: "TEXT", nullable: true),
                    WrittenDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PublishedDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DocumentNumber = table.Column<string>(type: "TEXT", nullable: true),
                    Topic = table.Column<string>(type: "TEXT", nullable: true),
                    Validity = table.Column<string>(type: "TEXT", nullable: true),
                    ColumnName = table.Column<string>(type: "TEXT", nullable: true),
                    AttachmentsJson = table.Column<string>(type: "TEXT", nullable: false),
                    InterpretationUrlsJson = table.Column<string>(type: "TEXT", nullable: false),
                    OriginalDocumentUrlsJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Documents_UnitScans_UnitScanId",
                        column: x => x.UnitScanId,
                        principalTable: "UnitScans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Findings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitScanId = table.Column<long>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CheckId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Fraction = table.Column<double>(type: "REAL", nullable: true),
                    Measured = table.Column<double>(type: "REAL", nullable: true),
                    Expected = table.Column<double>(type: "REAL", nullable: true),
                    Message = table.Column<string>(type: "TEXT", nullable: false),
                    EvidenceJson = table.Column<string>(type: "TEXT", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PreviousStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Findings_UnitScans_UnitScanId",
                        column: x => x.UnitScanId,
                        principalTable: "UnitScans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PageOutcomes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitScanId = table.Column<long>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", nullable: false),
                    FinalUrl = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: true),
                    ErrorKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ElapsedMs = table.Column<double>(type: "REAL", nullable: false),
                    FetchMode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FetchedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PageOutcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PageOutcomes_UnitScans_UnitScanId",
                        column: x => x.UnitScanId,
                        principalTable: "UnitScans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Scores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitScanId = table.Column<long>(type: "INTEGER", nullable: false),
                    IndicatorSystemRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    Total = table.Column<double>(type: "REAL", nullable: false),
                    Possible = table.Column<double>(type: "REAL", nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Vetoed = table.Column<bool>(type: "INTEGER", nullable: false),
                    ManualPointsPending = table.Column<double>(type: "REAL", nullable: false),
                    LevelOneJson = table.Column<string>(type: "TEXT", nullable: false),
                    ScoreCardJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Scores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Scores_IndicatorSystems_IndicatorSystemRecordId",
                        column: x => x.IndicatorSystemRecordId,
                        principalTable: "IndicatorSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Scores_UnitScans_UnitScanId",
                        column: x => x.UnitScanId,
                        principalTable: "UnitScans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FindingReviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FindingRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reviewer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PointsBefore = table.Column<double>(type: "REAL", nullable: true),
                    PointsAfter = table.Column<double>(type: "REAL", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FindingReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FindingReviews_Findings_FindingRecordId",
                        column: x => x.FindingRecordId,
                        principalTable: "Findings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Columns_UnitScanId",
                table: "Columns",
                column: "UnitScanId");

            migrationBuilder.CreateIndex(
                name: "IX_Documents_UnitScanId",
                table: "Documents",
                column: "UnitScanId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_Name",
                table: "Evaluations",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FindingReviews_FindingRecordId",
                table: "FindingReviews",
                column: "FindingRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_FindingReviews_Fingerprint",
                table: "FindingReviews",
                column: "Fingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_Fingerprint",
                table: "Findings",
                column: "Fingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_UnitScanId_Fingerprint",
                table: "Findings",
                columns: new[] { "UnitScanId", "Fingerprint" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorSystems_Hash",
                table: "IndicatorSystems",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PageOutcomes_UnitScanId",
                table: "PageOutcomes",
                column: "UnitScanId");

            migrationBuilder.CreateIndex(
                name: "IX_ScanRuns_EvaluationId_StartedAt",
                table: "ScanRuns",
                columns: new[] { "EvaluationId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ScanRuns_IndicatorSystemRecordId",
                table: "ScanRuns",
                column: "IndicatorSystemRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_Scores_IndicatorSystemRecordId",
                table: "Scores",
                column: "IndicatorSystemRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_Scores_UnitScanId",
                table: "Scores",
                column: "UnitScanId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Units_EvaluationId_UnitKey",
                table: "Units",
                columns: new[] { "EvaluationId", "UnitKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnitScans_ScanRunId_UnitId",
                table: "UnitScans",
                columns: new[] { "ScanRunId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnitScans_UnitId_State",
                table: "UnitScans",
                columns: new[] { "UnitId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Columns");

            migrationBuilder.DropTable(
                name: "Documents");

            migrationBuilder.DropTable(
                name: "FindingReviews");

            migrationBuilder.DropTable(
                name: "PageOutcomes");

            migrationBuilder.DropTable(
                name: "Scores");

            migrationBuilder.DropTable(
                name: "Findings");

            migrationBuilder.DropTable(
                name: "UnitScans");

            migrationBuilder.DropTable(
                name: "ScanRuns");

            migrationBuilder.DropTable(
                name: "Units");

            migrationBuilder.DropTable(
                name: "IndicatorSystems");

            migrationBuilder.DropTable(
                name: "Evaluations");
        }
    }
}
