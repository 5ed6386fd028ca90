using Microsoft.Playwright;
using NUnit.Framework;

namespace Openness.Web.Tests;

/// <summary>
/// Each role's main task in Debian's Chromium against the app on 127.0.0.1: what a person would see and click.
/// Runs in order because the assessor's override is what the office and unit then see.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class BrowserTests
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task LaunchAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    [OneTimeTearDown]
    public async Task CloseAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private async Task<IPage> SignInAsync(string user, bool phone = false)
    {
        var context = await _browser.NewContextAsync(phone ? new() { ViewportSize = new() { Width = 390, Height = 800 }, IsMobile = true } : new());
        var page = await context.NewPageAsync();
        await page.GotoAsync(TestApp.BaseUrl + "/");
        Assert.That(page.Url, Does.Contain("/login"), "an anonymous visitor is asked to sign in");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", TestApp.Password);
        await page.ClickAsync("button[type=submit]");
        return page;
    }

    private static async Task AssertNoInjectionAsync(IPage page)
    {
        Assert.That(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), Is.True, $"script ran on {page.Url}");
        Assert.That(await page.Locator("img[onerror]").CountAsync(), Is.EqualTo(0), $"injected element on {page.Url}");
    }

    [Test, Order(1)]
    public async Task Office_sees_the_ranking_runs_and_a_units_trend()
    {
        var page = await SignInAsync("office");
        Assert.That(page.Url, Does.EndWith("/office"));
        await page.ClickAsync($"text={TestApp.Evaluation}");
        var rows = page.Locator("#ranking tr");
        Assert.That(await rows.CountAsync(), Is.EqualTo(3), "header and two units");
        var header = await page.Locator("#ranking tr >> nth=0").InnerTextAsync();
        Assert.That(header, Does.Contain("总分").And.Contain("等次").And.Contain("政务公开透明度"), "per-level-1 columns");
        Assert.That(await page.Locator("#ranking").InnerTextAsync(), Does.Contain(TestApp.UnitA.Name).And.Contain(TestApp.UnitB.Name));

        await page.ClickAsync("text=扫描记录");
        Assert.That(await page.Locator("#runs tr").CountAsync(), Is.EqualTo(3), "two runs");
        Assert.That(await page.Locator("#runs progress").First.GetAttributeAsync("value"), Is.EqualTo("2"));
        await page.ClickAsync($"#runs >> text=第{TestApp.Run1}次");
        Assert.That(await page.Locator("#run-units").InnerTextAsync(), Does.Contain(TestApp.UnitA.Name).And.Contain("完成"));

        await page.GotoAsync($"{TestApp.BaseUrl}/units/{TestApp.EvaluationId}/{TestApp.UnitA.Id}/trend");
        Assert.That(await page.Locator("img#trend").EvaluateAsync<int>("img => img.naturalWidth"), Is.GreaterThan(0), "the trend chart loads");
        Assert.That(await page.Locator("#history tr").CountAsync(), Is.EqualTo(3), "two runs listed");
        var svg = await (await page.APIRequest.GetAsync($"{TestApp.BaseUrl}/units/{TestApp.EvaluationId}/{TestApp.UnitA.Id}/trend.svg")).TextAsync();
        Assert.That(System.Text.RegularExpressions.Regex.Matches(svg, "<circle").Count, Is.EqualTo(2), "one point per run");
        await page.GotoAsync($"{TestApp.BaseUrl}/office/schedule");
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain("未运行调度器"));
        await page.Context.CloseAsync();
    }

    [Test, Order(2)]
    public async Task Assessor_overrides_a_finding_and_the_unit_report_and_ranking_show_it()
    {
        var page = await SignInAsync("assessor");
        Assert.That(page.Url, Does.EndWith("/review"));
        await page.SelectOptionAsync("select[name=evaluation]", TestApp.EvaluationId.ToString());
        await page.FillAsync("input[name=unit]", TestApp.UnitA.Id);
        await page.ClickAsync("text=筛选");
        var queue = page.Locator("#queue tr");
        Assert.That(await queue.CountAsync(), Is.GreaterThan(1));
        Assert.That(await page.Locator("#queue").InnerTextAsync(), Does.Not.Contain(TestApp.UnitB.Name), "filtered to one unit");
        Assert.That(await page.Locator("#queue").InnerTextAsync(), Does.Contain(TestApp.HostileTitle), "the queue shows the crawled title as text");
        await AssertNoInjectionAsync(page);
        // The finding with the hostile title: its evidence, screenshot, criteria.
        await page.Locator("#queue tr", new() { HasText = "未发布解读" }).Locator("text=查看").ClickAsync();
        var finding = await page.Locator("#finding").InnerTextAsync();
        Assert.That(finding, Does.Contain(TestApp.HostileTitle), "the crawled title shows as text");
        Assert.That(await page.Locator("#finding .criteria").InnerTextAsync(), Is.Not.Empty);
        var shot = page.Locator("img.shot");
        Assert.That(await shot.EvaluateAsync<int>("img => img.naturalWidth"), Is.EqualTo(1), "the screenshot loads");
        var link = page.Locator("#finding a[target=_blank]").First;
        Assert.That(await link.GetAttributeAsync("rel"), Is.EqualTo("noopener noreferrer"));
        Assert.That(await link.GetAttributeAsync("href"), Is.EqualTo("http://127.0.0.1:9/doc/1.html"));
        await AssertNoInjectionAsync(page);

        var leafText = await page.Locator("#leaf-points").InnerTextAsync();
        var possible = leafText.Split('/')[1].Trim().Split('（')[0].Trim();
        var rankingBefore = await TotalInRankingAsync(page, TestApp.UnitA.Name);

        Assert.That(await page.Locator("#override-reason").GetAttributeAsync("required"), Is.Not.Null, "the form asks for a reason");
        await page.FillAsync("#points", possible);
        await page.FillAsync("#override-reason", "现场核实：解读已在政策解读栏目发布");
        await page.ClickAsync("#override");
        Assert.That(await page.Locator("[role=status]").InnerTextAsync(), Does.Contain("已保存"));
        Assert.That(await page.Locator("#reviews").InnerTextAsync(), Does.Contain("改分").And.Contain("assessor").And.Contain("现场核实"));
        Assert.That(await page.Locator("#leaf-points").InnerTextAsync(), Does.StartWith(possible + " /"));

        var rankingAfter = await TotalInRankingAsync(page, TestApp.UnitA.Name);
        Assert.That(rankingAfter, Is.GreaterThan(rankingBefore), "the ranking shows the effective total");

        await page.GotoAsync($"{TestApp.BaseUrl}/review/audit");
        var audit = await page.Locator("#audit tr >> nth=1").InnerTextAsync();
        Assert.That(audit, Does.Contain("assessor").And.Contain("改分").And.Contain($"改为 {possible} 分").And.Contain("现场核实"));

        // Manual item with a note.
        await page.GotoAsync($"{TestApp.BaseUrl}/review/manual/{TestApp.Run2}/{TestApp.UnitA.Id}");
        var first = page.Locator(".manual-item").First;
        await first.Locator("input[name=points]").FillAsync("1");
        await first.Locator("input[name=note]").FillAsync("依据提交的会议纪要");
        await first.Locator("button").ClickAsync();
        Assert.That(await page.Locator("[role=status]").InnerTextAsync(), Does.Contain("已录入"));
        Assert.That(await page.Locator(".manual-item .entered").First.InnerTextAsync(), Does.Contain("1 分").And.Contain("依据提交的会议纪要"));
        Assert.That(await TotalInRankingAsync(page, TestApp.UnitA.Name), Is.EqualTo(rankingAfter + 1).Within(1e-6));
        await page.Context.CloseAsync();
    }

    [Test, Order(3)]
    public async Task Unit_user_reads_its_own_report_with_the_override_and_cannot_open_another()
    {
        var page = await SignInAsync("unit-a", phone: true);
        Assert.That(page.Url, Does.Contain($"/units/{TestApp.EvaluationId}/{TestApp.UnitA.Id}"));
        Assert.That(await page.Locator("h1").InnerTextAsync(), Does.Contain(TestApp.UnitA.Name));
        var report = await page.Locator("#indicators").InnerTextAsync();
        Assert.That(report, Does.Contain("评估人员复核：改分").And.Contain("现场核实"), "the assessor's override is visible to the unit");
        Assert.That(report, Does.Contain("复核调整"));
        Assert.That(await page.Locator("#rectification tr").CountAsync(), Is.GreaterThan(1), "a rectification list");
        Assert.That(await page.Locator("#rectification tr >> nth=0").InnerTextAsync(),
            Does.Contain("工作任务").And.Contain("完成情况").And.Contain("存在问题").And.Contain("整改措施").And.Contain("整改责任主体"));
        Assert.That(await page.Locator("#indicators").InnerTextAsync(), Does.Contain(TestApp.HostileTitle));
        await AssertNoInjectionAsync(page);
        // Readable on a phone: nothing wider than the screen except inside the scrolling tables.
        Assert.That(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), Is.True);

        var total = await page.Locator("#total").InnerTextAsync();
        using (var office = await WebClient.SignedInAsync("office"))
        {
            var json = await (await office.GetAsync($"/api/evaluations/{TestApp.EvaluationId}/ranking")).Content.ReadAsStringAsync();
            var rows = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("rows").EnumerateArray();
            var a = rows.Single(r => r.GetProperty("unit").GetProperty("id").GetString() == TestApp.UnitA.Id);
            Assert.That(a.GetProperty("total").GetDouble().ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(total),
                "the unit's report and the ranking show the same effective total");
        }

        var other = await page.GotoAsync($"{TestApp.BaseUrl}/units/{TestApp.EvaluationId}/{TestApp.UnitB.Id}");
        Assert.That(other!.Status, Is.EqualTo(403));
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Not.Contain(TestApp.UnitB.Name));

        // The exported report shows the title as text too.
        await page.GotoAsync($"{TestApp.BaseUrl}/units/{TestApp.EvaluationId}/{TestApp.UnitA.Id}/report.html");
        Assert.That(await page.Locator("body").InnerTextAsync(), Does.Contain(TestApp.HostileTitle));
        await AssertNoInjectionAsync(page);
        await page.Context.CloseAsync();
    }

    [Test, Order(4)]
    public async Task Exports_show_the_hostile_title_as_data_not_markup()
    {
        using var a = await WebClient.SignedInAsync("unit-a");
        var csv = await (await a.GetAsync($"/units/{TestApp.EvaluationId}/{TestApp.UnitA.Id}/findings.csv")).Content.ReadAsByteArrayAsync();
        Assert.That(csv[..3], Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 with BOM for Excel");
        Assert.That(System.Text.Encoding.UTF8.GetString(csv), Does.Contain("关于<script>window.__xss=1</script>的通知"));
        var json = await (await a.GetAsync($"/api/evaluations/{TestApp.EvaluationId}/units/{TestApp.UnitA.Id}/findings")).Content.ReadAsStringAsync();
        Assert.That(json, Does.Not.Contain("<script>"), "JSON escapes < and >");
        var messages = System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().Select(f => f.GetProperty("message").GetString()).ToList();
        Assert.That(messages, Has.Member($"《{TestApp.HostileTitle}》未发布解读"));
        var rect = System.Text.Encoding.UTF8.GetString(await (await a.GetAsync($"/units/{TestApp.EvaluationId}/{TestApp.UnitA.Id}/rectification.csv")).Content.ReadAsByteArrayAsync());
        Assert.That(rect, Does.StartWith("\uFEFF").And.Contain("序号,工作任务,完成情况,存在问题,整改措施,整改责任主体,材料提供部门"));
        var pdf = await a.GetAsync($"/units/{TestApp.EvaluationId}/{TestApp.UnitA.Id}/report.pdf");
        Assert.That(pdf.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..5]), Is.EqualTo("%PDF-"));
        using var office = await WebClient.SignedInAsync("office");
        var xlsx = await (await office.GetAsync($"/office/e/{TestApp.EvaluationId}/ranking.xlsx")).Content.ReadAsByteArrayAsync();
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var text = string.Join("|", doc.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>()
            .Select(i => i.InnerText) ?? []) + string.Join("|", doc.WorkbookPart.WorksheetParts.SelectMany(w => w.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()).Select(c => c.InnerText));
        Assert.That(text, Does.Contain(TestApp.UnitA.Name).And.Contain(TestApp.UnitB.Name), "the ranking workbook names both units");
    }

    private async Task<double> TotalInRankingAsync(IPage page, string unitName)
    {
        var ranking = await page.Context.NewPageAsync();
        await ranking.GotoAsync($"{TestApp.BaseUrl}/office/e/{TestApp.EvaluationId}");
        var cell = await ranking.Locator("#ranking tr", new() { HasText = unitName }).Locator("td.total").InnerTextAsync();
        await ranking.CloseAsync();
        return double.Parse(cell.Split('/')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
