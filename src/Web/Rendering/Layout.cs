using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Openness.Storage;
using Openness.Web.Auth;
using static Openness.Web.Rendering.H;

namespace Openness.Web.Rendering;

/// <summary>The page frame (navigation by role, sign-out) and forms carrying the anti-forgery token.</summary>
public sealed class Layout(IAntiforgery antiforgery)
{
    public IResult Page(HttpContext http, string title, string body, int status = 200)
    {
        var user = http.User;
        var sb = new StringBuilder(body.Length + 2048);
        sb.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(T(title)).Append(" — 政务公开评估</title>\n")
          .Append("<link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n<body>\n<header><nav>")
          .Append("<a class=\"brand\" href=\"/\">政务公开评估</a>");
        switch (user.Role())
        {
            case UserRole.OfficeAdministrator:
                sb.Append("<a href=\"/office\">评估与排名</a><a href=\"/office/schedule\">调度</a><a href=\"/review\">复核</a><a href=\"/review/audit\">审计记录</a>");
                break;
            case UserRole.Assessor:
                sb.Append("<a href=\"/review\">复核队列</a><a href=\"/review/audit\">审计记录</a><a href=\"/office\">排名</a>");
                break;
            case UserRole.UnitUser:
                sb.Append("<a href=\"/unit\">本单位报告</a>");
                break;
        }
        if (user.Identity?.IsAuthenticated == true)
        {
            sb.Append("<span class=\"who\">").Append(T(user.FindFirst(Access.DisplayClaim)?.Value ?? user.UserName()))
              .Append("（").Append(T(user.Role() is { } r ? Access.RoleName(r) : "")).Append("）</span>")
              .Append(Form(http, "/logout", "<button type=\"submit\" class=\"link\">退出</button>", "inline"));
        }
        sb.Append("</nav></header>\n<main>\n<h1>").Append(T(title)).Append("</h1>\n").Append(body).Append("\n</main>\n</body>\n</html>\n");
        return Results.Content(sb.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A POST form with the anti-forgery field; <paramref name="inner"/> is already-escaped HTML.</summary>
    public string Form(HttpContext http, string action, string inner, string? cssClass = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"<form method=\"post\" action=\"{T(action)}\"{(cssClass is null ? "" : $" class=\"{cssClass}\"")}>" +
               $"<input type=\"hidden\" name=\"{T(tokens.FormFieldName)}\" value=\"{T(tokens.RequestToken)}\">{inner}</form>";
    }

    public IResult Message(HttpContext http, string title, string text, int status) =>
        Page(http, title, $"<p>{T(text)}</p>", status);

    /// <summary>The stylesheet, served from /static/site.css so the CSP needs no inline styles.</summary>
    public const string Css = """
body{font-family:"Microsoft YaHei","WenQuanYi Micro Hei","PingFang SC",sans-serif;margin:0;color:#222;line-height:1.5;overflow-wrap:anywhere}
header{background:#a40000;color:#fff}nav{max-width:1150px;margin:0 auto;padding:6px 12px;display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center}
nav a{color:#fff;text-decoration:none}nav .brand{font-weight:bold}nav .who{margin-left:auto;font-size:.9em}
main{max-width:1150px;margin:0 auto;padding:12px}
h1{font-size:1.4em;margin:.3em 0}h2{font-size:1.15em;border-bottom:2px solid #c00;padding-bottom:.2em;margin-top:1.4em}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid #ddd;padding:5px 7px;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.n{text-align:right;white-space:nowrap}.scroll{overflow-x:auto}.scroll table{min-width:640px}
a{color:#0645ad}.url{word-break:break-all;color:#555}.c{font-size:.85em;color:#666}
.s{display:inline-block;border-radius:4px;padding:0 6px;white-space:nowrap;font-size:.9em}
.s-pass{background:#e3f5e1;color:#1b6e1b}.s-partial{background:#fff3d6;color:#8a5a00}.s-fail{background:#fde2e1;color:#a40000}
.s-manual{background:#e6ecf8;color:#26457a}.s-needs-review{background:#f0e4f7;color:#6b2c8a}
.summary{display:flex;flex-wrap:wrap;gap:12px}.summary div{background:#f5f5f5;border-radius:6px;padding:8px 14px}.big{font-size:1.5em;font-weight:bold}
form.inline{display:inline}button.link{background:none;border:none;color:#fff;cursor:pointer;text-decoration:underline;padding:0;font:inherit}
form.box{background:#f7f7f7;border:1px solid #ddd;border-radius:6px;padding:10px;margin:8px 0;max-width:640px}
label{display:block;margin:6px 0 2px}input,select,textarea{font:inherit;padding:5px;max-width:100%;box-sizing:border-box}
textarea,input[type=text],input[type=password],input[type=number]{width:100%}
button{font:inherit;padding:5px 14px;margin-top:8px;cursor:pointer}
.error{background:#fde2e1;color:#a40000;padding:8px;border-radius:6px}.ok{background:#e3f5e1;color:#1b6e1b;padding:8px;border-radius:6px}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}.filters label{margin:0}
.adjusted{color:#26457a;font-weight:bold}img.shot{max-width:100%;border:1px solid #ccc}
.quote{background:#fafafa;border-left:3px solid #ccc;padding:4px 8px;white-space:pre-wrap}
progress{width:120px}
""";
}
