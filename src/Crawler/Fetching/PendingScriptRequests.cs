using Microsoft.Playwright;

namespace Openness.Crawler.Fetching;

/// <summary>
/// Counts, inside each page, the fetch and XMLHttpRequest calls its scripts have made and not yet seen answered.
/// A list script calls <c>fetch</c> while the page loads, but under load the request can reach the crawler's proxy
/// only after the proxy's quiet window has passed, so the proxy alone would capture the page before the list is
/// drawn. Reading this count once when the proxy goes quiet closes that gap for one round trip per page; listening to
/// Playwright's request events instead cost a quarter more CPU per page (bench/run-crawl.sh).
/// A hostile page can only lie about its own count, and the network-idle cap bounds that.
/// </summary>
internal static class PendingScriptRequests
{
    private const string Name = "__opennessPendingRequests";

    // Runs in every frame before the page's own scripts.
    public const string InitScript = """
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
          Object.defineProperty(window, '__opennessPendingRequests', { get: () => pending });
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
