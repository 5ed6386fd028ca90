using System.Collections.Concurrent;

namespace Openness.Crawler.Resilience;

/// <summary>How one fetch should count for its host's circuit.</summary>
public enum CircuitVerdict
{
    /// <summary>The host answered (any status below 500 except 429): it is alive.</summary>
    Success,
    /// <summary>Timeout, refused/reset connection, DNS or TLS failure, 5xx or 429 after retries.</summary>
    Failure,
    /// <summary>Says nothing about the host (blocked, out of scope, too large, caller cancelled).</summary>
    Neutral,
}

/// <summary>
/// Per-host circuit breaker: opens after <c>failureThreshold</c> consecutive failed fetches and then refuses requests to
/// that host for <c>breakDuration</c>; afterwards one probe is let through (half-open) and its result closes or
/// re-opens the circuit. Polly v8's breaker counts a failure ratio over a sampling window, which cannot express
/// "N consecutive failures" when each failed fetch can take a minute of timeouts; hence this small one.
/// Keys are authorities (<c>host:port</c>), matching how <see cref="Fetching.FetchScope"/> tells sites apart.
/// </summary>
public sealed class HostCircuitBreaker(int failureThreshold, TimeSpan breakDuration, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, HostState> hosts = new(StringComparer.OrdinalIgnoreCase);

    public int FailureThreshold { get; } = Math.Max(1, failureThreshold);
    public TimeSpan BreakDuration { get; } = breakDuration;

    /// <summary>False when the circuit is open; <paramref name="openUntil"/> then says when a probe will be allowed.</summary>
    public bool TryEnter(string host, out DateTimeOffset openUntil)
    {
        var state = hosts.GetOrAdd(host, _ => new HostState());
        lock (state)
        {
            openUntil = state.OpenUntil;
            if (state.ConsecutiveFailures < FailureThreshold)
                return true;
            if (time.GetUtcNow() < state.OpenUntil || state.ProbeInFlight)
                return false;
            state.ProbeInFlight = true;
            return true;
        }
    }

    public void Record(string host, CircuitVerdict verdict)
    {
        var state = hosts.GetOrAdd(host, _ => new HostState());
        lock (state)
        {
            var wasProbe = state.ProbeInFlight;
            state.ProbeInFlight = false;
            switch (verdict)
            {
                case CircuitVerdict.Success:
                    state.ConsecutiveFailures = 0;
                    break;
                case CircuitVerdict.Failure:
                    state.ConsecutiveFailures++;
                    if (state.ConsecutiveFailures >= FailureThreshold && (wasProbe || state.ConsecutiveFailures == FailureThreshold))
                        state.OpenUntil = time.GetUtcNow() + BreakDuration;
                    break;
                case CircuitVerdict.Neutral:
                    break;
            }
        }
    }

    public bool IsOpen(string host) =>
        hosts.TryGetValue(host, out var state) && !TryPeek(state);

    public int ConsecutiveFailures(string host) =>
        hosts.TryGetValue(host, out var state) ? state.ConsecutiveFailures : 0;

    private bool TryPeek(HostState state)
    {
        lock (state)
            return state.ConsecutiveFailures < FailureThreshold || time.GetUtcNow() >= state.OpenUntil;
    }

    private sealed class HostState
    {
        public int ConsecutiveFailures;
        public DateTimeOffset OpenUntil;
        public bool ProbeInFlight;
    }
}
