using System.CommandLine;
using Openness.Core.Diagnostics;
using Openness.Storage;
using Openness.Storage.Accounts;
using Openness.Web.Auth;

namespace Openness.Cli.Commands;

/// <summary>
/// crawler users add|list: accounts for the web app. There is no default account or password: a password is read
/// from standard input (--password-stdin) or generated and printed once.
/// </summary>
public static class UsersCommand
{
    public static Command Build()
    {
        var username = new Option<string>("--username") { Description = "sign-in name", Required = true };
        var role = new Option<string>("--role") { Description = "office | assessor | unit", Required = true };
        var unit = new Option<string?>("--unit") { Description = "for --role unit: the unit's id in the units file" };
        var name = new Option<string?>("--name") { Description = "name shown in the app (default: the username)" };
        var stdin = new Option<bool>("--password-stdin") { Description = "read the password from the first line of standard input" };
        var config = new Option<string?>("--config") { Description = "settings file (default: appsettings.json at the repository root)" };
        var add = new Command("add", "create an account (office administrator, assessor, or a unit user bound to one unit)")
            { username, role, unit, name, stdin, config };
        add.SetAction(async (parse, ct) =>
        {
            var settings = AppSettings.Load(parse.GetValue(config));
            var userRole = ParseRole(parse.GetRequiredValue(role));
            string password;
            bool generated = !parse.GetValue(stdin);
            if (generated) password = Passwords.Generate();
            else
            {
                password = (Console.In.ReadLine() ?? "").TrimEnd('\r', '\n');
                if (password.Length < Passwords.MinimumLength)
                    throw new InputFileException(new SourceError("<stdin>", 1, 1, $"password too short: expected at least {Passwords.MinimumLength} characters"));
            }
            var accounts = await AccountStore.OpenAsync(settings.Storage, ct);
            try
            {
                var user = await accounts.AddAsync(parse.GetRequiredValue(username), parse.GetValue(name) ?? "", userRole, parse.GetValue(unit),
                    Passwords.Hash(password), "cli:" + Environment.UserName, ct);
                Console.WriteLine($"created {user.Username} ({user.Role}{(user.UnitKey is null ? "" : ", unit " + user.UnitKey)})");
                if (generated) Console.WriteLine($"password: {password}   (shown once; store it safely)");
                return 0;
            }
            catch (AccountRejectedException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return CommandLine.InputError;
            }
        });
        var listConfig = new Option<string?>("--config") { Description = "settings file" };
        var list = new Command("list", "list accounts") { listConfig };
        list.SetAction(async (parse, ct) =>
        {
            var accounts = await AccountStore.OpenAsync(AppSettings.Load(parse.GetValue(listConfig)).Storage, ct);
            foreach (var u in await accounts.ListAsync(ct))
                Console.WriteLine($"{u.Username,-20} {u.Role,-20} {u.UnitKey ?? ""}{(u.LockedUntil > DateTimeOffset.UtcNow ? "  (locked)" : "")}");
            return 0;
        });
        return new Command("users", "web app accounts") { add, list };
    }

    public static UserRole ParseRole(string text) => text.Trim().ToLowerInvariant() switch
    {
        "office" or "admin" or "officeadministrator" => UserRole.OfficeAdministrator,
        "assessor" => UserRole.Assessor,
        "unit" or "unituser" => UserRole.UnitUser,
        _ => throw new InputFileException(new SourceError("--role", 0, 0, $"'{text}' is not a role: expected office, assessor or unit")),
    };
}
