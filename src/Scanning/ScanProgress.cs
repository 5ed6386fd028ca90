namespace Openness.Scanning;

/// <summary>Where a scan reports what it is doing: per-unit state for a person watching, or plain log lines.</summary>
public interface IScanProgress
{
    void UnitStarted(string unitId, string unitName);
    void UnitStage(string unitId, string stage);
    void UnitFinished(string unitId, string summary, bool ok);
    void Info(string message);
}

/// <summary>Plain lines, one per event: right for logs, CI and output that is not a terminal.</summary>
public sealed class LineProgress(TextWriter writer) : IScanProgress
{
    private readonly Lock _gate = new();
    private void Write(string line) { lock (_gate) writer.WriteLine($"{DateTime.Now:HH:mm:ss} {line}"); }
    public void UnitStarted(string unitId, string unitName) => Write($"[{unitId}] start {unitName}");
    public void UnitStage(string unitId, string stage) => Write($"[{unitId}] {stage}");
    public void UnitFinished(string unitId, string summary, bool ok) => Write($"[{unitId}] {(ok ? "done" : "FAILED")}: {summary}");
    public void Info(string message) => Write(message);
}
