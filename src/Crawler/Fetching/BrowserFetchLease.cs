using Openness.Core.Snapshots;

namespace Openness.Crawler.Fetching;

/// <summary>
/// What one fetch on a pooled page may do and what the page's forward proxy saw. The proxy reads the slot's current
/// lease, so one pooled page serves every unit with that unit's own scope.
/// </summary>
internal sealed class BrowserFetchLease(FetchRequest request, FetchScope scope)
{
    private readonly CancellationTokenSource _ended = new();
    private bool _mainAnswered;
    private int _blockedRequests;
    private int _blockedAddresses;
    private int _skippedAssets;
    private readonly object _gate = new();
    private readonly List<Uri> _redirects = [];
    private int _inFlight;
    private long _lastActivity = Environment.TickCount64;

    public FetchRequest Request { get; } = request;
    public FetchScope Scope { get; } = scope;

    /// <summary>Cancelled when the fetch ends: the proxy drops its upstream requests and closes its tunnels, so a
    /// connection opened for one unit cannot carry the next unit's requests.</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>The form body to send with the main navigation (POST requests): Chromium asks the proxy for the page
    /// with a GET, and the proxy sends the POST.</summary>
    public IReadOnlyDictionary<string, string>? Form { get; } = request.Method.Equals("POST", StringComparison.OrdinalIgnoreCase) ? request.Form ?? new Dictionary<string, string>() : null;

    /// <summary>Set when routing refused the main navigation, so the fetch reports why instead of a bare net error.</summary>
    public (PageErrorKind Kind, string Message)? Refusal { get; private set; }

    public int? MainStatus { get; private set; }
    public string? MainContentType { get; private set; }

    public int BlockedRequests => _blockedRequests;
    public int BlockedAddresses => _blockedAddresses;
    public int SkippedAssets => _skippedAssets;

    public IReadOnlyList<Uri> Redirects
    {
        get { lock (_gate) return _redirects.ToList(); }
    }

    /// <summary>Requests of this fetch the proxy is relaying now (plain HTTP; a tunnel counts only while bytes move).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Milliseconds since the proxy last started, finished or moved bytes for this fetch.</summary>
    public long QuietFor => Environment.TickCount64 - Volatile.Read(ref _lastActivity);

    public void RequestStarted()
    {
        Interlocked.Increment(ref _inFlight);
        Touch();
    }

    public void RequestFinished()
    {
        Interlocked.Decrement(ref _inFlight);
        Touch();
    }

    /// <summary>Bytes moved through one of this fetch's tunnels.</summary>
    public void Touch() => Volatile.Write(ref _lastActivity, Environment.TickCount64);

    public void CountBlockedRequest() => Interlocked.Increment(ref _blockedRequests);
    public void CountBlockedAddress() => Interlocked.Increment(ref _blockedAddresses);
    public void CountSkippedAsset() => Interlocked.Increment(ref _skippedAssets);

    /// <summary>True for the request that fetches the page itself: the requested URL or the latest redirect target,
    /// until its answer arrives. Frames and scripts asking for the same URL later are not the page.</summary>
    public bool IsMainHop(Uri url)
    {
        lock (_gate)
            return !_mainAnswered && url == (_redirects.Count > 0 ? _redirects[^1] : Request.Url);
    }

    /// <summary>Whether a tunnel to <paramref name="host"/>:<paramref name="port"/> may carry the page itself.</summary>
    public bool IsMainAuthority(string host, int port)
    {
        lock (_gate)
        {
            var main = _redirects.Count > 0 ? _redirects[^1] : Request.Url;
            return !_mainAnswered && main.Port == port && string.Equals(main.IdnHost, host, StringComparison.OrdinalIgnoreCase);
        }
    }

    public void MainAnswered(int status, string? contentType)
    {
        lock (_gate)
        {
            _mainAnswered = true;
            MainStatus = status;
            MainContentType = contentType;
        }
    }

    // The source is not disposed: proxy connections may still read the token after the fetch ends.
    public void End()
    {
        try { _ended.Cancel(); } catch (AggregateException) { } // a tunnel's close callback failed: it is closed anyway
    }

    public void Refuse(PageErrorKind kind, string message)
    {
        lock (_gate) Refusal ??= (kind, message);
    }

    /// <summary>Records a main-frame redirect hop; false when it loops or exceeds the limit.</summary>
    public bool AddRedirect(Uri target, int maxRedirects)
    {
        lock (_gate)
        {
            if (target == Request.Url || _redirects.Contains(target))
            {
                Refusal ??= (PageErrorKind.RedirectLoop, $"重定向循环（redirect loop）：{target}");
                return false;
            }
            _redirects.Add(target);
            if (_redirects.Count > maxRedirects)
            {
                Refusal ??= (PageErrorKind.TooManyRedirects, $"重定向次数过多（more than {maxRedirects} redirects）：{target}");
                return false;
            }
            return true;
        }
    }
}
