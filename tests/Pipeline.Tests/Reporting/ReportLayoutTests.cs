using Microsoft.Playwright;
using NUnit.Framework;
using Openness.Reporting;
using Openness.Storage;

namespace Openness.Pipeline.Tests.Reporting;

/// <summary>The unit report laid out by Debian Chromium at a phone's width and at A4's printable width.</summary>
[TestFixture]
public sealed class ReportLayoutTests
{
    private ReportTestStore _t = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _html = "";

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _t = await ReportTestStore.CreateAsync();
        await _t.AddSecondRunAsync();
        var unit = (await _t.Store.GetUnitResultAsync(_t.RunId, "missing-column"))!;
        var history = await _t.Store.GetUnitHistoryAsync(unit.Run.Evaluation, "missing-column");
        _html = new UnitReportWriter().Render(unit, history);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = UnitReportPdf.DefaultChromiumPath, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
        await _t.DisposeAsync();
    }

    private async Task<IPage> Open(int width, bool print = false)
    {
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 800 }, Offline = true });
        if (print) await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.SetContentAsync(_html);
        return page;
    }

    [Test]
    public async Task On_a_phone_nothing_is_wider_than_the_screen_and_tables_read_as_labelled_cards()
    {
        var page = await Open(360);
        Assert.That(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(360), "no sideways scrolling of the page");
        Assert.That(await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('table.rect thead')).display"), Is.EqualTo("none"));
        Assert.That(await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('table.rect td[data-label=存在问题]'), '::before').content"),
            Is.EqualTo("\"存在问题\""), "each cell is headed by its column's name");
        var cardWidth = await page.EvaluateAsync<double>("document.querySelector('table.rect tbody tr').getBoundingClientRect().width");
        Assert.That(cardWidth, Is.LessThanOrEqualTo(360).And.GreaterThan(300), "a card spans the screen");
        var chart = await page.EvaluateAsync<double[]>("(() => { const r = document.querySelector('.chart svg').getBoundingClientRect(); return [r.width, r.height]; })()");
        Assert.That(chart[0], Is.LessThanOrEqualTo(360).And.GreaterThan(300), "the trend chart fits the screen");
        var fontPx = await page.EvaluateAsync<double>("(() => { const s = document.querySelector('.chart svg'); const t = s.querySelector('text'); return t.getBoundingClientRect().height; })()");
        Assert.That(fontPx, Is.GreaterThanOrEqualTo(9), "chart type stays legible");
        var bodyFont = await page.EvaluateAsync<string>("getComputedStyle(document.body).fontSize");
        Assert.That(double.Parse(bodyFont.Replace("px", ""), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(14));
        await page.CloseAsync();
    }

    [Test]
    public async Task On_a_laptop_the_rectification_list_is_one_table_row_per_item()
    {
        var page = await Open(1280);
        Assert.That(await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('table.rect thead')).display"), Is.EqualTo("table-header-group"));
        var cells = await page.EvaluateAsync<double[]>("[...document.querySelectorAll('table.rect tbody tr:first-child td')].map(td => td.getBoundingClientRect().top)");
        Assert.That(cells, Has.Length.EqualTo(7));
        Assert.That(cells.Distinct().Count(), Is.EqualTo(1), "the seven cells side by side");
        await page.CloseAsync();
    }

    [Test]
    public async Task Printed_on_A4_nothing_is_cut_off_at_the_right_margin()
    {
        // A4 is 210 mm; less 12 mm margins each side that leaves 186 mm ≈ 703 CSS px.
        var page = await Open(703, print: true);
        Assert.That(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(703));
        var widest = await page.EvaluateAsync<double>("Math.max(...[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right))");
        Assert.That(widest, Is.LessThanOrEqualTo(703), "every table, including the wide ones, fits the printed page");
        await page.CloseAsync();
    }
}
