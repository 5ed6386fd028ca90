using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using Openness.Reporting;
using Openness.Storage;

namespace Openness.Pipeline.Tests.Reporting;

/// <summary>The unit report printed by Debian Chromium, read back with poppler's pdftotext/pdfinfo/pdffonts.</summary>
[TestFixture]
public sealed class UnitReportPdfTests
{
    private ReportTestStore _t = null!;
    private IReadOnlyList<UnitResult> _units = null!;
    private UnitReportPdf _pdf = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _t = await ReportTestStore.CreateAsync();
        _units = await _t.Store.GetUnitResultsAsync(_t.RunId);
        _pdf = new UnitReportPdf();
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _pdf.DisposeAsync();
        await _t.DisposeAsync();
    }

    private UnitResult UnitOf(string id) => _units.Single(u => u.Unit.Id == id);

    private string Save(byte[] pdf, string name)
    {
        Assert.That(pdf.Take(5), Is.EqualTo("%PDF-"u8.ToArray()), "a PDF file");
        var path = _t.Out(name);
        File.WriteAllBytes(path, pdf);
        return path;
    }

    private static string Poppler(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new AssertionException($"{tool} is not installed (Debian package poppler-utils; scripts/test.sh installs it): {ex.Message}");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.That(process.ExitCode, Is.Zero, $"{tool} failed: {error}");
            return output;
        }
    }

    private static string Squeezed(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    [Test]
    public async Task Page_one_holds_the_units_name_on_A4_with_the_CJK_font_embedded()
    {
        var history = await _t.Store.GetUnitHistoryAsync(StoreTestDataEvaluation, "good-unit");
        var path = Save(await _pdf.RenderAsync(UnitOf("good-unit"), history), "good-unit.pdf");

        var pageOne = Poppler("pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8", path, "-");
        Assert.That(Squeezed(pageOne), Does.Contain("优秀县人民政府政务公开评估报告"));
        Assert.That(Squeezed(pageOne), Does.Contain("总分").And.Contain("等次").And.Contain("合格"));
        Assert.That(Squeezed(pageOne), Does.Match(@"第1页/共\d+页"), "page numbers in the footer");

        var info = Poppler("pdfinfo", path);
        Assert.That(info, Does.Match(@"Tagged:\s+yes"), "a tagged PDF, readable by screen readers");
        Assert.That(Poppler("pdfinfo", "-struct-text", path), Does.Contain("优秀县人民政府"), "the unit's name is in the structure tree");
        Assert.That(info, Does.Match(@"Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)"), "A4 is 595 × 842 pt");
        var fonts = Poppler("pdffonts", path);
        var wqy = fonts.Split('\n').Where(l => l.Contains("WenQuanYi", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(wqy, Is.Not.Empty, "Chinese is set in WenQuanYi Micro Hei:\n" + fonts);
        Assert.That(wqy, Is.All.Match(@"\syes\s+yes\s"), "embedded (subset), so the PDF reads the same anywhere:\n" + fonts);
    }

    private const string StoreTestDataEvaluation = Openness.Pipeline.Tests.Storage.StoreTestData.Evaluation;

    [Test]
    public async Task Hostile_text_prints_as_text()
    {
        var path = Save(await _pdf.RenderAsync(UnitOf("hostile")), "hostile.pdf");
        var all = Squeezed(Poppler("pdftotext", "-enc", "UTF-8", path, "-"));
        Assert.That(all, Does.Contain(Squeezed("恶意县" + ReportTestStore.ScriptTitle + ReportTestStore.ImgTitle)), "the unit's name, markup and all, as printed text");
        Assert.That(all, Does.Contain(Squeezed($"栏目{ReportTestStore.ScriptTitle}缺失{ReportTestStore.ImgTitle}")), "the check message");
        Assert.That(Squeezed(Poppler("pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8", path, "-")), Does.Contain("恶意县<script>"), "page 1 names the unit");
    }

    [Test]
    public async Task Printing_fetches_nothing_the_html_references()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        var requests = 0;
        app.Run(context =>
        {
            Interlocked.Increment(ref requests);
            context.Response.ContentType = "text/css";
            return context.Response.WriteAsync("body{}");
        });
        await app.StartAsync();
        var origin = app.Urls.Single().TrimEnd('/');

        // Sanity: the counter sees a real request.
        using (var http = new HttpClient()) await http.GetStringAsync(origin + "/probe");
        Assert.That(requests, Is.EqualTo(1));

        var html = $$"""
            <!DOCTYPE html><html><head><meta charset="utf-8">
            <link rel="stylesheet" href="{{origin}}/a.css"><style>@import url("{{origin}}/b.css"); body{background:url({{origin}}/c.png)}</style>
            <script src="{{origin}}/d.js"></script></head>
            <body><h1>无外部请求</h1><img src="{{origin}}/e.png"><iframe src="{{origin}}/f.html"></iframe>
            <object data="{{origin}}/g.svg"></object><video poster="{{origin}}/h.jpg"></video>
            <script>fetch("{{origin}}/i")</script></body></html>
            """;
        var path = Save(await _pdf.RenderHtmlAsync(html), "no-fetch.pdf");
        Assert.That(Squeezed(Poppler("pdftotext", "-enc", "UTF-8", path, "-")), Does.Contain("无外部请求"));
        await Task.Delay(300); // a late request would still be counted
        Assert.That(requests, Is.EqualTo(1), "no request reached the server from the printed page");
        await app.StopAsync();
    }

    /// <summary>
    /// Browser main processes (Debian's chromium without --type=) descending from this test process, by pid. Other
    /// engineers' tests run Chromium on the same machine: theirs are never counted, let alone killed.
    /// </summary>
    private static HashSet<int> ChromiumBrowsers()
    {
        var found = new HashSet<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string[] argv;
            try { argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (argv.Length > 0 && Path.GetFileName(argv[0]) == "chromium" && !argv.Any(a => a.StartsWith("--type=", StringComparison.Ordinal))
                && DescendsFromUs(pid))
                found.Add(pid);
        }
        return found;
    }

    private static bool DescendsFromUs(int pid)
    {
        for (var hops = 0; pid > 1 && hops < 64; hops++)
        {
            string stat;
            try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
            catch (IOException) { return false; }
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            pid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            if (pid == Environment.ProcessId) return true;
        }
        return false;
    }

    [Test]
    public async Task A_browser_that_died_is_started_again_for_the_next_print()
    {
        await using var pdf = new UnitReportPdf();
        var before = ChromiumBrowsers();
        Save(await pdf.RenderAsync(UnitOf("good-unit")), "before-crash.pdf");
        var ours = ChromiumBrowsers().Except(before).ToList();
        Assert.That(ours, Has.Count.EqualTo(1), "the one browser this instance started");
        using (var browser = Process.GetProcessById(ours[0]))
        {
            browser.Kill(); // as the OOM killer would
            browser.WaitForExit();
        }

        var path = Save(await pdf.RenderAsync(UnitOf("missing-column")), "after-crash.pdf");
        Assert.That(Squeezed(Poppler("pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8", path, "-")), Does.Contain("缺栏目县人民政府"));
        Assert.That(pdf.BrowserLaunches, Is.EqualTo(2));
    }

    [Test]
    public async Task A_missing_browser_is_reported_plainly()
    {
        await using var pdf = new UnitReportPdf("/nonexistent/chromium");
        var ex = Assert.ThrowsAsync<InvalidOperationException>(() => pdf.RenderAsync(UnitOf("good-unit")));
        Assert.That(ex!.Message, Does.Contain("/nonexistent/chromium").And.Contain("apt-get install -y chromium"));
    }

    [Test]
    public async Task One_browser_serves_every_print_including_concurrent_ones()
    {
        var prints = await Task.WhenAll(_units.Select(u => _pdf.RenderAsync(u)).Concat(_units.Select(u => _pdf.RenderAsync(u))));
        Assert.That(prints, Has.Length.EqualTo(6));
        for (var i = 0; i < prints.Length; i++)
        {
            var path = Save(prints[i], $"concurrent-{i}.pdf");
            var unit = _units[i % _units.Count];
            Assert.That(Squeezed(Poppler("pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8", path, "-")), Does.Contain(Squeezed(unit.Unit.Name)));
        }
        Assert.That(_pdf.BrowserLaunches, Is.EqualTo(1), "one Chromium for all prints of this instance");
    }
}
