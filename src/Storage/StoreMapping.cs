using Openness.Core.Snapshots;
using Openness.Rules.Findings;
using Openness.Rules.Scoring;
using Openness.Storage.Entities;
using Column = Openness.Rules.SiteModel.Column;
using Document = Openness.Rules.SiteModel.Document;

namespace Openness.Storage;

/// <summary>Contract types ↔ entities ↔ plain stored records.</summary>
internal static class StoreMapping
{
    public static PageOutcomeRecord ToRecord(long scanId, SnapshotPage p) => new()
    {
        UnitScanId = scanId,
        Url = p.Url,
        FinalUrl = p.FinalUrl,
        Status = p.Outcome.Status,
        ErrorKind = p.Outcome.Error.ToString(),
        Message = p.Outcome.Message,
        Attempts = p.Outcome.Attempts,
        ElapsedMs = p.Outcome.Elapsed.TotalMilliseconds,
        FetchMode = p.Mode.ToString(),
        FetchedAt = p.FetchedAt.ToUniversalTime(),
        ContentHash = p.ContentHash,
    };

    public static ColumnRecord ToRecord(long scanId, int ordinal, Column c, string? catalogueName) => new()
    {
        UnitScanId = scanId,
        Ordinal = ordinal,
        CatalogueId = c.CatalogueId,
        CatalogueName = catalogueName,
        NameAsShown = c.NameAsShown,
        Url = c.Url,
        ParentUrl = c.ParentUrl,
        ItemCount = c.ItemCount,
        NewestDate = c.NewestDate,
        ItemsNeedScript = c.ItemsNeedScript,
        Visited = c.Visited,
    };

    public static DocumentRecord ToRecord(long scanId, int ordinal, Document d) => new()
    {
        UnitScanId = scanId,
        Ordinal = ordinal,
        Url = d.Url,
        Title = d.Title,
        IndexNumber = d.IndexNumber,
        IssuingBody = d.IssuingBody,
        WrittenDate = d.WrittenDate,
        PublishedDate = d.PublishedDate,
        DocumentNumber = d.DocumentNumber,
        Topic = d.Topic,
        Validity = d.Validity,
        ColumnName = d.ColumnName,
        AttachmentsJson = ScoreCardJson.SerializeList(d.Attachments),
        InterpretationUrlsJson = ScoreCardJson.SerializeList(d.InterpretationUrls),
        OriginalDocumentUrlsJson = ScoreCardJson.SerializeList(d.OriginalDocumentUrls),
    };

    /// <summary>One finding per check of each leaf, in the card's order.</summary>
    public static IEnumerable<FindingRecord> ToFindings(long scanId, ScoreCard card, IReadOnlyDictionary<string, FindingStatus> previous)
    {
        var ordinal = 0;
        foreach (var leaf in card.Leaves)
            foreach (var check in leaf.Checks)
            {
                var fingerprint = FindingComparison.Fingerprint(leaf.Id, check.CheckId, check.Subject);
                FindingStatus? before = previous.TryGetValue(fingerprint, out var s) ? s : null;
                yield return new FindingRecord
                {
                    UnitScanId = scanId,
                    Ordinal = ordinal++,
                    IndicatorId = leaf.Id,
                    CheckId = check.CheckId,
                    Subject = check.Subject,
                    Status = check.Status.ToString(),
                    Fraction = check.Fraction,
                    Measured = check.Measured,
                    Expected = check.Expected,
                    Message = check.Message,
                    EvidenceJson = ScoreCardJson.SerializeEvidence(check.Evidence),
                    Fingerprint = fingerprint,
                    EvidenceHash = FindingComparison.EvidenceHash(check),
                    Change = FindingComparison.Compare(check.Status, before).ToString(),
                    PreviousStatus = before?.ToString(),
                };
            }
    }

    /// <summary>A score row whose effective values equal the automatic ones until reviews are applied.</summary>
    public static ScoreRecord ToRecord(long scanId, long systemRecordId, ScoreCard card)
    {
        var record = new ScoreRecord
        {
            UnitScanId = scanId,
            IndicatorSystemRecordId = systemRecordId,
            AutomaticTotal = card.Total,
            AutomaticGrade = card.Grade,
            AutomaticScoreCardJson = ScoreCardJson.Serialize(card),
            Grade = "",
            LevelOneJson = "",
            ScoreCardJson = "",
        };
        WriteEffective(record, card);
        return record;
    }

    public static void WriteEffective(ScoreRecord record, ScoreCard card)
    {
        record.Total = card.Total;
        record.Possible = card.Possible;
        record.Grade = card.Grade;
        record.Vetoed = card.Vetoed;
        record.ManualPointsPending = card.ManualPointsPending;
        record.LevelOneJson = ScoreCardJson.SerializeList(
            card.LevelOne.Select(i => new LevelOneScore(i.Id, i.Name, i.PointsEarned, i.PointsPossible)).ToList());
        record.ScoreCardJson = ScoreCardJson.Serialize(card);
    }

    public static RunSummary ToSummary(ScanRun r, (int Completed, int Failed) counts) => new(
        r.Id, r.Evaluation!.Name, r.IndicatorSystem!.SystemId, r.IndicatorSystem.Name, r.IndicatorSystem.Hash, r.AsOf,
        r.StartedAt, r.FinishedAt, Enum.Parse<RunState>(r.State), r.UnitsPlanned, counts.Completed, counts.Failed);

    public static StoredFinding ToStored(FindingRecord f) => new(
        f.IndicatorId, f.CheckId, f.Subject, Enum.Parse<FindingStatus>(f.Status), f.Fraction, f.Measured, f.Expected, f.Message,
        ScoreCardJson.DeserializeEvidence(f.EvidenceJson), f.Fingerprint, Enum.Parse<FindingChange>(f.Change),
        f.PreviousStatus is null ? null : Enum.Parse<FindingStatus>(f.PreviousStatus));

    public static StoredColumn ToStored(ColumnRecord c) => new(
        c.CatalogueId, c.CatalogueName, c.NameAsShown, c.Url, c.ParentUrl, c.ItemCount, c.NewestDate, c.ItemsNeedScript, c.Visited);

    public static StoredDocument ToStored(DocumentRecord d) => new(
        d.Url, d.Title, d.IndexNumber, d.IssuingBody, d.WrittenDate, d.PublishedDate, d.DocumentNumber, d.Topic, d.Validity,
        d.ColumnName, ScoreCardJson.DeserializeList<string>(d.AttachmentsJson), ScoreCardJson.DeserializeList<string>(d.InterpretationUrlsJson),
        ScoreCardJson.DeserializeList<string>(d.OriginalDocumentUrlsJson));

    public static StoredPageOutcome ToStored(PageOutcomeRecord p) => new(
        p.Url, p.FinalUrl, p.Status, p.ErrorKind, p.Message, p.Attempts, TimeSpan.FromMilliseconds(p.ElapsedMs), p.FetchMode,
        p.FetchedAt, p.ContentHash);
}
