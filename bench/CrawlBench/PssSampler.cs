using System.Globalization;

namespace Openness.CrawlBench;

/// <summary>
/// Peak memory of a process tree: the summed PSS (proportional set size) of a process and all its descendants,
/// sampled every few milliseconds. PSS splits shared pages among the processes mapping them, so summing it over
/// Chromium's renderer, GPU and utility processes counts shared libraries once, unlike summing RSS; a single
/// process's max RSS would miss the children entirely.
/// </summary>
public sealed class PssSampler : IAsyncDisposable
{
    private readonly int _rootPid;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakKb;
    private int _peakProcesses;
    private IReadOnlyDictionary<string, long> _peakBreakdown = new Dictionary<string, long>();
    // Cumulative user+system clock ticks last seen per process: the tree's CPU is their sum (a process that exits
    // between samples loses at most one interval's worth).
    private readonly Dictionary<int, long> _ticks = new();
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public PssSampler(int rootPid, TimeSpan interval)
    {
        _rootPid = rootPid;
        _interval = interval;
        _loop = Task.Run(LoopAsync);
    }

    public double PeakMegabytes => Interlocked.Read(ref _peakKb) / 1024.0;
    public int ProcessesAtPeak => Volatile.Read(ref _peakProcesses);
    /// <summary>At the peak: kB per kind of process (executable, plus Chromium's --type).</summary>
    public IReadOnlyDictionary<string, long> BreakdownAtPeak => Volatile.Read(ref _peakBreakdown);
    /// <summary>CPU seconds (user + system) used by the whole tree, summed over every process seen.</summary>
    public double CpuSeconds
    {
        get { lock (_ticks) return _ticks.Values.Sum() / TicksPerSecond; }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            Sample();
        } while (await WaitAsync(timer).ConfigureAwait(false));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try { return await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { return false; }
    }

    private void Sample()
    {
        var pids = Tree(_rootPid);
        long total = 0;
        var each = new List<(int Pid, long Kb)>(pids.Count);
        foreach (var pid in pids)
        {
            var kb = PssKb(pid);
            each.Add((pid, kb));
            var ticks = CpuTicks(pid);
            lock (_ticks)
                if (ticks > _ticks.GetValueOrDefault(pid)) _ticks[pid] = ticks;
            total += kb;
        }
        if (total > Interlocked.Read(ref _peakKb))
        {
            Interlocked.Exchange(ref _peakKb, total);
            Volatile.Write(ref _peakProcesses, pids.Count);
            var breakdown = new Dictionary<string, long>();
            foreach (var (pid, kb) in each)
            {
                var kind = Kind(pid);
                breakdown[kind] = breakdown.GetValueOrDefault(kind) + kb;
            }
            Volatile.Write(ref _peakBreakdown, breakdown);
        }
    }

    /// <summary>The process and its descendants, from /proc/&lt;pid&gt;/task/&lt;tid&gt;/children.</summary>
    public static List<int> Tree(int root)
    {
        var result = new List<int>();
        var queue = new Queue<int>();
        queue.Enqueue(root);
        while (queue.Count > 0)
        {
            var pid = queue.Dequeue();
            result.Add(pid);
            string[] tasks;
            try { tasks = Directory.GetDirectories($"/proc/{pid}/task"); }
            catch (IOException) { continue; } // exited meanwhile
            catch (UnauthorizedAccessException) { continue; }
            foreach (var task in tasks)
            {
                string text;
                try { text = File.ReadAllText(Path.Combine(task, "children")); }
                catch (IOException) { continue; }
                foreach (var child in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (int.TryParse(child, CultureInfo.InvariantCulture, out var c)) queue.Enqueue(c);
            }
        }
        return result;
    }

    /// <summary>Executable name plus Chromium's --type (renderer, gpu-process, utility, zygote).</summary>
    private static string Kind(int pid)
    {
        try
        {
            var name = File.ReadAllText($"/proc/{pid}/comm").Trim();
            // Chromium children rewrite their argv into one space-separated string: search, don't split.
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
            var at = cmdline.IndexOf("--type=", StringComparison.Ordinal);
            if (at < 0) return name;
            var end = cmdline.IndexOfAny([' ', '\0'], at);
            return $"{name} {cmdline[(at + 7)..(end < 0 ? cmdline.Length : end)]}";
        }
        catch (IOException) { return "?"; }
    }

    /// <summary>utime + stime from /proc/&lt;pid&gt;/stat, in clock ticks; 0 when the process is gone.</summary>
    private static long CpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }

    /// <summary>Pss in kB from /proc/&lt;pid&gt;/smaps_rollup; 0 when the process is gone.</summary>
    public static long PssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (!line.StartsWith("Pss:", StringComparison.Ordinal)) continue;
                var digits = line.AsSpan(4).Trim();
                var space = digits.IndexOf(' ');
                return long.Parse(space < 0 ? digits : digits[..space], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
