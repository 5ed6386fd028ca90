using System.CommandLine;
using Openness.Cli.Importing;
using Openness.Core.Diagnostics;
using Openness.Core.Units;

namespace Openness.Cli.Commands;

/// <summary>`crawler units import`: an office's unit list (CSV or Excel) → a units file.</summary>
public static class UnitsCommand
{
    public static Command Build()
    {
        var file = new Argument<string>("FILE") { Description = "the list: .csv or .xlsx with columns name, group, portal URL (Chinese headings 单位名称, 分组, 网址 work too)" };
        var output = new Option<string>("--out") { Description = "the units file to write (docs/units.md)", Required = true };
        var evaluation = new Option<string>("--evaluation") { Description = "the evaluation's name, e.g. 2026年度政务公开第三方评估", Required = true };
        var rules = new Option<string>("--rules") { Description = "the indicator system, e.g. rules/jilin-2017-county.yaml", Required = true };
        var import = new Command("import", "turn an office's unit list (CSV or .xlsx) into a units file; bad rows are reported as file:row: what was expected") { file, output, evaluation, rules };
        import.SetAction(parse =>
        {
            var source = parse.GetRequiredValue(file);
            if (!File.Exists(source)) throw new InputFileException(new SourceError(source, 0, 0, "file not found"));
            var system = parse.GetRequiredValue(rules);
            if (!File.Exists(system)) throw new InputFileException(new SourceError("--rules", 0, 0, $"'{system}' not found: expected an indicator-system file in rules/"));
            var units = UnitListImporter.Read(source);
            var target = parse.GetRequiredValue(output);
            UnitsFileWriter.Write(target, parse.GetRequiredValue(evaluation), system, units, source);
            var check = UnitsFileReader.Read(target); // what we wrote must read back as a valid units file
            Console.WriteLine($"{target}: {check.Units.Count} units from {source}");
            foreach (var u in check.Units) Console.WriteLine($"  {u.Id,-24} {u.Group,-12} {u.Portal}  {ReportCommand.Clean(u.Name)}");
            // The importer's checks should leave nothing for the reader to reject; if they missed something, say so
            // rather than hand the office a file whose units a scan would record as failed.
            CommandLine.ReportRejectedUnits(check, "error", $"fix it in {target} (or the list) before scanning; a scan records it as failed");
            return check.Rejected.Count == 0 ? 0 : 1;
        });
        return new Command("units", "unit lists") { import };
    }
}
