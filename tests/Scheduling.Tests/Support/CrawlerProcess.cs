using System.Collections.Concurrent;
using System.Diagnostics;
using NUnit.Framework;

namespace Openness.Scheduling.Tests.Support;

/// <summary>
/// The real `crawler` command (crawler.dll from the build output) as a child process, its output collected line by
/// line so a test can wait for what a person watching would see.
/// </summary>
public sealed class CrawlerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _name;

    private CrawlerProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    public static string CrawlerDll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "crawler.dll");
            Assert.That(File.Exists(path), Is.True, $"crawler.dll not built at {path}");
            return path;
        }
    }

    public static CrawlerProcess Start(string name, string root, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8, StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        info.ArgumentList.Add(CrawlerDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["OPENNESS_ROOT"] = root;
        var process = new Process { StartInfo = info };
        var child = new CrawlerProcess(process, name);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) child._lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) child._lines.Enqueue("stderr: " + e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to its end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string root, TimeSpan timeout, params string[] args)
    {
        using var p = Start(string.Join(' ', args.Take(2)), root, args);
        using var cts = new CancellationTokenSource(timeout);
        try { await p._process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { Assert.Fail($"crawler {string.Join(' ', args)} did not finish in {timeout}:\n{p.Output}"); }
        p.DrainOutput();
        return (p._process.ExitCode, p.Output);
    }

    public IReadOnlyList<string> Lines => _lines.ToArray();
    public string Output => string.Join('\n', _lines);
    public bool HasExited => _process.HasExited;

    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_lines.FirstOrDefault(match) is { } line) return line;
            if (_process.HasExited) Assert.Fail($"{_name} exited ({_process.ExitCode}) before the expected line:\n{Output}");
            await Task.Delay(100);
        }
        Assert.Fail($"{_name}: expected line not seen in {timeout}:\n{Output}");
        return "";
    }

    /// <summary>SIGKILL: no shutdown hook, no finally block — a node's death.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        DrainOutput();
    }

    // WaitForExit() without a bound also waits for the redirected pipes to close, which a straggling grandchild can
    // hold open for ever; a test must fail, not hang, so wait a bounded while and go on with the lines already read.
    private void DrainOutput()
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            _lines.Enqueue($"(test harness: {_name} output still open 30 s after exit)");
    }

    public void Dispose()
    {
        KillHard();
        TestContext.Out.WriteLine($"--- {_name} output ---\n{Output}");
        _process.Dispose();
    }
}
