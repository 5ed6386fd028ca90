using System.CommandLine;
using Openness.Cli.Commands;
using Openness.Core.Diagnostics;

namespace Openness.Cli;

/// <summary>The `crawler` command tree. Each command lives in Commands/ and returns an exit code.</summary>
public static class CommandLine
{
    public const int InputError = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("政务公开评估: crawl units' portals, check them against an indicator system, score, store and report.");
        root.Add(DemoCommand.Build());
        root.Add(ScanCommand.Build());
        root.Add(RulesCommand.Build());
        root.Add(ServeCommand.Build());
        root.Add(UsersCommand.Build());
        root.Add(ScheduleCommand.Build());
        root.Add(WorkerCommand.Build());
        root.Add(ReportCommand.Build());
        root.Add(DbCommand.Build());
        root.Add(UnitsCommand.Build());
        try
        {
            // Our own handler below reports bad input as file:line: message with exit code 2; the default one would
            // print a stack trace and return 1.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (InputFileException ex)
        {
            ReportInputErrors(ex);
            return InputError;
        }
        catch (Openness.Storage.MigrationLockException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Every problem on its own line as file:line:column: message, then a count.</summary>
    public static void ReportInputErrors(InputFileException ex)
    {
        foreach (var e in ex.Errors) Console.Error.WriteLine($"error: {e}");
        Console.Error.WriteLine($"{ex.Errors.Count} problem(s); nothing was scanned.");
    }

    /// <summary>
    /// The units a units file rejected, each problem as file:line:column: message (like <see cref="ReportInputErrors"/>),
    /// then what happens to the unit. <paramref name="level"/> is "error" where the unit fails, "warning" where it only
    /// will (a schedule).
    /// </summary>
    public static void ReportRejectedUnits(Openness.Core.Units.UnitsFile file, string level, string consequence)
    {
        foreach (var unit in file.Rejected)
        {
            foreach (var e in unit.Errors) Console.Error.WriteLine($"{level}: {e}");
            Console.Error.WriteLine($"unit '{unit.Id}' is not scanned ({unit.Problems.Count} problem(s)): {consequence}");
        }
    }

    public static DateOnly Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, ShanghaiTime).DateTime);

    public static readonly TimeZoneInfo ShanghaiTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static Option<string?> AsOfOption() => new("--as-of")
    {
        Description = "the day to evaluate as of (YYYY-MM-DD), so results are reproducible; default today in Asia/Shanghai",
    };

    public static DateOnly ParseAsOf(string? text)
    {
        if (string.IsNullOrEmpty(text)) return Today();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", out var d)) return d;
        throw new InputFileException(new SourceError("--as-of", 0, 0, $"'{text}' is not a date: expected YYYY-MM-DD"));
    }
}
