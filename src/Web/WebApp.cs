using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Openness.Core.Scheduling;
using Openness.Storage;
using Openness.Storage.Accounts;
using Openness.Storage.Reviews;
using Openness.Web.Api;
using Openness.Web.Auth;
using Openness.Web.Pages;
using Openness.Web.Rendering;

namespace Openness.Web;

/// <summary>
/// The web app (crawler serve): server-rendered pages for the office, assessors and units, exports and a JSON API,
/// behind cookie sign-in. Reads only from the store; decisions go through <see cref="ReviewStore"/>.
/// </summary>
public static class WebApp
{
    /// <param name="configureServices">
    /// extra services, e.g. the scheduler (`AddOpennessScheduler`): when an <see cref="IScheduleControl"/> is registered the
    /// schedule page lists and controls it, otherwise it says this process hosts none
    /// </param>
    public static async Task<WebApplication> CreateAsync(WebAppOptions options, Action<IServiceCollection>? configureServices = null,
        CancellationToken ct = default)
    {
        var systems = new RulesFolderSystems(options.RulesFolder);
        var scans = await ScanStore.OpenAsync(options.Storage, null, ct, systems);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Url);
        builder.Logging.ClearProviders();
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(scans);
        services.AddSingleton(await ReviewStore.OpenAsync(options.Storage, systems, ct));
        services.AddSingleton(await EvaluationStore.OpenAsync(options.Storage, scans, ct));
        services.AddSingleton(await AccountStore.OpenAsync(options.Storage, ct));
        services.AddSingleton<SignInService>();
        services.AddSingleton<Layout>();
        services.AddSingleton(new UnitSupervision(systems));
        services.AddSingleton<UnitReportPage>();
        services.AddSingleton<PageCache>();
        // One Chromium for every PDF (started on the first print); the container disposes it with the app.
        services.AddSingleton(_ => new Reporting.UnitReportPdf());
        configureServices?.Invoke(services);

        var keys = services.AddDataProtection().SetApplicationName("openness-web");
        if (options.KeysDir is { } dir) keys.PersistKeysToFileSystem(Directory.CreateDirectory(dir));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "openness.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "openness.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // The API answers with status codes; pages send people to sign in. Refusals are 403 everywhere, never a redirect.
            o.Events.OnRedirectToLogin = c =>
            {
                if (c.Request.Path.StartsWithSegments("/api")) c.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else c.Response.Redirect(c.RedirectUri);
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = c =>
            {
                c.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Access.Staff, p => p.RequireRole(nameof(UserRole.OfficeAdministrator), nameof(UserRole.Assessor)))
            .AddPolicy(Access.Reviewers, p => p.RequireRole(nameof(UserRole.OfficeAdministrator), nameof(UserRole.Assessor)))
            .AddPolicy(Access.Office, p => p.RequireRole(nameof(UserRole.OfficeAdministrator)));

        var app = builder.Build();
        app.Use(SecurityHeaders);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/static/site.css", () => Results.Text(Layout.Css, "text/css; charset=utf-8"));
        SignInPages.Map(app);
        OfficePages.Map(app);
        ReviewPages.Map(app);
        UnitPages.Map(app);
        ExportEndpoints.Map(app);
        ApiEndpoints.Map(app);
        return app;
    }

    /// <summary>
    /// No script at all, no framing, no sniffing, no referrer to the units' sites; authenticated pages are not cached.
    /// </summary>
    private static async Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        var h = http.Response.Headers;
        h.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        h.XFrameOptions = "DENY";
        h.XContentTypeOptions = "nosniff";
        h["Referrer-Policy"] = "no-referrer";
        h["Cross-Origin-Opener-Policy"] = "same-origin";
        h["Cross-Origin-Resource-Policy"] = "same-origin";
        h.CacheControl = "no-store";
        await next();
    }

    /// <summary>Endpoint filter for every POST: the anti-forgery token must match the cookie, else 400.</summary>
    public static async ValueTask<object?> RequireAntiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        try
        {
            await antiforgery.ValidateRequestAsync(context.HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Text("表单已过期或来源无效，请返回上一页刷新后重试。", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        return await next(context);
    }
}
