using System.Text;
using static Openness.Fixtures.Portals.PortalText;

namespace Openness.Fixtures.Portals;

/// <summary>
/// Builds realistic government portals of each CMS family in memory, modelled on the real pages in the corpus:
/// a 政府信息公开 platform with its required columns, lists and documents with catalogue metadata, the family's
/// paging mechanism, and (optionally) the traps real sites contain. Serve one with <see cref="PortalServer"/>.
/// </summary>
public static class PortalGenerator
{
    /// <summary>Column blueprint: name, folder under the site root, weight in the document split, fixed count.</summary>
    internal sealed record ColumnPlan(string Id, string Name, string Folder, int Weight, int? Fixed);

    internal static readonly ColumnPlan[] Plans =
    [
        new("1801", "政府信息公开指南", "zwgk/zfxxgkzn/", 0, 1),
        new("1802", "政府信息公开制度", "zwgk/zfxxgkzd/", 0, 2),
        new("1803", "机构职能", "zwgk/fdzdgknr/jgzn/", 1, null),
        new("1804", "规划计划", "zwgk/fdzdgknr/ghjh/", 1, null),
        new("1805", "政策文件", "zwgk/zcwj/", 4, null),
        new("1806", "政策解读", "zwgk/zcjd/", 2, null),
        new("1807", "财政资金", "zwgk/fdzdgknr/czzj/", 1, null),
        new("1808", "政府信息公开年报", "zwgk/zfxxgknb/", 0, 5),
        new("1809", "工作动态", "xwzx/gzdt/", 4, null),
    ];

    public static GeneratedPortal Generate(PortalSpec spec) => spec.Family switch
    {
        PortalFamily.TrsWcm => TrsPortalBuilder.Build(spec),
        PortalFamily.Hanweb => HanwebPortalBuilder.Build(spec),
        PortalFamily.Avalon => AvalonPortalBuilder.Build(spec),
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    /// <summary>How many documents each column gets: fixed ones first, the rest by weight, at least one each.</summary>
    internal static int[] Split(int documents)
    {
        var counts = new int[Plans.Length];
        var fixedTotal = Plans.Sum(p => p.Fixed ?? 0);
        var rest = Math.Max(0, documents - fixedTotal);
        var weights = Plans.Sum(p => p.Weight);
        var assigned = 0;
        for (var i = 0; i < Plans.Length; i++)
        {
            counts[i] = Plans[i].Fixed ?? Math.Max(1, rest * Plans[i].Weight / weights);
            assigned += Plans[i].Fixed is null ? counts[i] : 0;
        }
        // Rounding leftovers go to the busiest column (工作动态).
        counts[^1] += Math.Max(0, rest - assigned);
        return counts;
    }

    /// <summary>Date of the n-th newest document of a column: columns publish every few days.</summary>
    internal static DateOnly DateOf(PortalSpec spec, int column, int n) => spec.Today.AddDays(-(n * 3 + column));

    /// <summary>Traps real sites contain: a calendar without end, session ids in links, a path that keeps deepening.</summary>
    internal static string TrapLinks(PortalSpec spec, string someDocument)
    {
        if (!spec.Traps) return "";
        var sb = new StringBuilder("<div class=\"tools\">");
        sb.Append($"<a href=\"/hdjl/calendar.html?year={spec.Today.Year}&amp;month={spec.Today.Month}\">领导活动日历</a>");
        sb.Append("<a href=\"/ztzl/lj/index.html\">专题专栏</a>");
        sb.Append($"<a href=\"{someDocument};jsessionid=8F3A9C0D1E2B4A6F8C0D1E2B4A6F8C0D\">热点文件</a>");
        sb.Append($"<a href=\"{someDocument}?utm_source=weixin&amp;utm_medium=share\">分享</a>");
        sb.Append("</div>");
        return sb.ToString();
    }

    internal static string SearchForm(string action, string field, params (string Name, string Value)[] hidden)
    {
        var sb = new StringBuilder($"<form class=\"search\" action=\"{action}\" method=\"get\" target=\"_blank\">");
        foreach (var (name, value) in hidden) sb.Append($"<input type=\"hidden\" name=\"{name}\" value=\"{E(value)}\">");
        sb.Append($"<input type=\"text\" name=\"{field}\" placeholder=\"请输入关键词\"><input type=\"submit\" value=\"搜索\"></form>");
        return sb.ToString();
    }

    internal static string MetadataTable(PortalSpec spec, string columnName, string title, int id, int n, DateOnly date) =>
        "<table class=\"xxgk-meta\"><tbody>" +
        $"<tr><td><b>索 引 号：</b></td><td>{spec.SiteCode[..6]}/{date.Year}-{id:D5}</td><td><b>主题分类：</b></td><td>综合政务\\其他</td></tr>" +
        $"<tr><td><b>发文机关：</b></td><td>{E(spec.GovernmentName)}</td><td><b>成文日期：</b></td><td>{date.AddDays(-2):yyyy年MM月dd日}</td></tr>" +
        $"<tr><td><b>标　　题：</b></td><td colspan=\"3\">{E(title)}</td></tr>" +
        $"<tr><td><b>发文字号：</b></td><td>{(columnName == "政策文件" ? DocNumber(spec.County, n, date) : "无")}</td>" +
        $"<td><b>发布日期：</b></td><td>{date:yyyy年MM月dd日}</td></tr></tbody></table>";
}
