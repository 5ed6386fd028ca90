using System.Globalization;
using Openness.CrawlBench;

// Usage:
//   CrawlBench [--pages 2000] [--concurrency 8] [--crawlee-dir bench/crawlee] [--only http,cheerio,browser,playwright]
//   CrawlBench --child http|browser --portal <url> --concurrency <n> --max-list-pages <n>   (run by the benchmark)
var flags = Flags.Parse(args);
if (flags.TryGetValue("child", out var childMode))
{
    return await ChildCrawl.RunAsync(childMode, new Uri(flags["portal"]),
        int.Parse(flags["concurrency"], CultureInfo.InvariantCulture),
        int.Parse(flags["max-list-pages"], CultureInfo.InvariantCulture));
}

var settings = new BenchSettings
{
    Pages = flags.TryGetValue("pages", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : 2000,
    Concurrency = flags.TryGetValue("concurrency", out var c) ? int.Parse(c, CultureInfo.InvariantCulture) : 8,
    CrawleeDir = flags.TryGetValue("crawlee-dir", out var d) ? Path.GetFullPath(d) : BenchSettings.FindCrawleeDir(),
    Only = flags.TryGetValue("only", out var only) ? only.Split(',', StringSplitOptions.RemoveEmptyEntries) : null,
};
return await Benchmark.RunAsync(settings);

internal static class Flags
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            result[args[i][2..]] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        }
        return result;
    }
}
