using System.CommandLine;
using Openness.Rules;
using Openness.Rules.Catalogue;
using Openness.Rules.Checks;
using Openness.Rules.Indicators;

namespace Openness.Cli.Commands;

public static class RulesCommand
{
    public static Command Build()
    {
        var files = new Argument<string[]>("FILE") { Description = "indicator-system files (rules/*.yaml)", Arity = ArgumentArity.OneOrMore };
        var validate = new Command("validate", "check indicator-system files: every problem with file, line and what was expected") { files };
        validate.SetAction(parse =>
        {
            int problems = 0;
            var catalogues = new Dictionary<string, ColumnCatalogue>(); // one per rules folder, however many files
            foreach (var file in parse.GetRequiredValue(files))
            {
                var full = Path.GetFullPath(file);
                var folder = Path.GetDirectoryName(full)!;
                if (!catalogues.TryGetValue(folder, out var catalogue))
                    catalogues[folder] = catalogue = ColumnCatalogue.Load(Path.Combine(folder, RulesBundle.CatalogueFile));
                var errors = IndicatorSystemValidator.Validate(full, CheckRegistry.Default, catalogue);
                foreach (var e in errors) Console.Error.WriteLine($"error: {e}");
                Console.WriteLine(errors.Count == 0 ? $"{file}: ok" : $"{file}: {errors.Count} problem(s)");
                problems += errors.Count;
            }
            return problems == 0 ? 0 : CommandLine.InputError;
        });
        return new Command("rules", "indicator systems in rules/") { validate };
    }
}
