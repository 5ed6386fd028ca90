using System.Net;
using System.Text.RegularExpressions;

namespace Openness.Web.Tests;

/// <summary>A signed-in (or anonymous) client that keeps cookies and never follows redirects, so tests see each answer.</summary>
public sealed partial class WebClient : IDisposable
{
    private readonly HttpClient _http;
    public CookieContainer Cookies { get; } = new();

    public WebClient(string? baseUrl = null)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = new Uri(baseUrl ?? TestApp.BaseUrl),
        };
    }

    public static async Task<WebClient> SignedInAsync(string user, string? baseUrl = null)
    {
        var client = new WebClient(baseUrl);
        var response = await client.SignInAsync(user, TestApp.Password);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in as {user} answered {response.StatusCode}");
        return client;
    }

    public async Task<HttpResponseMessage> SignInAsync(string user, string password, string returnUrl = "")
    {
        var token = await TokenAsync("/login");
        return await PostAsync("/login", new() { ["username"] = user, ["password"] = password, ["returnUrl"] = returnUrl, ["__RequestVerificationToken"] = token });
    }

    /// <summary>The anti-forgery token of the first form on a page.</summary>
    public async Task<string> TokenAsync(string path)
    {
        var html = await _http.GetStringAsync(path);
        return TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"no form token on {path}");
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form) => _http.PostAsync(path, new FormUrlEncodedContent(form));

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
