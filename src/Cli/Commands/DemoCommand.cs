using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Openness.Cli.Scanning;
using Openness.Scanning;
using Openness.Core.Units;
using Openness.SamplePortals;
using Openness.Storage;
using Openness.Storage.Accounts;
using Openness.Web.Auth;

namespace Openness.Cli.Commands;

/// <summary>
/// The first thing a new user runs: serve the bundled sample portals on 127.0.0.1, scan them end to end against
/// seed 000's county system, say where the reports are, then serve the web app with freshly generated demo
/// accounts (only when run from a terminal, or with --serve; --no-serve never serves).
/// </summary>
public static class DemoCommand
{
    public const string DemoSystem = "rules/jilin-2017-county.yaml";

    public static Command Build()
    {
        var asOf = CommandLine.AsOfOption();
        var noServe = new Option<bool>("--no-serve") { Description = "stop after the scan and reports instead of serving the web app" };
        var serve = new Option<bool>("--serve") { Description = "serve the web app even when not run from a terminal" };
        var urls = new Option<string?>("--urls") { Description = $"where the web app listens (default {ServeCommand.DefaultUrl}, or a free port when taken)" };
        var cmd = new Command("demo", "scan the bundled sample portals end to end, write their reports, and serve the web app") { asOf, noServe, serve, urls };
        cmd.SetAction(async (parse, ct) =>
        {
            var settings = AppSettings.Load();
            var day = CommandLine.ParseAsOf(parse.GetValue(asOf));
            // CI and the end-to-end test run without a terminal: serving there would never return.
            var serving = !parse.GetValue(noServe) && (parse.GetValue(serve) || (!Console.IsInputRedirected && !Console.IsOutputRedirected));
            var result = await RunAsync(settings, day, Console.Out, ct,
                serving ? r => ServeAsync(settings, parse.GetValue(urls), r, ct) : null);
            if (!serving) ScanSummary.Print(result);
            return result.FailedUnits.Count == 0 ? 0 : 1;
        });
        return cmd;
    }

    /// <param name="whilePortalsUp">runs after the scan while the sample portals are still served (the app links to them)</param>
    public static async Task<ScanResult> RunAsync(AppSettings settings, DateOnly asOf, TextWriter log, CancellationToken ct,
        Func<ScanResult, Task>? whilePortalsUp = null)
    {
        var demoDir = Path.Combine(settings.DataDir, "demo");
        Directory.CreateDirectory(demoDir);
        await using var host = await SamplePortalHost.StartAsync(Path.Combine(settings.Root, "samples", "portals"), asOf, ct);
        foreach (var (id, url) in host.BaseUrls) log.WriteLine($"sample portal {id,-12} {url}");

        var unitsPath = host.WriteUnitsFile(Path.Combine(settings.Root, "samples", "units.template.yaml"),
            Path.Combine(demoDir, "units.yaml"), Path.Combine(settings.Root, DemoSystem));
        var units = UnitsFileReader.Read(unitsPath);
        // Loopback portals answer instantly; the demo needs no politeness delay.
        var demoSettings = settings with { Crawler = settings.Crawler with { PerHostRequestsPerSecond = 0 } };
        var result = await new ScanRunner(demoSettings, new LineProgress(log))
            .RunAsync(units, asOf, Path.Combine(demoDir, "reports"), Path.Combine(demoDir, "export"), ct);
        if (whilePortalsUp is not null) await whilePortalsUp(result);
        return result;
    }

    private static async Task ServeAsync(AppSettings settings, string? url, ScanResult result, CancellationToken ct)
    {
        ScanSummary.Print(result);
        var accounts = await AccountStore.OpenAsync(settings.Storage, ct);
        var demo = new List<(string User, string Role, string Password)>();
        var unitIds = result.Cards.Select(c => c.UnitId).Order(StringComparer.Ordinal).Take(2).ToList();
        var wanted = new List<(string User, UserRole Role, string? Unit, string Name)>
        {
            ("office", UserRole.OfficeAdministrator, null, "演示管理员"),
            ("assessor", UserRole.Assessor, null, "演示评估人员"),
        };
        wanted.AddRange(unitIds.Select(id => ($"unit-{id}", UserRole.UnitUser, (string?)id, $"演示单位用户（{id}）")));
        foreach (var (user, role, unit, name) in wanted)
        {
            // A fresh random password every demo: the demo never has a fixed, guessable one.
            var password = Passwords.Generate();
            if (await accounts.FindAsync(user, ct) is null) await accounts.AddAsync(user, name, role, unit, Passwords.Hash(password), "demo", ct);
            else await accounts.SetPasswordAsync(user, Passwords.Hash(password), "demo", ct);
            demo.Add((user, Openness.Web.Auth.Access.RoleName(role) + (unit is null ? "" : $"（{unit}）"), password));
        }
        await using var app = await StartOnFreePortAsync(settings, url, ct);
        Console.WriteLine();
        Console.WriteLine($"web app:  {ServeCommand.Address(app)}");
        foreach (var (user, role, password) in demo) Console.WriteLine($"          {user,-22} {password}   {role}");
        Console.WriteLine("          (passwords generated for this demo run; Ctrl+C to stop)");
        try { await app.WaitForShutdownAsync(ct); }
        catch (OperationCanceledException) { }
    }

    private static async Task<Microsoft.AspNetCore.Builder.WebApplication> StartOnFreePortAsync(AppSettings settings, string? url, CancellationToken ct)
    {
        try { return await ServeCommand.StartAsync(settings, url ?? ServeCommand.DefaultUrl, false, ct); }
        catch (IOException) when (url is null)
        {
            return await ServeCommand.StartAsync(settings, "http://127.0.0.1:0", false, ct);
        }
    }
}
