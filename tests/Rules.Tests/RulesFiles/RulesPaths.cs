namespace Openness.Rules.Tests.RulesFiles;

/// <summary>The repository's rules/ folder, found from the test binary's location.</summary>
public static class RulesPaths
{
    public static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "rules");
                if (System.IO.File.Exists(Path.Combine(candidate, "columns.yaml"))) return candidate;
            }
            throw new DirectoryNotFoundException("rules/columns.yaml not found above " + AppContext.BaseDirectory);
        }
    }

    public static string File(string name) => Path.Combine(Folder, name);
}
