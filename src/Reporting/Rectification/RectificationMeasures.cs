namespace Openness.Reporting.Rectification;

/// <summary>
/// The measure (整改措施) proposed for a problem, by the kind of check that found it. The unit refines it; the office can
/// put its own wording on a supervision task, which is added beside these.
/// </summary>
internal static class RectificationMeasures
{
    public const string Fallback = "对照评估要点逐项整改，完成后在门户网站公开相关信息并留存佐证材料。";

    public static string For(string checkId) => checkId switch
    {
        "column-exists" => "按政府信息公开专栏目录开设该栏目，并发布应公开的信息。",
        "column-not-blank" => "在该栏目发布应公开的信息，消除空白栏目。",
        "column-updated" => "按规定周期更新该栏目，明确内容保障责任人。",
        "homepage-updated" => "及时更新门户网站首页动态信息。",
        "document-published-timely" => "在规定时限内公开政策文件，并完整标注成文日期和发布日期。",
        "interpretation-timely" => "政策文件公开后在规定时限内发布解读。",
        "policy-interpretation-linked" => "为政策文件发布解读，并在文件与解读之间建立关联阅读链接。",
        "metadata-complete" => "补全索引号、发文机关、成文日期、发布日期、发文字号、主题分类等目录信息。",
        "annual-report" => "按时发布政府信息公开工作年度报告。",
        "disclosure-guide" => "编制并公开政府信息公开指南，写明依申请公开的渠道和流程。",
        "broken-links" => "修复失效链接，定期开展链接检测。",
        "search-works" => "修复站内搜索功能，确保能检索到已公开的信息。",
        "site-reachable" => "保障门户网站稳定可访问，排查服务器和网络故障。",
        "min-items" or "publishing-volume" or "items-matching" => "按要求持续发布相关信息，确保数量和内容符合评估要点。",
        _ => Fallback,
    };
}
