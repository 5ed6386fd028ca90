using NUnit.Framework;
using Openness.Cli;
using Openness.Cli.Commands;
using Openness.Cli.Scanning;
using Openness.Crawler;
using Openness.Pipeline.Tests.SamplePortals;
using Openness.Rules.Findings;
using Openness.SamplePortals;
using Openness.Storage;

namespace Openness.Pipeline.Tests.EndToEnd;

/// <summary>
/// `crawler demo` end to end with real parts: the bundled portals on Kestrel, Chromium for the script-drawn unit,
/// AngleSharp, the real rules, a real SQLite file. What was stored must match what the sample portals really contain
/// (samples/expected.yaml): missing columns reported missing, the blank one blank, the stale one stale, the present
/// ones present with their items, and the documents' gaps found.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class DemoEndToEndTests
{
    // Mid-year, so every dated sample (annual reports of {{year:0}}-01-20 included) lies in the past.
    private static readonly DateOnly AsOf = new(2026, 6, 15);
    private string _data = "";
    private ScanResult _result = null!;
    private ScanStore _store = null!;
    private IReadOnlyDictionary<string, ExpectedUnit> _expected = null!;

    [OneTimeSetUp]
    public async Task RunDemo()
    {
        _data = Path.Combine(Path.GetTempPath(), "openness-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        var storage = StorageOptions.SqliteFile(Path.Combine(_data, "openness.db"));
        var settings = new AppSettings
        {
            Root = SampleRepo.Root,
            DataDir = _data,
            Crawler = new CrawlerOptions { UnitsInParallel = 4 },
            Storage = storage,
        };
        using var log = new StringWriter();
        _result = await DemoCommand.RunAsync(settings, AsOf, log, CancellationToken.None);
        TestContext.Out.WriteLine(log.ToString());
        _store = await ScanStore.OpenAsync(storage);
        _expected = ExpectedSamples.Load(SampleRepo.Expected);
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Test]
    public void Every_sample_unit_was_scanned_and_scored()
    {
        Assert.That(_result.FailedUnits, Is.Empty);
        Assert.That(_result.Cards.Select(c => c.UnitId), Is.EquivalentTo(_expected.Keys));
        foreach (var card in _result.Cards)
        {
            Assert.That(card.Possible, Is.EqualTo(100), card.UnitId);
            Assert.That(card.Grade, Is.AnyOf("优秀", "良好", "合格", "不合格"), card.UnitId);
        }
    }

    [Test]
    public void The_unit_with_gaps_ranks_below_the_clean_county()
    {
        var county = _result.Cards.Single(c => c.UnitId == "county");
        var gaps = _result.Cards.Single(c => c.UnitId == "dept-gaps");
        Assert.That(gaps.Total, Is.LessThan(county.Total));
    }

    [Test]
    public async Task Present_columns_are_found_with_their_items_and_newest_date()
    {
        foreach (var unit in _expected.Values)
        {
            var stored = (await _store.GetUnitResultAsync(_result.RunId, unit.Id))!;
            foreach (var col in unit.Columns.Values.Where(c => c.Status is "present" or "stale" && c.Items is not null))
            {
                var found = stored.Columns.Where(c => c.CatalogueId == col.Id).ToList();
                Assert.That(found, Has.Count.EqualTo(1), $"{unit.Id}: column {col.Id} ({col.Name}) found once");
                Assert.That(found[0].ItemCount, Is.EqualTo(col.Items), $"{unit.Id}: {col.Id} items");
                Assert.That(found[0].NewestDate, Is.EqualTo(ExpectedNewest(col)), $"{unit.Id}: {col.Id} newest date");
            }
        }
    }

    [Test]
    public async Task Missing_columns_are_reported_missing()
    {
        foreach (var unit in _expected.Values)
        {
            var stored = (await _store.GetUnitResultAsync(_result.RunId, unit.Id))!;
            var missingIds = unit.Columns.Values.Where(c => c.Status == "missing").Select(c => c.Id).ToList();
            foreach (var id in missingIds)
            {
                Assert.That(stored.Columns.Any(c => c.CatalogueId == id), Is.False, $"{unit.Id}: {id} must not be found");
                var name = CatalogueNames[id];
                // Named missing by column-exists, or (the annual report, the guide) by the check that looks for it.
                var reported = stored.Findings.Where(f => f.Status is FindingStatus.Fail or FindingStatus.Partial
                    && ((f.CheckId == "column-exists" && MissingPart(f.Message).Contains(name)) || f.CheckId == id)).ToList();
                Assert.That(reported, Is.Not.Empty, $"{unit.Id}: a finding reports {name} missing");
            }
            // A present column is never reported missing.
            foreach (var col in unit.Columns.Values.Where(c => c.Status != "missing"))
                Assert.That(stored.Findings.Where(f => f.CheckId == "column-exists").Select(f => MissingPart(f.Message)),
                    Has.None.Contains(col.Name), $"{unit.Id}: {col.Id} is present but reported missing");
        }
    }

    [Test]
    public async Task The_blank_column_is_reported_blank_and_the_stale_one_stale()
    {
        var unit = _expected["dept-gaps"];
        var stored = (await _store.GetUnitResultAsync(_result.RunId, unit.Id))!;
        foreach (var col in unit.Columns.Values.Where(c => c.Status == "blank"))
        {
            Assert.That(stored.Columns.Single(c => c.CatalogueId == col.Id).ItemCount, Is.Zero);
            Assert.That(stored.Findings.Where(f => f.CheckId == "column-not-blank" && f.Status != FindingStatus.Pass)
                .Select(f => f.Message), Has.Some.Contains(col.Name!), $"{col.Name} reported blank");
        }
        var stale = unit.Columns.Values.Where(c => c.Status == "stale").ToList();
        Assert.That(stale, Is.Not.Empty);
        foreach (var col in stale)
            Assert.That(stored.Findings.Where(f => f.CheckId == "column-updated" && f.Status != FindingStatus.Pass)
                .Select(f => f.Message), Has.Some.Contains(col.Name!), $"{col.Name} reported stale");
        // Fresh columns of the clean county are never called stale.
        var county = (await _store.GetUnitResultAsync(_result.RunId, "county"))!;
        foreach (var f in county.Findings.Where(f => f.CheckId == "column-updated"))
            Assert.That(f.Status, Is.EqualTo(FindingStatus.Pass), f.Message);
    }

    [Test]
    public async Task Document_gaps_are_found()
    {
        foreach (var unit in _expected.Values)
        {
            var stored = (await _store.GetUnitResultAsync(_result.RunId, unit.Id))!;
            string UrlOf(ExpectedDocument d) => DateTemplate.Render(d.Path, AsOf);

            foreach (var doc in unit.MissingInterpretation)
            {
                var found = stored.Documents.SingleOrDefault(d => new Uri(d.Url).AbsolutePath == UrlOf(doc));
                Assert.That(found, Is.Not.Null, $"{unit.Id}: document {doc.Title} read");
                Assert.That(found!.InterpretationUrls, Is.Empty, $"{unit.Id}: {doc.Title} has no interpretation");
            }
            if (unit.MissingInterpretation.Count > 0)
                Assert.That(stored.Findings.Where(f => f.CheckId == "policy-interpretation-linked").Select(f => f.Status),
                    Has.Some.AnyOf(FindingStatus.Fail, FindingStatus.Partial), $"{unit.Id}: missing interpretations reported");

            foreach (var doc in unit.IncompleteMetadata.Where(d => d.Missing.Contains("writtenDate")))
                Assert.That(stored.Documents.Single(d => new Uri(d.Url).AbsolutePath == UrlOf(doc)).WrittenDate, Is.Null,
                    $"{unit.Id}: commented-out 成文日期 of {doc.Title} is not read");

            foreach (var doc in unit.LatePublication)
                Assert.That(EvidencePaths(stored, "document-published-timely"), Does.Contain(UrlOf(doc)),
                    $"{unit.Id}: late publication of {doc.Title} reported");

            foreach (var doc in unit.LateInterpretation)
                Assert.That(EvidencePaths(stored, "interpretation-timely"), Does.Contain(UrlOf(doc)),
                    $"{unit.Id}: late interpretation of {doc.Title} reported");
        }
    }

    [Test]
    public void Reports_and_export_are_written_for_every_unit()
    {
        Assert.That(File.Exists(Path.Combine(_result.ReportDir, "ranking.html")));
        Assert.That(File.Exists(Path.Combine(_result.ReportDir, "ranking.csv")));
        var withTasks = 0;
        foreach (var id in _expected.Keys)
        {
            var html = File.ReadAllText(Path.Combine(_result.ReportDir, id + ".html"));
            Assert.That(html, Does.Contain(_expected[id].Name));
            Assert.That(File.Exists(Path.Combine(_result.ExportDir!, id + ".json")));
            // The county system is used with seed 004's supervision table (rules/supervision-2017.yaml): a unit's
            // gaps raise its tasks, with their 材料提供部门, in the report's 整改清单.
            if (html.Contains("督察任务：第", StringComparison.Ordinal) && html.Contains("市政府办公室", StringComparison.Ordinal)) withTasks++;
        }
        Assert.That(withTasks, Is.GreaterThan(0), "some unit's rectification list carries supervision tasks");
    }

    private static DateOnly ExpectedNewest(ExpectedColumn col) =>
        col.NewestOffsetDays is { } days ? AsOf.AddDays(days) : DateOnly.Parse(DateTemplate.Render(col.NewestDate!, AsOf));

    private static readonly Dictionary<string, string> CatalogueNames = LoadCatalogueNames();

    private static Dictionary<string, string> LoadCatalogueNames() =>
        Openness.Rules.Catalogue.ColumnCatalogue.Load(Path.Combine(SampleRepo.Root, "rules", "columns.yaml"))
            .Columns.ToDictionary(c => c.Id, c => c.Name);

    /// <summary>The list of missing columns in a column-exists message ("缺少N个必设栏目（共M个）：A、B；..."), or "".</summary>
    private static string MissingPart(string message)
    {
        var start = message.IndexOf("缺少", StringComparison.Ordinal);
        if (start < 0) return "";
        var end = message.IndexOf('；', start);
        return end < 0 ? message[start..] : message[start..end];
    }

    private static IEnumerable<string> EvidencePaths(UnitResult stored, string checkId) =>
        stored.Findings.Where(f => f.CheckId == checkId && f.Status != FindingStatus.Pass)
            .SelectMany(f => f.Evidence).Select(e => Uri.TryCreate(e.Url, UriKind.Absolute, out var u) ? u.AbsolutePath : e.Url);
}
