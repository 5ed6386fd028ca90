using System.Text.Json.Serialization;
using Microsoft.Playwright;

namespace Openness.Crawler.Fetching;

/// <summary>
/// Serialises the rendered DOM with same-origin iframes inlined. Disclosure platforms are often embedded as frames,
/// and later stages parse one document, so each same-origin frame's body replaces its element as
/// <c>&lt;div data-openness-iframe-src="…"&gt;</c>, with the frame's links made absolute (they were relative to the
/// frame, not the page). Cross-origin frames stay as they are: the browser does not let the page read them either.
/// </summary>
internal static class BrowserDomCapture
{
    public const string IframeAttribute = "data-openness-iframe-src";

    // Runs in the page. Works on a clone so the live page (and a later screenshot) is untouched.
    private const string Script = """
        (maxNodes) => {
          const abs = (value, base) => { try { return new URL(value, base).href; } catch (e) { return value; } };
          const absolutize = (root, base) => {
            for (const el of root.querySelectorAll('[href]')) el.setAttribute('href', abs(el.getAttribute('href'), base));
            for (const el of root.querySelectorAll('[src]')) el.setAttribute('src', abs(el.getAttribute('src'), base));
            for (const el of root.querySelectorAll('form[action]')) el.setAttribute('action', abs(el.getAttribute('action'), base));
          };
          let inlined = 0;
          const inline = (doc, depth) => {
            const clone = doc.documentElement.cloneNode(true);
            if (depth > 0) absolutize(clone, doc.baseURI);
            const live = Array.from(doc.querySelectorAll('iframe,frame'));
            const copies = Array.from(clone.querySelectorAll('iframe,frame'));
            live.forEach((frame, i) => {
              let child = null;
              try { child = frame.contentDocument; } catch (e) { child = null; }
              if (!child || !child.documentElement || depth >= 5 || !copies[i]) return;
              let origin = null;
              try { origin = child.location.origin; } catch (e) { return; }
              if (origin !== document.location.origin) return;
              const holder = doc.createElement('div');
              holder.setAttribute('data-openness-iframe-src', child.location.href);
              const inner = inline(child, depth + 1);
              const body = inner.querySelector('body') || inner;
              while (body.firstChild) holder.appendChild(body.firstChild);
              copies[i].replaceWith(holder);
              inlined++;
            });
            return clone;
          };
          const pageNodes = document.getElementsByTagName('*').length;
          const root = inline(document, 0);
          const all = root.getElementsByTagName('*');
          const nodes = all.length + 1;
          let truncated = false;
          if (nodes > maxNodes) {
            // Keep the document-order prefix: head, navigation and the start of the lists survive.
            for (const el of Array.from(all).slice(Math.max(maxNodes - 1, 0))) el.remove();
            truncated = true;
          }
          const dt = document.doctype ? '<!DOCTYPE ' + document.doctype.name + '>\n' : '';
          return { html: dt + root.outerHTML, pageNodes, nodes, truncated, inlined };
        }
        """;

    /// <summary>Reads the DOM; a page whose script never yields (while(true){}) fails with a TimeoutException.</summary>
    public static async Task<DomSnapshot> CaptureAsync(IPage page, int maxNodes, TimeSpan limit)
    {
        try
        {
            return await page.EvaluateAsync<DomSnapshot>(Script, maxNodes).WaitAsync(limit).ConfigureAwait(false);
        }
        catch (PlaywrightException ex) when (ex.Message.Contains("context was destroyed", StringComparison.OrdinalIgnoreCase) ||
                                             ex.Message.Contains("navigat", StringComparison.OrdinalIgnoreCase))
        {
            // A script navigated after load (redirect by location.href): capture the document it went to.
            await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 10_000 }).ConfigureAwait(false);
            return await page.EvaluateAsync<DomSnapshot>(Script, maxNodes).WaitAsync(limit).ConfigureAwait(false);
        }
    }

    internal sealed record DomSnapshot
    {
        [JsonPropertyName("html")] public string Html { get; init; } = "";
        [JsonPropertyName("pageNodes")] public int PageNodes { get; init; }
        [JsonPropertyName("nodes")] public int Nodes { get; init; }
        [JsonPropertyName("truncated")] public bool Truncated { get; init; }
        [JsonPropertyName("inlined")] public int Inlined { get; init; }
    }
}
