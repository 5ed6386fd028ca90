using System.Collections.Concurrent;

namespace Openness.Web.Rendering;

/// <summary>
/// Rendered bodies of the two most-read pages (a run's ranking, a unit's report), kept for a few seconds: an office
/// opening the ranking at 9:00 with many colleagues must not re-read and re-render the same run for each of them.
/// A decision recorded through this app drops everything at once; results saved by another process (a worker's scan)
/// show within <see cref="Lifetime"/>. Access is checked before the cache is asked, and the key says who the body is
/// for (staff bodies carry review links), so a cached body never reaches someone who may not see it.
/// </summary>
public sealed class PageCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 2000;
    private readonly ConcurrentDictionary<string, Lazy<Task<Entry?>>> _entries = new(StringComparer.Ordinal);

    public sealed record Entry(string Title, string Body, DateTimeOffset RenderedAt);

    /// <param name="render">null when there is nothing to show (not cached, so a 404 is asked again next time)</param>
    public async Task<Entry?> GetAsync(string key, Func<Task<(string Title, string Body)?>> render)
    {
        var now = DateTimeOffset.UtcNow;
        if (_entries.Count > MaxEntries) _entries.Clear();
        while (true)
        {
            // Lazy: concurrent requests for the same page wait for one render instead of each doing it.
            var lazy = _entries.GetOrAdd(key, _ => new Lazy<Task<Entry?>>(async () =>
                await render() is { } r ? new Entry(r.Title, r.Body, DateTimeOffset.UtcNow) : null));
            Entry? entry;
            try { entry = await lazy.Value; }
            catch
            {
                _entries.TryRemove(new KeyValuePair<string, Lazy<Task<Entry?>>>(key, lazy));
                throw;
            }
            if (entry is not null && now - entry.RenderedAt < Lifetime) return entry;
            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<Entry?>>>(key, lazy));
            if (entry is null) return null;
        }
    }

    /// <summary>After a decision: every page may show other points now.</summary>
    public void Invalidate() => _entries.Clear();
}
