using System.Diagnostics;
using System.Globalization;
using Openness.Reporting;

// Prints the same unit reports to PDF two ways, in one run, and prints PDFs/s and the ratio:
//   ours  — UnitReportPdf: one Chromium kept for every print (what the web app does per request);
//   peer  — `chromium --headless --print-to-pdf`, one browser process per report (the obvious alternative).
// Usage: PdfBench --reports DIR [--rounds N]

var reportsDir = Arg("--reports") ?? throw new ArgumentException("--reports DIR (a folder of unit report .html files) is required");
var rounds = int.Parse(Arg("--rounds") ?? "3", CultureInfo.InvariantCulture);
var files = Directory.GetFiles(reportsDir, "*.html").Where(f => Path.GetFileName(f) != "ranking.html").Order(StringComparer.Ordinal).ToList();
if (files.Count == 0) throw new ArgumentException($"no unit reports in {reportsDir}");
var work = Directory.CreateTempSubdirectory("pdfbench-").FullName;
Console.WriteLine($"{files.Count} unit reports from {reportsDir}, {rounds} rounds each way; machine: {Environment.ProcessorCount} cores, load average {Load()}");

// Warm-up: one print each way, not timed (first-run disk caches, JIT).
await using (var warm = new UnitReportPdf()) await warm.RenderHtmlAsync(await File.ReadAllTextAsync(files[0]));
await Peer(files[0], Path.Combine(work, "warm.pdf"));

var results = new List<(string Name, int Pdfs, long Bytes, double Seconds)>();
{
    await using var pdf = new UnitReportPdf(maxConcurrentPrints: 1);
    var clock = Stopwatch.StartNew();
    long bytes = 0;
    for (var r = 0; r < rounds; r++)
        foreach (var f in files) bytes += (await pdf.RenderHtmlAsync(await File.ReadAllTextAsync(f))).Length;
    results.Add(("ours (1 at a time)", rounds * files.Count, bytes, clock.Elapsed.TotalSeconds));
    if (pdf.BrowserLaunches != 1) throw new InvalidOperationException($"expected one browser, saw {pdf.BrowserLaunches}");
}
{
    await using var pdf = new UnitReportPdf(maxConcurrentPrints: 2);
    var clock = Stopwatch.StartNew();
    var tasks = new List<Task<byte[]>>();
    for (var r = 0; r < rounds; r++)
        foreach (var f in files) tasks.Add(pdf.RenderHtmlAsync(File.ReadAllText(f)));
    var all = await Task.WhenAll(tasks);
    results.Add(("ours (2 at a time)", all.Length, all.Sum(b => (long)b.Length), clock.Elapsed.TotalSeconds));
}
{
    var clock = Stopwatch.StartNew();
    long bytes = 0;
    var n = 0;
    for (var r = 0; r < rounds; r++)
        foreach (var f in files)
        {
            var output = Path.Combine(work, $"peer-{n++}.pdf");
            await Peer(f, output);
            bytes += new FileInfo(output).Length;
        }
    results.Add(("chromium per report", rounds * files.Count, bytes, clock.Elapsed.TotalSeconds));
}

Console.WriteLine();
Console.WriteLine($"{"printer",-22}{"PDFs",6}{"MB",8}{"seconds",9}{"PDFs/s",8}");
foreach (var (name, pdfs, bytes, seconds) in results)
    Console.WriteLine($"{name,-22}{pdfs,6}{bytes / 1e6,8:0.0}{seconds,9:0.00}{pdfs / seconds,8:0.00}");
var peer = results[2].Pdfs / results[2].Seconds;
Console.WriteLine();
Console.WriteLine($"ratio ours (1 at a time) vs chromium per report: {results[0].Pdfs / results[0].Seconds / peer:0.0}x");
Console.WriteLine($"ratio ours (2 at a time) vs chromium per report: {results[1].Pdfs / results[1].Seconds / peer:0.0}x");
Directory.Delete(work, recursive: true);
return 0;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

// The same flags as UnitReportPdf's browser; A4 comes from the report's own @page rule, as in ours.
static async Task Peer(string html, string output)
{
    var start = new ProcessStartInfo(UnitReportPdf.DefaultChromiumPath) { RedirectStandardError = true, RedirectStandardOutput = true };
    foreach (var a in new[]
             {
                 "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                 $"--print-to-pdf={output}", new Uri(Path.GetFullPath(html)).AbsoluteUri,
             })
        start.ArgumentList.Add(a);
    using var p = Process.Start(start)!;
    var drain = Task.WhenAll(p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
    await p.WaitForExitAsync();
    await drain;
    if (p.ExitCode != 0 || !File.Exists(output)) throw new InvalidOperationException($"chromium --print-to-pdf failed for {html} (exit {p.ExitCode})");
}
