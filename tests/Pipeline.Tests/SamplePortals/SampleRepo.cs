using NUnit.Framework;
namespace Openness.Pipeline.Tests.SamplePortals;

/// <summary>Paths of the bundled samples, found from the test's output folder upwards.</summary>
internal static class SampleRepo
{
    public static string Root { get; } = FindRoot();
    public static string Samples => Path.Combine(Root, "samples");
    public static string Portals => Path.Combine(Samples, "portals");
    public static string Expected => Path.Combine(Samples, "expected.yaml");
    public static string UnitsTemplate => Path.Combine(Samples, "units.template.yaml");
    public static string DemoSystem => Path.Combine(Root, "rules", "jilin-2017-county.yaml");
    public static string Calendar => Path.Combine(Root, "rules", "cn-calendar.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Crawler.sln")) && Directory.Exists(Path.Combine(dir.FullName, "samples")))
                return dir.FullName;
        throw new DirectoryNotFoundException("repository root (Crawler.sln + samples/) not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
