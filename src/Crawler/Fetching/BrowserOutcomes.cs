using Openness.Core.Snapshots;

namespace Openness.Crawler.Fetching;

/// <summary>Maps Chromium's net errors onto page outcomes, with a Chinese message for reports and the raw error.</summary>
internal static class BrowserOutcomes
{
    public static PageOutcome FromNavigationError(string error, TimeSpan elapsed)
    {
        var (kind, text) = Classify(error);
        return new PageOutcome { Error = kind, Message = $"{text}（{FirstLine(error)}）", Elapsed = elapsed };
    }

    public static PageOutcome Timeout(TimeSpan limit, TimeSpan elapsed) => new()
    {
        Error = PageErrorKind.Timeout,
        Message = $"浏览器加载页面超时（navigation timeout after {limit.TotalSeconds:0.#}s）",
        Elapsed = elapsed,
    };

    public static PageOutcome Refused(PageErrorKind kind, string message, TimeSpan elapsed) =>
        new() { Error = kind, Message = message, Elapsed = elapsed };

    public static PageOutcome FromStatus(int status, TimeSpan elapsed) => status is >= 200 and < 400
        ? PageOutcome.Ok(status, 1, elapsed)
        : new PageOutcome { Status = status, Error = PageErrorKind.HttpStatus, Message = $"服务器返回错误状态（HTTP {status}）", Elapsed = elapsed };

    /// <summary>The wording for a failure the browser's proxy met on the way to the site, with its technical cause.</summary>
    public static string TextFor(PageErrorKind kind, string? cause, Uri url)
    {
        var text = kind switch
        {
            PageErrorKind.DnsFailure => "域名解析失败（DNS）",
            PageErrorKind.ConnectionRefused => "服务器拒绝连接（connection refused）",
            PageErrorKind.ConnectionReset => "连接被重置（connection reset）",
            PageErrorKind.Timeout => "连接超时（timeout）",
            PageErrorKind.TlsError => "HTTPS 证书或加密连接错误（TLS）",
            PageErrorKind.BlockedAddress => $"目标地址为内网或本机地址，已阻止（blocked private/loopback address）：{url.Host}",
            _ => "浏览器加载页面失败（browser error）",
        };
        return string.IsNullOrWhiteSpace(cause) ? text : $"{text}（{cause}）";
    }

    private static (PageErrorKind Kind, string Text) Classify(string error)
    {
        bool Has(params string[] needles) => needles.Any(n => error.Contains(n, StringComparison.OrdinalIgnoreCase));

        if (Has("ERR_NAME_NOT_RESOLVED", "ERR_NAME_RESOLUTION_FAILED", "ENOTFOUND", "EAI_AGAIN"))
            return (PageErrorKind.DnsFailure, "域名解析失败（DNS）");
        if (Has("ERR_CONNECTION_REFUSED", "ECONNREFUSED"))
            return (PageErrorKind.ConnectionRefused, "服务器拒绝连接（connection refused）");
        if (Has("ERR_CONNECTION_RESET", "ERR_CONNECTION_CLOSED", "ERR_EMPTY_RESPONSE", "ECONNRESET", "socket hang up"))
            return (PageErrorKind.ConnectionReset, "连接被重置（connection reset）");
        if (Has("ERR_TIMED_OUT", "ERR_CONNECTION_TIMED_OUT", "ETIMEDOUT", "Timeout"))
            return (PageErrorKind.Timeout, "连接超时（timeout）");
        if (Has("ERR_CERT", "ERR_SSL", "CERT_", "SSL", "self-signed", "self signed"))
            return (PageErrorKind.TlsError, "HTTPS 证书或加密连接错误（TLS）");
        if (Has("ERR_TOO_MANY_REDIRECTS"))
            return (PageErrorKind.TooManyRedirects, "重定向次数过多（too many redirects）");
        if (Has("ERR_ADDRESS_UNREACHABLE", "ERR_INTERNET_DISCONNECTED", "ENETUNREACH", "EHOSTUNREACH"))
            return (PageErrorKind.ConnectionRefused, "无法连接到服务器（address unreachable）");
        if (Has("Download is starting"))
            return (PageErrorKind.BrowserError, "该地址是下载文件而非网页（download, not a page）");
        return (PageErrorKind.BrowserError, "浏览器加载页面失败（browser error）");
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] : line;
    }
}
