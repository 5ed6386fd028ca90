using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Openness.SamplePortals;

/// <summary>
/// Serves every folder under a portals root (<c>samples/portals/&lt;unit-id&gt;/</c>) on its own 127.0.0.1 port, so
/// each unit is a separate origin, with page dates rendered relative to <c>asOf</c>.
/// </summary>
public sealed partial class SamplePortalHost : IAsyncDisposable
{
    private readonly List<WebApplication> _apps;

    /// <summary>Unit id → base URL (<c>http://127.0.0.1:PORT/</c>).</summary>
    public IReadOnlyDictionary<string, Uri> BaseUrls { get; }
    public DateOnly AsOf { get; }

    private SamplePortalHost(List<WebApplication> apps, IReadOnlyDictionary<string, Uri> baseUrls, DateOnly asOf)
    {
        _apps = apps;
        BaseUrls = baseUrls;
        AsOf = asOf;
    }

    public static async Task<SamplePortalHost> StartAsync(string portalsRoot, DateOnly asOf, CancellationToken ct = default)
    {
        if (!Directory.Exists(portalsRoot))
            throw new DirectoryNotFoundException($"portals root not found: {portalsRoot}");
        var folders = Directory.GetDirectories(portalsRoot)
            .Where(d => !Path.GetFileName(d).StartsWith('_') && !Path.GetFileName(d).StartsWith('.'))
            .OrderBy(d => d, StringComparer.Ordinal).ToList();
        if (folders.Count == 0) throw new InvalidDataException($"no portal folders under {portalsRoot}");

        var apps = new List<WebApplication>();
        var urls = new Dictionary<string, Uri>(StringComparer.Ordinal);
        try
        {
            foreach (var folder in folders)
            {
                var site = new PortalSite(folder, asOf);
                var app = Build(site);
                apps.Add(app);
                await app.StartAsync(ct);
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                urls[site.UnitId] = new Uri(address.TrimEnd('/') + "/");
            }
        }
        catch
        {
            foreach (var app in apps) await app.DisposeAsync();
            throw;
        }
        return new SamplePortalHost(apps, urls, asOf);
    }

    private static WebApplication Build(PortalSite site)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "SamplePortal." + site.UnitId });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(site.HandleAsync);
        return app;
    }

    [GeneratedRegex(@"^indicatorSystem:.*$", RegexOptions.Multiline)]
    private static partial Regex SystemLine();

    [GeneratedRegex(@"\{\{base:(?<id>[A-Za-z0-9_.-]+)\}\}")]
    private static partial Regex BasePlaceholder();

    /// <summary>
    /// Writes the units file: the template with every <c>{{base:&lt;unit-id&gt;}}</c> replaced by that unit's base URL
    /// (and date placeholders such as <c>{{year}}</c> rendered), and its <c>indicatorSystem</c> set to
    /// <paramref name="indicatorSystemPath"/> made absolute, so the file is read correctly wherever it is written.
    /// Returns <paramref name="outputPath"/>.
    /// </summary>
    public string WriteUnitsFile(string templatePath, string outputPath, string indicatorSystemPath)
    {
        var withBases = BasePlaceholder().Replace(File.ReadAllText(templatePath), m =>
            BaseUrls.TryGetValue(m.Groups["id"].Value, out var url)
                ? url.ToString()
                : throw new InvalidDataException($"{templatePath}: no sample portal named '{m.Groups["id"].Value}'"));
        var system = Path.GetFullPath(indicatorSystemPath).Replace("'", "''");
        var text = SystemLine().Replace(DateTemplate.Render(withBases, AsOf), _ => $"indicatorSystem: '{system}'");
        var dir = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(outputPath, text);
        return outputPath;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        _apps.Clear();
    }
}
