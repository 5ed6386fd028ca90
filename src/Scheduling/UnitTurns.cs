namespace Openness.Scheduling;

/// <summary>
/// One firing at a time per run × unit in this process: a later firing of the same unit of the same run waits for the
/// earlier one to end. Across nodes only Quartz's DisallowConcurrentExecution and the saved-unit check apply: two
/// firings on two nodes at the same moment (not seen in the tests) would scan the unit twice, the store keeping one.
/// </summary>
internal sealed class UnitTurns
{
    private readonly Dictionary<(long Run, string Unit), Task> _last = [];

    public async Task<IDisposable> WaitTurnAsync(long runId, string unitId, CancellationToken ct)
    {
        var key = (runId, unitId);
        var mine = new Turn(this, key);
        Task? earlier;
        lock (_last)
        {
            _last.TryGetValue(key, out earlier);
            _last[key] = mine.Done;
        }
        if (earlier is not null)
        {
            try { await earlier.WaitAsync(ct); }
            catch (OperationCanceledException)
            {
                // Those queued after this one must still wait for the earlier firing, not only for this one.
                _ = earlier.ContinueWith(_ => mine.Dispose(), TaskScheduler.Default);
                throw;
            }
        }
        return mine;
    }

    private sealed class Turn(UnitTurns owner, (long, string) key) : IDisposable
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task Done => _done.Task;

        public void Dispose()
        {
            if (!_done.TrySetResult()) return;
            lock (owner._last)
                if (owner._last.TryGetValue(key, out var last) && last == _done.Task) owner._last.Remove(key);
        }
    }
}
