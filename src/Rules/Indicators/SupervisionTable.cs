namespace Openness.Rules.Indicators;

/// <summary>
/// What raises a supervision task for a unit: a failed/partial indicator (by id, in any scored system or only
/// <c>System</c>), or a failed/partial check result (by check id, optionally only when its subject contains
/// <c>Subject</c>).
/// </summary>
public sealed record RectificationTrigger(string? Indicator, string? Check, string? Subject, string? System);

/// <summary>A row of seed 004's 督察表: 工作任务, with 材料提供部门 pre-filled by the evaluation office.</summary>
public sealed record RectificationTask
{
    public required int Number { get; init; }
    public required string Id { get; init; }
    /// <summary>工作任务, as written in the seed.</summary>
    public required string Task { get; init; }
    /// <summary>整改责任主体; "{unit}" stands for the evaluated unit's name (the form asks for 单位或内设机构、下属单位名称).</summary>
    public string ResponsibleBody { get; init; } = "{unit}";
    /// <summary>材料提供部门.</summary>
    public IReadOnlyList<string> MaterialProviders { get; init; } = [];
    /// <summary>整改措施 proposed when the task is raised (the unit refines it).</summary>
    public string Measure { get; init; } = "";
    public IReadOnlyList<RectificationTrigger> RaisedBy { get; init; } = [];
    public string? Note { get; init; }
}

/// <summary>Seed 004: the supervision (rectification) table an evaluation office hands a unit.</summary>
public sealed class SupervisionTable
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Path { get; init; }
    public required string ContentHash { get; init; }
    public SystemSource? Source { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
    public IReadOnlyList<RectificationTask> Tasks { get; init; } = [];
    /// <summary>The indicator system files (names in the table's folder) the table is used with.</summary>
    public IReadOnlyList<string> Systems { get; init; } = [];
}

/// <summary>Seed 002 附件1: each unit's yearly publishing target (目标任务数量), to copy into the units file.</summary>
public sealed class PublishingTargets
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Path { get; init; }
    public SystemSource? Source { get; init; }
    public double? Total { get; init; }
    public IReadOnlyList<(string Unit, int Target)> Targets { get; init; } = [];
    public int? TargetFor(string unitName) =>
        Targets.Where(t => t.Unit == unitName).Select(t => (int?)t.Target).FirstOrDefault();
}
