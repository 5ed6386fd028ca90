using Openness.Core.Units;
using Openness.Rules.Calendar;
using Openness.Rules.Catalogue;
using Openness.Rules.Checks;

namespace Openness.Rules.Tests.Indicators;

/// <summary>A temporary folder for rules files written by a test, and a small column catalogue.</summary>
public sealed class RulesFixture : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("rules-test-").FullName;

    public static ColumnCatalogue Catalogue { get; } = new(
        [
            new CatalogueColumn("notices", "通知公告", ["公示公告"], "notices", null),
            new CatalogueColumn("policy-documents", "政策文件", [], "policy", null),
            new CatalogueColumn("policy-interpretation", "政策解读", [], "policy", null),
            new CatalogueColumn("disclosure-guide", "政府信息公开指南", [], "guide", null),
            new CatalogueColumn("work-news", "工作动态", [], "dynamic", null),
        ],
        new Dictionary<string, Dictionary<string, Duration>>
        {
            ["default"] = new() { ["notices"] = new(6, DurationUnit.Months), ["policy"] = new(6, DurationUnit.Months),
                ["guide"] = new(1, DurationUnit.Years), ["dynamic"] = new(2, DurationUnit.Weeks) },
            ["seed-002"] = new() { ["dynamic"] = new(1, DurationUnit.Days) },
        });

    public string Write(string name, string yaml)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, yaml.ReplaceLineEndings("\n"));
        return path;
    }

    public static CheckContext Context(DateOnly? asOf = null, int? publishingTarget = null) => new()
    {
        Site = new Openness.Rules.SiteModel.SiteModel
        {
            Unit = new UnitDefinition
            {
                Id = "test-unit", Name = "测试县人民政府", Portal = new Uri("http://127.0.0.1/"), PublishingTarget = publishingTarget,
            },
        },
        Catalogue = Catalogue,
        Calendar = new WorkingDayCalendar([], []),
        AsOf = asOf ?? new DateOnly(2024, 6, 30),
    };

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
