using Openness.Core.Snapshots;

namespace Openness.Crawler.Fetching;

/// <summary>
/// What one fetch on a pooled page may do and what its routing saw. The page's route handler reads the current lease,
/// so one shared browser context serves every unit with that unit's own scope.
/// </summary>
internal sealed class BrowserFetchLease(FetchRequest request, FetchScope scope)
{
    private int _blockedRequests;
    private int _blockedAddresses;
    private int _skippedAssets;
    private readonly object _gate = new();
    private readonly List<Uri> _redirects = [];

    public FetchRequest Request { get; } = request;
    public FetchScope Scope { get; } = scope;

    /// <summary>The form body still to be sent with the main navigation (POST requests).</summary>
    public IReadOnlyDictionary<string, string>? PendingForm { get; set; } = request.Method.Equals("POST", StringComparison.OrdinalIgnoreCase) ? request.Form ?? new Dictionary<string, string>() : null;

    /// <summary>Set when routing refused the main navigation, so the fetch reports why instead of a bare net error.</summary>
    public (PageErrorKind Kind, string Message)? Refusal { get; private set; }

    public int? MainStatus { get; set; }
    public string? MainContentType { get; set; }

    public int BlockedRequests => _blockedRequests;
    public int BlockedAddresses => _blockedAddresses;
    public int SkippedAssets => _skippedAssets;

    public IReadOnlyList<Uri> Redirects
    {
        get { lock (_gate) return _redirects.ToList(); }
    }

    public void CountBlockedRequest() => Interlocked.Increment(ref _blockedRequests);
    public void CountBlockedAddress() => Interlocked.Increment(ref _blockedAddresses);
    public void CountSkippedAsset() => Interlocked.Increment(ref _skippedAssets);

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
