using Microsoft.Playwright;

namespace Openness.Crawler.Fetching;

/// <summary>
/// Counts, inside each page, the fetch and XMLHttpRequest calls its scripts have made and not yet seen answered, and
/// the short timers (up to 1 s, two generations) they have set and that have not run yet.
/// A list script calls <c>fetch</c> while the page loads, but under load the request can reach the crawler's proxy
/// only after the proxy's quiet window has passed, so the proxy alone would capture the page before the list is
/// drawn. Reading this count once when the proxy goes quiet closes that gap for one round trip per page, where
/// Playwright's request events would send three driver messages per request.
/// A hostile page can only lie about its own count, and the network-idle cap bounds that.
/// </summary>
internal static class PendingScriptRequests
{
    private const string Name = "__opennessPendingRequests";

    // Runs in every frame before the page's own scripts.
    public const string InitScript = $$"""
        (() => {
          let pending = 0;
          const done = () => { pending = Math.max(0, pending - 1); };
          const nativeFetch = window.fetch;
          if (typeof nativeFetch === 'function') {
            window.fetch = function (...args) {
              pending++;
              let answer;
              try { answer = nativeFetch.apply(this, args); } catch (e) { done(); throw e; }
              Promise.resolve(answer).then(done, done);
              return answer;
            };
          }
          const xhr = window.XMLHttpRequest && window.XMLHttpRequest.prototype;
          if (xhr) {
            const send = xhr.send;
            xhr.send = function (...args) {
              pending++;
              this.addEventListener('loadend', done, { once: true });
              try { return send.apply(this, args); } catch (e) { done(); throw e; }
            };
          }
          // A list is often requested from a short timer set while the page loads; under load (several pages share a
          // renderer) that timer can fire after the proxy's quiet window. Such a timer counts until it has run. Only
          // two generations do (a timer set by a counted timer's callback still counts, one set by that one's not),
          // so an animation that re-arms its own timer cannot hold the page open.
          let generation = 0;
          const nativeSetTimeout = window.setTimeout, nativeClearTimeout = window.clearTimeout;
          const counted = new Set();
          window.setTimeout = function (callback, delay, ...rest) {
            if (typeof callback !== 'function')
              return nativeSetTimeout.call(this, callback, delay, ...rest);
            // Past the counted generations a timer's callback still runs as a later one, so what it sets is not counted.
            const mine = Math.min(generation + 1, 3);
            if (!(Number(delay || 0) <= 1000) || mine > 2)
              return nativeSetTimeout.call(this, function (...args) {
                const outer = generation;
                generation = 3;
                try { return callback.apply(this, args); } finally { generation = outer; }
              }, delay, ...rest);
            pending++;
            const id = nativeSetTimeout.call(this, function (...args) {
              if (counted.delete(id)) done();
              const outer = generation;
              generation = mine;
              try { return callback.apply(this, args); } finally { generation = outer; }
            }, delay, ...rest);
            counted.add(id);
            return id;
          };
          window.clearTimeout = function (id) {
            if (counted.delete(id)) done();
            return nativeClearTimeout.call(this, id);
          };
          Object.defineProperty(window, '{{Name}}', { get: () => pending });
        })();
        """;

    /// <summary>The main frame's count; 0 when the page cannot say (no script, a navigation under way).</summary>
    public static async Task<int> ReadAsync(IPage page, TimeSpan timeout)
    {
        try
        {
            return await page.EvaluateAsync<int>($"() => Number(window.{Name}) || 0")
                .WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return 0;
        }
    }
}
