using Openness.Rules.Findings;
using Openness.Rules.Scoring;
using Openness.Storage;

namespace Openness.Reporting;

/// <summary>The Chinese words reports show, and the stable codes the export uses.</summary>
public static class Labels
{
    /// <summary>Why a unit has no score, as ranking.html, ranking.csv and ranking.xlsx all show it.</summary>
    public static string UnscoredReason(UnscoredUnit unit) => unit.Message ?? "扫描失败";

    public static string Status(FindingStatus s) => s switch
    {
        FindingStatus.Pass => "通过",
        FindingStatus.Partial => "部分",
        FindingStatus.Fail => "不通过",
        FindingStatus.Manual => "人工评分",
        FindingStatus.NeedsReview => "待复核",
        _ => s.ToString(),
    };

    /// <summary>pass | partial | fail | manual | needs-review</summary>
    public static string StatusCode(FindingStatus s) => s switch
    {
        FindingStatus.Pass => "pass",
        FindingStatus.Partial => "partial",
        FindingStatus.Fail => "fail",
        FindingStatus.Manual => "manual",
        FindingStatus.NeedsReview => "needs-review",
        _ => s.ToString().ToLowerInvariant(),
    };

    public static string Method(AssessmentMethod m) => m switch
    {
        AssessmentMethod.ActualVerification => "实际验证",
        AssessmentMethod.SubmittedMaterials => "提交材料",
        _ => m.ToString(),
    };

    /// <summary>actual-verification | submitted-materials</summary>
    public static string MethodCode(AssessmentMethod m) => m switch
    {
        AssessmentMethod.ActualVerification => "actual-verification",
        AssessmentMethod.SubmittedMaterials => "submitted-materials",
        _ => m.ToString().ToLowerInvariant(),
    };

    public static string Change(FindingChange c) => c switch
    {
        FindingChange.New => "新发现",
        FindingChange.Unchanged => "与上次相同",
        FindingChange.Changed => "有变化",
        FindingChange.Fixed => "已整改",
        _ => c.ToString(),
    };

    /// <summary>new | unchanged | changed | fixed</summary>
    public static string ChangeCode(FindingChange c) => c.ToString().ToLowerInvariant();

    public static string Adjustment(string kind) => kind.ToLowerInvariant() switch
    {
        "deduction" => "扣分",
        "bonus" => "加分",
        "veto" => "否决",
        _ => kind,
    };

    public static string Badge(FindingStatus s) => $"<span class=\"s s-{StatusCode(s)}\">{Status(s)}</span>";

    /// <summary>A status badge with its own (escaped) wording, e.g. 完成情况 未完成 coloured as a failure.</summary>
    public static string Badge(FindingStatus s, string label) => $"<span class=\"s s-{StatusCode(s)}\">{Html.Text(label)}</span>";
}
