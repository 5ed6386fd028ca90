using System.Net;
using System.Text;

namespace Openness.Fixtures.Portals;

/// <summary>Chinese content shared by the CMS builders: titles, metadata, bodies, page chrome.</summary>
internal static class PortalText
{
    public static readonly string[] Topics =
    [
        "优化营商环境", "乡村振兴", "农村人居环境整治", "城乡居民医疗保险", "安全生产", "生态环境保护", "义务教育优质均衡发展",
        "养老服务体系建设", "消防安全", "河长制", "森林防火", "就业创业", "耕地保护", "城市管理", "数字政府建设",
        "水利工程建设", "文旅融合发展", "食品安全", "防汛抗旱", "燃气安全", "老旧小区改造", "高标准农田建设",
    ];

    public static string E(string s) => WebUtility.HtmlEncode(s);

    public static string Title(string columnName, string county, int n, DateOnly date)
    {
        var topic = Topics[n % Topics.Length];
        return columnName switch
        {
            "政策文件" => $"{county}人民政府关于印发《{county}{topic}实施方案》的通知",
            "政策解读" => $"《{county}{topic}实施方案》政策解读",
            "政府信息公开年报" => $"{county}人民政府{date.Year - 1 - n / Topics.Length}年政府信息公开工作年度报告",
            "规划计划" => $"{county}{topic}“十四五”规划（第{n + 1}号）",
            "财政资金" => $"{county}{date.Year}年{topic}专项资金预算公开",
            "政府信息公开制度" => $"{county}政府信息公开{(n % 2 == 0 ? "保密审查" : "发布协调")}制度",
            "机构职能" => $"{county}{topic}工作领导小组办公室主要职责",
            _ => $"{county}{topic}工作动态（{date:M月d日}）",
        };
    }

    public static string DocNumber(string county, int n, DateOnly date) => $"{county[..1]}政发〔{date.Year}〕{n % 90 + 1}号";

    public static string Head(PortalSpec spec, string title, string column, string? pubDate = null)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
        sb.Append($"<title>{E(title)}_{E(spec.GovernmentName)}</title>");
        sb.Append($"<meta name=\"SiteName\" content=\"{E(spec.GovernmentName)}\"><meta name=\"SiteDomain\" content=\"www.qingshan.gov.cn\">");
        sb.Append($"<meta name=\"SiteIDCode\" content=\"{spec.SiteCode}\"><meta name=\"ColumnName\" content=\"{E(column)}\">");
        if (pubDate is not null)
            sb.Append($"<meta name=\"ArticleTitle\" content=\"{E(title)}\"><meta name=\"PubDate\" content=\"{pubDate}\"><meta name=\"ContentSource\" content=\"{E(spec.GovernmentName)}办公室\">");
        sb.Append("<link rel=\"stylesheet\" href=\"/images/style.css\"></head>\n<body>");
        sb.Append($"<div class=\"header\"><h1>{E(spec.GovernmentName)}</h1></div>");
        return sb.ToString();
    }

    public static string Foot(PortalSpec spec) =>
        $"<div class=\"footer\"><p>主办：{E(spec.GovernmentName)}办公室　网站标识码：{spec.SiteCode}</p>" +
        "<p><a href=\"http://www.gov.cn/\" target=\"_blank\">中国政府网</a> <a href=\"mailto:zwgk@qingshan.gov.cn\">联系我们</a></p>" +
        "<script type=\"text/javascript\">var sitecode='" + spec.SiteCode + "';</script></div></body></html>";

    public static string Body(string title, string county, int n)
    {
        var topic = Topics[n % Topics.Length];
        return $"<p>各乡镇人民政府，县政府各部门：</p><p>现将《{E(title)}》印发给你们，请结合实际认真贯彻执行。</p>" +
               $"<p>一、总体要求。坚持以人民为中心的发展思想，围绕{topic}重点任务，细化工作措施，压实工作责任。</p>" +
               $"<p>二、主要任务。各责任单位要按照职责分工，于每季度末向{county}人民政府办公室报送工作进展情况。</p>" +
               "<p>三、保障措施。加强组织领导，强化督促检查，确保各项任务落到实处。</p>";
    }
}
