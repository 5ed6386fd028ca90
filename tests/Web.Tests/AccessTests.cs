using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Openness.Storage.Reviews;

namespace Openness.Web.Tests;

/// <summary>
/// Who may read what: every unit-scoped URL of unit B asked for by unit A's user is refused (pages, exports,
/// screenshots, API), while the same URLs of unit A are served; anonymous requests are sent to sign in; headers,
/// anti-forgery, redirects and lock-out.
/// </summary>
[TestFixture]
public sealed class AccessTests
{
    private static async Task<long> FindingWithScreenshotAsync(string unitKey)
    {
        var reviews = await ReviewStore.OpenAsync(TestApp.Storage, new KnownIndicatorSystems(TestApp.Rules.System));
        return (await reviews.GetUnitFindingsAsync(TestApp.Run2, unitKey)).First(f => f.Evidence.Any(e => e.ScreenshotPath is not null)).FindingId;
    }

    private static IEnumerable<string> UnitUrls(string unitKey, long findingId)
    {
        var e = TestApp.EvaluationId;
        yield return $"/units/{e}/{unitKey}";
        yield return $"/units/{e}/{unitKey}?run={TestApp.Run1}";
        yield return $"/units/{e}/{unitKey}/trend";
        yield return $"/units/{e}/{unitKey}/trend.svg";
        yield return $"/units/{e}/{unitKey}/report.html";
        yield return $"/units/{e}/{unitKey}/report.pdf";
        yield return $"/units/{e}/{unitKey}/rectification.csv";
        yield return $"/units/{e}/{unitKey}/rectification.xlsx";
        yield return $"/units/{e}/{unitKey}/findings.csv";
        yield return $"/units/{e}/{unitKey}/findings.xlsx";
        yield return $"/screenshots/{findingId}/0";
        yield return $"/api/evaluations/{e}/units/{unitKey}";
        yield return $"/api/evaluations/{e}/units/{unitKey}/findings";
        yield return $"/api/evaluations/{e}/units/{unitKey}/rectification";
        yield return $"/api/findings/{findingId}";
    }

    /// <summary>Everything that shows more than one unit, or lets someone decide: staff only.</summary>
    private static IEnumerable<string> StaffUrls(long findingId)
    {
        var e = TestApp.EvaluationId;
        yield return "/office";
        yield return $"/office/e/{e}";
        yield return $"/office/e/{e}/runs";
        yield return $"/office/runs/{TestApp.Run2}";
        yield return $"/office/e/{e}/ranking.csv";
        yield return $"/office/e/{e}/ranking.xlsx";
        yield return $"/office/e/{e}/findings.csv";
        yield return $"/office/e/{e}/findings.xlsx";
        yield return "/office/schedule";
        yield return $"/api/evaluations/{e}/ranking";
        yield return "/review";
        yield return $"/review/findings/{findingId}";
        yield return $"/review/manual/{TestApp.Run2}/{TestApp.UnitB.Id}";
        yield return "/review/audit";
    }

