using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Openness.Storage;
using Openness.Web.Auth;
using Openness.Web.Rendering;
using static Openness.Web.Rendering.H;

namespace Openness.Web.Pages;

/// <summary>Sign-in, sign-out and the start page, which sends each role to its own work.</summary>
public static class SignInPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) => http.User.Role() switch
        {
            UserRole.OfficeAdministrator => Results.Redirect("/office"),
            UserRole.Assessor => Results.Redirect("/review"),
            UserRole.UnitUser => Results.Redirect("/unit"),
            _ => Results.Redirect("/login"),
        });
        app.MapGet("/login", (HttpContext http, Layout layout, string? returnUrl) => LoginForm(http, layout, returnUrl, null));
        app.MapPost("/login", async (HttpContext http, Layout layout, SignInService signIn, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var returnUrl = form["returnUrl"].ToString();
            var result = await signIn.SignInAsync(form["username"].ToString(), form["password"].ToString(), ct);
            switch (result.Outcome)
            {
                case SignInOutcome.Ok:
                    await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, result.Principal!);
                    // Only a path on this site: a returnUrl naming another host would make the sign-in page a phishing relay.
                    return Results.Redirect(SignInService.IsLocalUrl(returnUrl) ? returnUrl : "/");
                case SignInOutcome.LockedOut:
                    return LoginForm(http, layout, returnUrl, $"登录失败次数过多，账户已锁定至 {Time(result.LockedUntil)}（北京时间），请稍后再试。", 423);
                default:
                    return LoginForm(http, layout, returnUrl, "用户名或密码错误。", 401);
            }
        }).AddEndpointFilter(WebApp.RequireAntiforgery);
        app.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        }).AddEndpointFilter(WebApp.RequireAntiforgery);
    }

    private static IResult LoginForm(HttpContext http, Layout layout, string? returnUrl, string? error, int status = 200)
    {
        var local = SignInService.IsLocalUrl(returnUrl) ? returnUrl! : "";
        var body = (error is null ? "" : $"<p class=\"error\" role=\"alert\">{T(error)}</p>") +
            layout.Form(http, "/login",
                $"<input type=\"hidden\" name=\"returnUrl\" value=\"{T(local)}\">" +
                "<label for=\"username\">用户名</label><input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" required>" +
                "<label for=\"password\">密码</label><input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>" +
                "<button type=\"submit\">登录</button>", "box");
        return layout.Page(http, "登录", body, status);
    }
}
