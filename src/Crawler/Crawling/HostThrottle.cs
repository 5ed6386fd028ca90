using System.Collections.Concurrent;
using System.Diagnostics;

namespace Openness.Crawler.Crawling;

/// <summary>
/// Politeness shared by every unit crawl in a process: at most N requests in flight per host, requests to one host
/// spaced by 1/rate seconds (no burst: government servers are small), and a global cap on requests in flight.
/// A semaphore plus a per-host "next slot" clock: src/Crawler does not reference System.Threading.RateLimiting.
/// </summary>
public sealed class HostThrottle : IDisposable
{
    private readonly int _perHostConcurrency;
    private readonly TimeSpan _interval;
    private readonly SemaphoreSlim _global;
    private readonly ConcurrentDictionary<string, HostGate> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public HostThrottle(int perHostConcurrency, double perHostRequestsPerSecond, int globalConcurrency)
    {
        _perHostConcurrency = Math.Max(1, perHostConcurrency);
        _interval = perHostRequestsPerSecond > 0 ? TimeSpan.FromSeconds(1 / perHostRequestsPerSecond) : TimeSpan.Zero;
        _global = new SemaphoreSlim(Math.Max(1, globalConcurrency));
    }

    public static HostThrottle From(CrawlerOptions options) =>
        new(options.PerHostConcurrency, options.PerHostRequestsPerSecond, options.GlobalConcurrency);

    /// <summary>Host key: host, or host:port for non-default ports (the same key scopes use).</summary>
    public static string HostKey(Uri url) => url.IsDefaultPort ? url.Host.ToLowerInvariant() : $"{url.Host.ToLowerInvariant()}:{url.Port}";

    /// <summary>Waits for a slot on the URL's host; dispose the lease when the request is finished.</summary>
    public async Task<IDisposable> AcquireAsync(Uri url, CancellationToken cancellationToken)
    {
        var gate = _hosts.GetOrAdd(HostKey(url), _ => new HostGate(_perHostConcurrency));
        // Host first: a request waiting for a busy host must not hold one of the global slots.
        await gate.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _global.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            gate.Slots.Release();
            throw;
        }
        try
        {
            if (_interval > TimeSpan.Zero)
            {
                TimeSpan wait;
                lock (gate)
                {
                    var now = _clock.Elapsed;
                    var slot = gate.NextSlot > now ? gate.NextSlot : now;
                    gate.NextSlot = slot + _interval;
                    wait = slot - now;
                }
                if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _global.Release();
            gate.Slots.Release();
            throw;
        }
        return new Lease(this, gate);
    }

    public void Dispose()
    {
        _global.Dispose();
        foreach (var gate in _hosts.Values) gate.Slots.Dispose();
    }

    private sealed class HostGate(int concurrency)
    {
        public SemaphoreSlim Slots { get; } = new(concurrency);
        public TimeSpan NextSlot { get; set; }
    }

    private sealed class Lease(HostThrottle owner, HostGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            owner._global.Release();
            gate.Slots.Release();
        }
    }
}
