namespace Openness.Cli;

/// <summary>Builds the `crawler` command tree (System.CommandLine). Being filled in with the pipeline.</summary>
public static class CommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("crawler: commands are being wired up");
        return Task.FromResult(2);
    }
}
