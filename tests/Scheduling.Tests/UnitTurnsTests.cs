using NUnit.Framework;

namespace Openness.Scheduling.Tests;

/// <summary>Two firings of one unit of one run in a process (Quartz's recovery double fire) take turns.</summary>
[TestFixture]
public sealed class UnitTurnsTests
{
    [Test]
    public async Task A_second_firing_of_the_same_unit_and_run_waits_until_the_first_ends()
    {
        var turns = new UnitTurns();
        var first = await turns.WaitTurnAsync(7, "unit-01", CancellationToken.None);
        var second = turns.WaitTurnAsync(7, "unit-01", CancellationToken.None);
        var otherUnit = turns.WaitTurnAsync(7, "unit-02", CancellationToken.None);
        var otherRun = turns.WaitTurnAsync(8, "unit-01", CancellationToken.None);
        Assert.That(await Task.WhenAny(second, Task.Delay(300)), Is.Not.SameAs(second), "waits while the first runs");
        Assert.That(otherUnit.IsCompletedSuccessfully && otherRun.IsCompletedSuccessfully, Is.True, "other units and runs do not wait");

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        (await otherUnit).Dispose();
        (await otherRun).Dispose();
        // With every turn over, a new firing does not wait.
        Assert.That(turns.WaitTurnAsync(7, "unit-01", CancellationToken.None).IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public async Task A_cancelled_waiter_does_not_let_a_third_firing_past_the_first()
    {
        var turns = new UnitTurns();
        var first = await turns.WaitTurnAsync(1, "u", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var second = turns.WaitTurnAsync(1, "u", cancel.Token);
        var third = turns.WaitTurnAsync(1, "u", CancellationToken.None);
        cancel.Cancel();
        Assert.That(async () => await second, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await Task.WhenAny(third, Task.Delay(300)), Is.Not.SameAs(third), "still behind the first");
        first.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }
}
