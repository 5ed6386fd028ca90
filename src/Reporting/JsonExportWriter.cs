using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Openness.Rules.Scoring;
using Openness.Storage;

namespace Openness.Reporting;

/// <summary>
/// <c>DIR/&lt;unit-id&gt;.json</c>: one unit's result in the format documented in docs/export.md (schema
/// docs/export.schema.json). Written property by property so the order is stable and matches the documentation.
/// </summary>
public sealed class JsonExportWriter
{
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Chinese stays readable; < > & ' are still escaped, so the file is safe to embed anywhere.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public async Task<string> WriteAsync(UnitResult result, string directory, CancellationToken ct = default)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ReportFiles.UnitExportName(result.Unit.Id));
        await File.WriteAllBytesAsync(path, Render(result), ct);
        return path;
    }

    public byte[] Render(UnitResult r)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            var card = r.ScoreCard;
            w.WriteStartObject();
            w.WriteNumber("formatVersion", FormatVersion);
            w.WriteStartObject("unit");
            w.WriteString("id", r.Unit.Id);
            w.WriteString("name", r.Unit.Name);
            w.WriteString("group", r.Unit.Group);
            w.WriteString("portal", r.Unit.Portal);
            w.WriteEndObject();
            w.WriteString("evaluation", r.Run.Evaluation);
            w.WriteString("asOf", IsoDate(r.Run.AsOf));
            w.WriteStartObject("system");
            w.WriteString("id", r.Run.SystemId);
            w.WriteString("name", r.Run.SystemName);
            w.WriteString("hash", card?.SystemHash ?? r.Run.SystemHash);
            w.WriteEndObject();
            NumberOrNull(w, "total", card?.Total);
            NumberOrNull(w, "possible", card?.Possible);
            StringOrNull(w, "grade", card?.Grade);
            w.WriteBoolean("vetoed", card?.Vetoed ?? false);
            w.WriteNumber("manualPointsPending", card?.ManualPointsPending ?? 0);
            WriteCrawl(w, r.Crawl);
            WriteColumns(w, r.Columns);
            WriteDocuments(w, r.Documents);
            WriteIndicators(w, card, r.Findings.ToLookup(f => f.IndicatorId));
            WriteAdjustments(w, card);
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static void WriteCrawl(Utf8JsonWriter w, UnitCrawlSummary c)
    {
        w.WriteStartObject("crawl");
        w.WriteString("state", c.State.ToString().ToLowerInvariant());
        StringOrNull(w, "message", c.Message);
        w.WriteNumber("pagesFetched", c.PagesFetched);
        w.WriteNumber("pagesFailed", c.PagesFailed);
        w.WriteString("startedAt", IsoTime(c.StartedAt));
        w.WriteString("finishedAt", IsoTime(c.FinishedAt));
        w.WriteEndObject();
    }

    private static void WriteColumns(Utf8JsonWriter w, IReadOnlyList<StoredColumn> columns)
    {
        w.WriteStartArray("columns");
        foreach (var c in columns)
        {
            w.WriteStartObject();
            StringOrNull(w, "catalogueId", c.CatalogueId);
            StringOrNull(w, "catalogueName", c.CatalogueName);
            w.WriteString("nameAsShown", c.NameAsShown);
            w.WriteString("url", c.Url);
            w.WriteNumber("itemCount", c.ItemCount);
            StringOrNull(w, "newestItemDate", c.NewestDate is { } d ? IsoDate(d) : null);
            w.WriteBoolean("itemsNeedScript", c.ItemsNeedScript);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteDocuments(Utf8JsonWriter w, IReadOnlyList<StoredDocument> documents)
    {
        w.WriteStartArray("documents");
        foreach (var d in documents)
        {
            w.WriteStartObject();
            w.WriteString("url", d.Url);
            StringOrNull(w, "title", d.Title);
            StringOrNull(w, "indexNumber", d.IndexNumber);
            StringOrNull(w, "issuingBody", d.IssuingBody);
            StringOrNull(w, "writtenDate", d.WrittenDate is { } wd ? IsoDate(wd) : null);
            StringOrNull(w, "publishedDate", d.PublishedDate is { } pd ? IsoDate(pd) : null);
            StringOrNull(w, "documentNumber", d.DocumentNumber);
            StringOrNull(w, "topic", d.Topic);
            StringOrNull(w, "validity", d.Validity);
            Strings(w, "attachments", d.Attachments);
            Strings(w, "interpretationUrls", d.InterpretationUrls);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteIndicators(Utf8JsonWriter w, ScoreCard? card, ILookup<string, StoredFinding> findings)
    {
        w.WriteStartArray("indicators");
        foreach (var i in card?.Indicators ?? [])
        {
            w.WriteStartObject();
            w.WriteString("id", i.Id);
            w.WriteString("name", i.Name);
            w.WriteNumber("level", i.Level);
            StringOrNull(w, "parentId", i.ParentId);
            w.WriteBoolean("isLeaf", i.IsLeaf);
            Strings(w, "methods", i.Methods.Select(Labels.MethodCode));
            w.WriteString("status", Labels.StatusCode(i.Status));
            w.WriteNumber("pointsEarned", i.PointsEarned);
            w.WriteNumber("pointsPossible", i.PointsPossible);
            Strings(w, "evidenceUrls", i.EvidenceUrls);
            w.WriteString("message", i.Message);
            w.WriteStartArray("checks");
            foreach (var f in findings[i.Id])
            {
                w.WriteStartObject();
                w.WriteString("checkId", f.CheckId);
                w.WriteString("subject", f.Subject);
                w.WriteString("status", Labels.StatusCode(f.Status));
                w.WriteString("message", f.Message);
                w.WriteString("change", Labels.ChangeCode(f.Change));
                Strings(w, "evidenceUrls", f.Evidence.Select(e => e.Url).Distinct());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteAdjustments(Utf8JsonWriter w, ScoreCard? card)
    {
        w.WriteStartArray("adjustments");
        foreach (var a in card?.Adjustments ?? [])
        {
            w.WriteStartObject();
            w.WriteString("kind", a.Kind);
            w.WriteString("id", a.Id);
            w.WriteString("name", a.Name);
            w.WriteNumber("points", a.Points);
            w.WriteString("status", Labels.StatusCode(a.Status));
            w.WriteString("message", a.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string IsoDate(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string IsoTime(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void StringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }

    private static void NumberOrNull(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
