using Openness.Core.Diagnostics;

namespace Openness.Core.Units;

/// <summary>
/// One problem of a unit's entry in the units file, with the key it concerns (null when it concerns the entry as a
/// whole). The key lets the stored outcome say in Chinese what is wrong; the error keeps the file:line:col.
/// </summary>
public sealed record UnitProblem(string? Key, SourceError Error)
{
    private static readonly IReadOnlyDictionary<string, (string Zh, string En)> Fields = new Dictionary<string, (string, string)>
    {
        ["name"] = ("名称", "name"),
        ["group"] = ("分组", "group"),
        ["portal"] = ("门户网址", "portal URL"),
        ["entries"] = ("入口网址", "entry URL"),
        ["allowedHosts"] = ("允许访问的主机", "allowedHosts"),
        ["allowPrivateAddresses"] = ("允许内网地址设置", "allowPrivateAddresses"),
        ["fetchMode"] = ("抓取方式", "fetchMode"),
        ["browserHints"] = ("浏览器渲染路径", "browserHints"),
        ["publishingTarget"] = ("发布目标", "publishingTarget"),
        ["maxPages"] = ("最大页数", "maxPages"),
        ["maxDepth"] = ("最大深度", "maxDepth"),
    };

    /// <summary>Key value for an unknown key inside the unit.</summary>
    public const string UnknownKey = "?";

    /// <summary>
    /// What a person reads in the report: Chinese first, then the English detail and where to fix it, e.g.
    /// <c>门户网址无法解析（portal URL does not parse: 'portal': 'htp//x' is not an absolute http(s) URL）（units.yaml:12:13）</c>.
    /// </summary>
    public string Describe()
    {
        var where = Error.Line > 0 ? $"{Error.File}:{Error.Line}:{Error.Column}" : Error.File;
        return $"{Headline()}：{Error.Message}（{where}）";
    }

    private string Headline()
    {
        if (Key == UnknownKey) return "未知配置项（unknown key）";
        if (Key is null || !Fields.TryGetValue(Key, out var field)) return "单位配置有误（unit entry is not valid）";
        if (Error.Message.StartsWith("missing key", StringComparison.Ordinal)) return $"缺少{field.Zh}（missing {field.En}）";
        return Key is "portal" or "entries"
            ? $"{field.Zh}无法解析（{field.En} does not parse）"
            : $"{field.Zh}无效（{field.En} is not valid）";
    }
}

/// <summary>
/// A unit the units file lists with a readable, valid and unique id but an entry that cannot be scanned (a portal
/// URL that does not parse, a bad fetchMode, an unknown key ...). The other units are scanned; this one is recorded
/// as a failed unit scan with <see cref="Message"/>, so the reports show it instead of silently dropping it.
/// </summary>
/// <param name="Name">the name as written, null when it is missing or not text</param>
/// <param name="Portal">the portal as written (it may not be a URL), null when it is missing or not text</param>
public sealed record RejectedUnit(string Id, string? Name, string Group, string? Portal, IReadOnlyList<UnitProblem> Problems)
{
    public IEnumerable<SourceError> Errors => Problems.Select(p => p.Error);

    /// <summary>The unit scan's stored outcome (Chinese + English, with file:line:col of every problem).</summary>
    public string Message => "未扫描，单位配置有误（not scanned: the units file's entry is not valid）："
        + string.Join("；", Problems.Select(p => p.Describe()));
}
