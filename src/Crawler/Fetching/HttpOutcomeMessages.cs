using Openness.Core.Snapshots;

namespace Openness.Crawler.Fetching;

/// <summary>
/// The user-facing (Chinese) wording of a fetch outcome, with the technical cause in parentheses so an operator can
/// act on it: e.g. "域名无法解析（DNS lookup failed for www.x.gov.cn）".
/// </summary>
public static class HttpOutcomeMessages
{
    public static string ForStatus(int status, string? reason, int attempts)
    {
        var technical = $"HTTP {status}{(string.IsNullOrWhiteSpace(reason) ? "" : " " + reason)}";
        if (attempts > 1)
            technical += $" after {attempts} attempts";
        var retried = attempts > 1 ? $"，重试 {attempts - 1} 次后仍失败" : "";
        var text = status switch
        {
            400 => "请求无效（400）",
            401 => "需要登录才能访问（401）",
            403 => "拒绝访问（403，可能屏蔽了爬虫）",
            404 => "页面不存在（404）",
            405 => "服务器不接受该请求方式（405）",
            408 => $"服务器等待请求超时（408）{retried}",
            410 => "页面已被删除（410）",
            429 => $"访问过于频繁，被服务器限流（429）{retried}",
            503 => $"服务器返回 503（暂时不可用）{retried}",
            >= 500 => $"服务器返回 {status}（服务器内部错误）{retried}",
            _ => $"服务器返回 {status}",
        };
        return $"{text}（{technical}）";
    }

    public static string ForError(PageErrorKind error, string? cause, int attempts)
    {
        var text = error switch
        {
            PageErrorKind.Timeout => "请求超时",
            PageErrorKind.ConnectionRefused => "连接被拒绝",
            PageErrorKind.ConnectionReset => "连接被服务器中断",
            PageErrorKind.DnsFailure => "域名无法解析",
            PageErrorKind.TlsError => "HTTPS 证书或加密连接有误",
            PageErrorKind.TooLarge => "页面过大，已停止下载",
            PageErrorKind.RedirectLoop => "页面重定向形成循环",
            PageErrorKind.TooManyRedirects => "页面重定向次数过多",
            PageErrorKind.OutOfScope => "地址超出本单位网站范围，未访问",
            PageErrorKind.BlockedAddress => "目标是内网或本机地址，已拒绝访问",
            PageErrorKind.InvalidUrl => "网址无效",
            PageErrorKind.CircuitOpen => "该网站连续多次访问失败，暂停访问",
            _ => "访问失败",
        };
        if (attempts > 1 && error is PageErrorKind.Timeout or PageErrorKind.ConnectionReset or PageErrorKind.ConnectionRefused)
            text += $"，重试 {attempts - 1} 次后仍失败";
        return string.IsNullOrWhiteSpace(cause) ? text : $"{text}（{cause}）";
    }
}
