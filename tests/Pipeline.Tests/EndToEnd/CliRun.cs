namespace Openness.Pipeline.Tests.EndToEnd;

/// <summary>Runs the real command-line entry point, capturing stderr.</summary>
internal static class CliRun
{
    public static async Task<(int Code, string Err)> Run(params string[] args)
    {
        var err = new StringWriter();
        var saved = Console.Error;
        Console.SetError(err);
        try { return (await Openness.Cli.CommandLine.RunAsync(args), err.ToString()); }
        finally { Console.SetError(saved); }
    }
}
