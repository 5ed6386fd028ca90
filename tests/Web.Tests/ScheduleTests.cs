using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using Openness.Core.Scheduling;
using Openness.Crawler;
using Openness.Scheduling;

namespace Openness.Web.Tests;

/// <summary>
/// The schedule page with the real scheduler's controls (Quartz on a SQLite job store, not running jobs): the office
/// sees the evaluation's schedule with its next fire time, pauses, resumes and runs it now.
/// </summary>
[TestFixture]
public sealed class ScheduleTests
{
    [Test]
    public async Task The_office_pauses_resumes_and_runs_a_schedule_from_the_page()
    {
        var dir = Path.Combine(Path.GetTempPath(), "openness-web-sched-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var unitsFile = Path.Combine(dir, "units.yaml");
            await File.WriteAllTextAsync(unitsFile, $"""
                evaluation: {TestApp.Evaluation}
                indicatorSystem: {Path.Combine(Repo.Root, "rules", "jilin-2017-county.yaml")}
                units:
                  - id: {TestApp.UnitA.Id}
                    name: {TestApp.UnitA.Name}
                    group: county
                    portal: {TestApp.UnitA.Portal}
                """);
            var settings = new SchedulingSettings(dir, new CrawlerOptions(), TestApp.Storage, new SchedulerOptions());
            await using var app = await WebApp.CreateAsync(new WebAppOptions
            {
                Storage = TestApp.Storage, RulesFolder = Path.Combine(Repo.Root, "rules"), DataDir = TestApp.DataDir, Url = "http://127.0.0.1:0",
            }, services => services.AddOpennessScheduler(settings, runJobs: false));
            await app.StartAsync();
            var baseUrl = app.Urls.First().TrimEnd('/');
            var control = (Schedules)app.Services.GetRequiredService<IScheduleControl>();
            await control.AddEvaluationAsync("nightly", unitsFile, "0 0 2 * * ?");

            using var office = await WebClient.SignedInAsync("office", baseUrl);
            var page = await (await office.GetAsync("/office/schedule")).Content.ReadAsStringAsync();
            Assert.That(page, Does.Contain("nightly").And.Contain("0 0 2 * * ?").And.Contain("Asia/Shanghai").And.Contain("运行中"));

            async Task<HttpResponseMessage> ActAsync(string action) => await office.PostAsync("/office/schedule", new()
            {
                ["key"] = "nightly", ["action"] = action, ["__RequestVerificationToken"] = await office.TokenAsync("/office/schedule"),
            });
            var paused = await ActAsync("pause");
            Assert.That(paused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await paused.Content.ReadAsStringAsync(), Does.Contain("已暂停 nightly"));
            Assert.That((await control.ListAsync()).Single(e => e.Key == "nightly").Paused, Is.True);
            await ActAsync("resume");
            Assert.That((await control.ListAsync()).Single(e => e.Key == "nightly").Paused, Is.False);
            var ran = await ActAsync("run-now");
            Assert.That(await ran.Content.ReadAsStringAsync(), Does.Contain("已触发 nightly 立即运行"));
            var unknown = await office.PostAsync("/office/schedule", new()
            {
                ["key"] = "nope", ["action"] = "pause", ["__RequestVerificationToken"] = await office.TokenAsync("/office/schedule"),
            });
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

            using var assessor = await WebClient.SignedInAsync("assessor", baseUrl);
            Assert.That((await assessor.GetAsync("/office/schedule")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}
