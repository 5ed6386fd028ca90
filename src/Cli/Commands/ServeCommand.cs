using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Openness.Storage.Accounts;
using Openness.Scheduling;
using Openness.Web;

namespace Openness.Cli.Commands;

/// <summary>crawler serve: hosts the web app on the configured store until stopped.</summary>
public static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static Command Build()
    {
        var urls = new Option<string?>("--urls") { Description = $"address to listen on (default {DefaultUrl}; port 0 picks a free one)" };
        var config = new Option<string?>("--config") { Description = "settings file (default: appsettings.json at the repository root)" };
        var worker = new Option<bool>("--worker") { Description = "also run scheduled scans in this process (as `crawler worker` does)" };
        var cmd = new Command("serve", "serve the web app: rankings, reviews, unit reports, exports, the JSON API and schedule controls") { urls, config, worker };
        cmd.SetAction(async (parse, ct) =>
        {
            var settings = AppSettings.Load(parse.GetValue(config));
            var app = await StartAsync(settings, parse.GetValue(urls) ?? DefaultUrl, parse.GetValue(worker), ct);
            var accounts = await AccountStore.OpenAsync(settings.Storage, ct);
            if ((await accounts.ListAsync(ct)).Count == 0)
                Console.WriteLine("no accounts yet: create one with  crawler users add --username NAME --role office");
            Console.WriteLine($"serving on {Address(app)}  (Ctrl+C to stop)");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return cmd;
    }

    /// <param name="runJobs">also start the scheduler so this process scans units; without it the app only reads and controls schedules</param>
    public static async Task<WebApplication> StartAsync(AppSettings settings, string url, bool runJobs, CancellationToken ct)
    {
        var app = await WebApp.CreateAsync(new WebAppOptions
        {
            Storage = settings.Storage, RulesFolder = Path.Combine(settings.Root, "rules"), DataDir = settings.DataDir, Url = url,
            KeysDir = Path.Combine(settings.DataDir, "web-keys"),
        }, services => services.AddOpennessScheduler(settings.Scheduling, runJobs), ct);
        await app.StartAsync(ct);
        return app;
    }

    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
