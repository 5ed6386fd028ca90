using NUnit.Framework;
using Openness.Core.Snapshots;
using Openness.Core.Units;
using Openness.Rules.Catalogue;
using Openness.Rules.Checks;

namespace Openness.Rules.Tests.Sites;

/// <summary>Test support: the real-page corpus, a small catalogue with the canonical ids, snapshot pages from HTML.</summary>
public static class TestSites
{
    public static string CorpusRoot => Openness.Fixtures.RealPages.Root;

    public static string Corpus(string relative)
    {
        var path = Path.Combine(CorpusRoot, relative);
        if (!File.Exists(path)) Assert.Fail($"corpus file missing: {path}");
        return File.ReadAllText(path);
    }

    public static string CalendarPath
    {
        get
        {
            for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            {
                var p = Path.Combine(dir.FullName, "rules", "cn-calendar.json");
                if (File.Exists(p)) return p;
            }
            throw new FileNotFoundException("rules/cn-calendar.json not found above " + TestContext.CurrentContext.TestDirectory);
        }
    }

    public static SnapshotPage Page(string url, string html, DateTimeOffset? fetchedAt = null, IReadOnlyDictionary<string, string>? notes = null) => new()
    {
        Url = url,
        Html = html,
        FetchedAt = fetchedAt ?? new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero),
        Outcome = PageOutcome.Ok(200, 1, TimeSpan.FromMilliseconds(30)),
        ContentType = "text/html; charset=utf-8",
        Notes = notes ?? new Dictionary<string, string>(),
    };

    public static SnapshotPage Failed(string url, PageErrorKind error, int? status = null, string? referrer = null) => new()
    {
        Url = url,
        Referrer = referrer,
        FetchedAt = new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero),
        Outcome = new PageOutcome { Status = status, Error = error, Message = error.ToString() },
    };

    public static UnitDefinition Unit(string portal, int? target = null) => new()
    {
        Id = "test-unit", Name = "测试县人民政府", Portal = new Uri(portal), PublishingTarget = target,
    };

    private static CatalogueColumn C(string id, string name, string category, params string[] aliases) => new(id, name, aliases, category, null);

    /// <summary>The canonical columns (ids as in rules/columns.yaml) with a few aliases sites use.</summary>
    public static ColumnCatalogue Catalogue { get; } = new(
    [
        C("disclosure-guide", "政府信息公开指南", "yearly", "信息公开指南", "公开指南"),
        C("disclosure-rules", "政府信息公开制度", "yearly", "信息公开制度", "公开制度"),
        C("statutory-content", "法定主动公开内容", "monthly"),
        C("annual-report", "政府信息公开年报", "yearly", "信息公开年报", "年度报告", "政府信息公开工作年度报告"),
        C("policy-documents", "政策文件", "monthly", "管委会文件", "政府文件", "文件"),
        C("normative-documents", "行政规范性文件", "monthly", "规范性文件"),
        C("policy-interpretation", "政策解读", "monthly", "解读回应"),
        C("notices", "通知公告", "weekly", "通知", "公告"),
        C("work-news", "工作动态", "weekly", "政务动态", "部门动态"),
        C("powers-list", "权责清单", "yearly"),
        C("budget-final-accounts", "财政预决算", "yearly", "预决算"),
        C("proposals-handling", "建议提案办理", "yearly"),
        C("major-projects", "重大建设项目", "monthly"),
        C("double-random", "双随机一公开", "monthly"),
        C("service-guide", "办事指南", "yearly"),
        C("interaction", "互动交流", "monthly"),
        C("disclosure-on-request", "依申请公开", "yearly", "政府信息公开申请"),
        C("institution-functions", "机构职能", "yearly"),
        C("plans", "规划计划", "yearly"),
        C("personnel", "人事信息", "monthly"),
    ],
    new Dictionary<string, Dictionary<string, Duration>>
    {
        ["default"] = new()
        {
            ["weekly"] = new Duration(2, DurationUnit.Weeks), ["monthly"] = new Duration(3, DurationUnit.Months),
            ["yearly"] = new Duration(1, DurationUnit.Years),
        },
        ["strict"] = new() { ["weekly"] = new Duration(1, DurationUnit.Weeks), ["monthly"] = new Duration(1, DurationUnit.Months) },
    });
}
