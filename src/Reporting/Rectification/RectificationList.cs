using Openness.Rules.Findings;

namespace Openness.Reporting.Rectification;

/// <summary>One problem behind a rectification item (存在问题): what a check found, and where it was seen.</summary>
public sealed record RectificationProblem(string CheckId, string Subject, FindingStatus Status, string Message, IReadOnlyList<Evidence> Evidence);

/// <summary>
/// One row of the rectification list in seed 004's columns. <see cref="IndicatorId"/>, <see cref="IndicatorName"/> and
/// <see cref="Criteria"/> make up 工作任务; <see cref="SupervisionTasks"/> are the supervision table's task numbers
/// the item raised, when a table was given.
/// </summary>
public sealed record RectificationItem(
    int Number, string IndicatorId, string IndicatorName, string Criteria, FindingStatus Status, string Completion,
    double PointsLost, IReadOnlyList<RectificationProblem> Problems, IReadOnlyList<string> Measures, string ResponsibleBody,
    IReadOnlyList<string> MaterialProviders, IReadOnlyList<int> SupervisionTasks);

/// <summary>整改清单: what one unit must rectify after one evaluation, ready for HTML, CSV and .xlsx.</summary>
public sealed record RectificationList(
    string UnitId, string UnitName, string Evaluation, DateOnly AsOf, IReadOnlyList<RectificationItem> Items)
{
    public const string Title = "整改清单";

    /// <summary>Seed 004's column headings (全面推进政务公开工作督察表), exactly as the form prints them.</summary>
    public static readonly IReadOnlyList<string> Headings = ["序号", "工作任务", "完成情况", "存在问题", "整改措施", "整改责任主体", "材料提供部门"];

    /// <summary>The form's header fields: 督察对象 (the unit) and 督察时间 (the evaluation's as-of day).</summary>
    public string SupervisedUnitLine => $"督察对象：{UnitName}";
    public string SupervisionDateLine => $"督察时间：{AsOf:yyyy-MM-dd}";
}