    [Test]
    public async Task A_unit_user_is_refused_every_url_of_another_unit_and_served_its_own()
    {
        using var a = await WebClient.SignedInAsync("unit-a");
        var bFinding = await FindingWithScreenshotAsync(TestApp.UnitB.Id);
        var aFinding = await FindingWithScreenshotAsync(TestApp.UnitA.Id);
        foreach (var url in UnitUrls(TestApp.UnitB.Id, bFinding))
        {
            var response = await a.GetAsync(url);
            Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound), url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(body, Does.Not.Contain(TestApp.UnitB.Name), $"{url} leaks the other unit's name");
        }
        foreach (var url in UnitUrls(TestApp.UnitA.Id, aFinding))
            Assert.That((await a.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
        foreach (var url in StaffUrls(bFinding))
            Assert.That((await a.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), url);
        // A unit user cannot decide on findings either, even with a valid form token.
        var token = await a.TokenAsync($"/units/{TestApp.EvaluationId}/{TestApp.UnitA.Id}");
        var post = await a.PostAsync($"/review/findings/{bFinding}",
            new() { ["decision"] = "override", ["points"] = "1", ["reason"] = "x", ["__RequestVerificationToken"] = token });
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var evaluations = await (await a.GetAsync("/api/evaluations")).Content.ReadAsStringAsync();
        Assert.That(JsonDocument.Parse(evaluations).RootElement.GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Staff_are_served_every_unit_and_office_url()
    {
        using var office = await WebClient.SignedInAsync("office");
        var bFinding = await FindingWithScreenshotAsync(TestApp.UnitB.Id);
        foreach (var url in UnitUrls(TestApp.UnitB.Id, bFinding).Concat(StaffUrls(bFinding)))
            Assert.That((await office.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
        using var assessor = await WebClient.SignedInAsync("assessor");
        Assert.That((await assessor.GetAsync("/office/schedule")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the schedule is the office's");
        Assert.That((await assessor.GetAsync("/review")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Anonymous_requests_are_sent_to_sign_in_and_the_api_answers_401()
    {
        using var anonymous = new WebClient();
        var page = await anonymous.GetAsync($"/units/{TestApp.EvaluationId}/{TestApp.UnitA.Id}");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(page.Headers.Location!.ToString(), Does.Contain("/login?ReturnUrl="));
        Assert.That((await anonymous.GetAsync($"/api/evaluations/{TestApp.EvaluationId}/units/{TestApp.UnitA.Id}")).StatusCode,
            Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await anonymous.GetAsync($"/screenshots/{await FindingWithScreenshotAsync(TestApp.UnitA.Id)}/0")).StatusCode,
            Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task Pages_carry_security_headers()
    {
        using var client = await WebClient.SignedInAsync("office");
        var response = await client.GetAsync($"/office/e/{TestApp.EvaluationId}");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(csp, Does.Contain("default-src 'none'").And.Contain("frame-ancestors 'none'"));
        Assert.That(csp, Does.Not.Contain("script-src"), "no script is allowed at all");
        Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
    }

    [Test]
    public async Task Forms_without_the_antiforgery_token_are_refused()
    {
        using var client = new WebClient();
        await client.GetAsync("/login");
        var response = await client.PostAsync("/login", new() { ["username"] = "office", ["password"] = TestApp.Password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var assessor = await WebClient.SignedInAsync("assessor");
        var bFinding = await FindingWithScreenshotAsync(TestApp.UnitB.Id);
        var post = await assessor.PostAsync($"/review/findings/{bFinding}", new() { ["decision"] = "recheck", ["reason"] = "x" });
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task The_server_refuses_an_override_without_a_reason_or_out_of_range()
    {
        using var assessor = await WebClient.SignedInAsync("assessor");
        var finding = await FindingWithScreenshotAsync(TestApp.UnitB.Id);
        var token = await assessor.TokenAsync($"/review/findings/{finding}");
        var noReason = await assessor.PostAsync($"/review/findings/{finding}",
            new() { ["decision"] = "override", ["points"] = "0", ["reason"] = " ", ["__RequestVerificationToken"] = token });
        Assert.That((int)noReason.StatusCode, Is.EqualTo(422));
        Assert.That(await noReason.Content.ReadAsStringAsync(), Does.Contain("改分必须填写理由"));
        var tooMany = await assessor.PostAsync($"/review/findings/{finding}",
            new() { ["decision"] = "override", ["points"] = "1000", ["reason"] = "多给", ["__RequestVerificationToken"] = token });
        Assert.That((int)tooMany.StatusCode, Is.EqualTo(422));
        Assert.That(await tooMany.Content.ReadAsStringAsync(), Does.Contain("改分须在 0 到"));
        var reviews = await ReviewStore.OpenAsync(TestApp.Storage, new KnownIndicatorSystems(TestApp.Rules.System));
        Assert.That(await reviews.GetReviewsAsync(finding), Is.Empty, "nothing refused was recorded");
    }

    [Test]
    public async Task Sign_in_redirects_only_to_local_paths()
    {
        foreach (var evil in new[] { "https://evil.example/", "//evil.example/x", "/\\evil.example", "http:/evil" })
        {
            using var c = new WebClient();
            var r = await c.SignInAsync("office", TestApp.Password, evil);
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(r.Headers.Location!.ToString(), Is.EqualTo("/"), evil);
        }
        using var ok = new WebClient();
        var local = await ok.SignInAsync("office", TestApp.Password, "/office/schedule");
        Assert.That(local.Headers.Location!.ToString(), Is.EqualTo("/office/schedule"));
    }

    [Test]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        using var c = new WebClient();
        for (var i = 0; i < 4; i++)
            Assert.That((await c.SignInAsync("locktest", "wrong-password")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var fifth = await c.SignInAsync("locktest", "wrong-password");
        Assert.That((int)fifth.StatusCode, Is.EqualTo(423));
        Assert.That(await fifth.Content.ReadAsStringAsync(), Does.Contain("账户已锁定"));
        var right = await c.SignInAsync("locktest", TestApp.Password);
        Assert.That((int)right.StatusCode, Is.EqualTo(423), "locked means locked, whatever the password");
        Assert.That((await c.SignInAsync("nobody", "whatever")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
