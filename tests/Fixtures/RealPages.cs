namespace Openness.Fixtures;

/// <summary>
/// The real government pages in the shared corpus (shared/corpus/real-pages, beside the repository). Found from
/// OPENNESS_CORPUS, else from the repository root upwards, so a fresh clone anywhere with shared/ beside it works.
/// A missing corpus fails the test that needs it; it is never skipped.
/// </summary>
public static class RealPages
{
    public static string Root { get; } = Find();

    public static string PathOf(string relative)
    {
        var path = System.IO.Path.Combine(Root, relative);
        if (!File.Exists(path)) throw new FileNotFoundException($"real-page corpus file missing: {path}", path);
        return path;
    }

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("OPENNESS_CORPUS") is { Length: > 0 } env) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "corpus", "real-pages");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(
            "the real-page corpus (shared/corpus/real-pages) was not found above " + AppContext.BaseDirectory +
            "; set OPENNESS_CORPUS to its folder");
    }
}
