using System.Collections.Concurrent;
using Openness.Scanning;
using Spectre.Console;

namespace Openness.Cli.Scanning;

/// <summary>
/// For a person at a terminal: one table row per unit with its current stage, redrawn in place (Spectre.Console).
/// Everything shown comes from crawled or configured text, so it is markup-escaped.
/// </summary>
public sealed class LiveProgress : IScanProgress, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (int Order, string Name, string State)> _units = new();
    private readonly ConcurrentQueue<string> _info = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _render;
    private int _order;

    private LiveProgress() =>
        _render = AnsiConsole.Live(new Table()).AutoClear(false).StartAsync(async ctx =>
        {
            while (!_stop.IsCancellationRequested)
            {
                ctx.UpdateTarget(Render());
                try { await Task.Delay(250, _stop.Token); } catch (OperationCanceledException) { }
            }
            ctx.UpdateTarget(Render());
        });

    /// <summary>The live table when stdout is a terminal, plain lines otherwise (logs, CI, pipes).</summary>
    public static IScanProgress ForConsole() =>
        Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive ? new LineProgress(Console.Out) : new LiveProgress();

    public void UnitStarted(string unitId, string unitName) =>
        _units[unitId] = (Interlocked.Increment(ref _order), unitName, "[yellow]starting[/]");
    public void UnitStage(string unitId, string stage) => Set(unitId, $"[yellow]{Markup.Escape(stage)}[/]");
    public void UnitFinished(string unitId, string summary, bool ok) =>
        Set(unitId, ok ? $"[green]done[/] {Markup.Escape(summary)}" : $"[red]FAILED[/] {Markup.Escape(summary)}");
    public void Info(string message) => _info.Enqueue(message);

    private void Set(string unitId, string state) =>
        _units.AddOrUpdate(unitId, _ => (Interlocked.Increment(ref _order), unitId, state), (_, u) => u with { State = state });

    private Table Render()
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("unit").AddColumn("name").AddColumn("state");
        if (_info.LastOrDefault() is { } info) table.Caption(Markup.Escape(info));
        foreach (var (id, u) in _units.OrderBy(p => p.Value.Order))
            table.AddRow(Markup.Escape(id), Markup.Escape(u.Name), u.State);
        return table;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _render;
        _stop.Dispose();
    }
}
