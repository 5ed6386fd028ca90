using Openness.Rules.Checks;
using Openness.Rules.Findings;

namespace Openness.Rules.Tests.Indicators;

/// <summary>
/// Test doubles for the checks (not for anything under test): each declares the id and parameter specs of
/// docs/checks.md and returns the result a test scripted for it, so the loader, validator and scorer can
/// be exercised before and independently of the real checks.
/// </summary>
public sealed class ScriptedCheck(string id, params CheckParameterSpec[] parameters) : ICheck
{
    public string Id => id;
    public IReadOnlyList<CheckParameterSpec> Parameters => parameters;
    /// <summary>The result to return, chosen from the parameters the rules file gave; default: pass.</summary>
    public Func<CheckParameters, CheckResult>? Script { get; set; }
    public List<CheckParameters> Calls { get; } = [];

    public CheckResult Run(CheckContext context, CheckParameters p)
    {
        Calls.Add(p);
        return Script?.Invoke(p) ?? CheckResult.FromFraction(id, 1, "通过", []);
    }
}

public static class ContractChecks
{
    private static CheckParameterSpec P(string name, ParameterKind kind, bool required = false) => new(name, kind, required, name);

    /// <summary>A fresh registry with every check id and parameter of the contract.</summary>
    public static (CheckRegistry Registry, Dictionary<string, ScriptedCheck> Checks) Create()
    {
        ScriptedCheck[] all =
        [
            new("site-reachable"),
            new("homepage-updated", P("within", ParameterKind.Duration)),
            new("column-exists", P("columns", ParameterKind.ColumnIdList, true)),
            new("column-updated", P("columns", ParameterKind.ColumnIdList, true), P("within", ParameterKind.Duration)),
            new("column-not-blank", P("columns", ParameterKind.ColumnIdList, true)),
            new("min-items", P("columns", ParameterKind.ColumnIdList), P("count", ParameterKind.Number, true), P("within", ParameterKind.Duration)),
            new("items-matching", P("keywords", ParameterKind.TextList, true), P("columns", ParameterKind.ColumnIdList),
                P("within", ParameterKind.Duration), P("count", ParameterKind.Number)),
            new("policy-interpretation-linked", P("documents", ParameterKind.ColumnIdList), P("within", ParameterKind.Duration)),
            new("interpretation-timely", P("documents", ParameterKind.ColumnIdList), P("within", ParameterKind.Duration)),
            new("document-published-timely", P("columns", ParameterKind.ColumnIdList), P("within", ParameterKind.Duration)),
            new("metadata-complete", P("columns", ParameterKind.ColumnIdList), P("fields", ParameterKind.TextList)),
            new("disclosure-guide", P("within", ParameterKind.Duration)),
            new("annual-report", P("due", ParameterKind.Text)),
            new("search-works", P("query", ParameterKind.Text)),
            new("broken-links", P("maxRatio", ParameterKind.Number)),
            new("publishing-volume", P("columns", ParameterKind.ColumnIdList), P("within", ParameterKind.Duration)),
        ];
        return (new CheckRegistry(all), all.ToDictionary(c => c.Id));
    }
}
