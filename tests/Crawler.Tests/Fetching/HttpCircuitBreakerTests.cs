using NUnit.Framework;
using Openness.Crawler.Resilience;

namespace Openness.Crawler.Tests.Fetching;

[TestFixture]
public sealed class HttpCircuitBreakerTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Test]
    public void Opens_only_after_consecutive_failures()
    {
        var breaker = new HostCircuitBreaker(3, TimeSpan.FromMinutes(1), new ManualClock());
        breaker.Record("a:80", CircuitVerdict.Failure);
        breaker.Record("a:80", CircuitVerdict.Failure);
        breaker.Record("a:80", CircuitVerdict.Success);
        breaker.Record("a:80", CircuitVerdict.Failure);
        breaker.Record("a:80", CircuitVerdict.Failure);
        Assert.That(breaker.TryEnter("a:80", out _), Is.True);

        breaker.Record("a:80", CircuitVerdict.Failure);
        Assert.That(breaker.TryEnter("a:80", out _), Is.False);
        Assert.That(breaker.TryEnter("b:80", out _), Is.True);
    }

    [Test]
    public void Neutral_outcomes_neither_count_nor_reset()
    {
        var breaker = new HostCircuitBreaker(2, TimeSpan.FromMinutes(1), new ManualClock());
        breaker.Record("a:80", CircuitVerdict.Failure);
        breaker.Record("a:80", CircuitVerdict.Neutral);
        breaker.Record("a:80", CircuitVerdict.Failure);
        Assert.That(breaker.IsOpen("a:80"), Is.True);
    }

    [Test]
    public void After_the_break_one_probe_is_allowed_and_a_failed_probe_reopens()
    {
        var clock = new ManualClock();
        var breaker = new HostCircuitBreaker(2, TimeSpan.FromMinutes(1), clock);
        breaker.Record("a:80", CircuitVerdict.Failure);
        breaker.Record("a:80", CircuitVerdict.Failure);

        clock.Now += TimeSpan.FromSeconds(61);
        Assert.That(breaker.TryEnter("a:80", out _), Is.True, "probe");
        Assert.That(breaker.TryEnter("a:80", out _), Is.False, "only one probe at a time");
        breaker.Record("a:80", CircuitVerdict.Failure);
        Assert.That(breaker.TryEnter("a:80", out var until), Is.False);
        Assert.That(until, Is.EqualTo(clock.Now + TimeSpan.FromMinutes(1)));

        clock.Now += TimeSpan.FromSeconds(61);
        Assert.That(breaker.TryEnter("a:80", out _), Is.True);
        breaker.Record("a:80", CircuitVerdict.Success);
        Assert.That(breaker.TryEnter("a:80", out _), Is.True);
        Assert.That(breaker.TryEnter("a:80", out _), Is.True);
    }
}
