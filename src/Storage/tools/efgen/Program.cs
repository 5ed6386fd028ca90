using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Openness.Storage;

// Generates a migration for one provider without the dotnet-ef tool, whose Design package's dependencies
// (Mono.TextTemplating, SolutionPersistence) are missing from this machine's package registry. See docs/storage.md.
// Usage: dotnet run --project src/Storage/tools/efgen -- sqlite|postgres MigrationName src/Storage
if (args.Length != 3 || args[0] is not ("sqlite" or "postgres"))
{
    Console.Error.WriteLine("usage: efgen sqlite|postgres MigrationName STORAGE_PROJECT_DIR");
    return 2;
}
var (provider, name, projectDir) = (args[0], args[1], Path.GetFullPath(args[2]));
var options = provider == "sqlite"
    ? StorageOptions.SqliteFile(Path.Combine(Path.GetTempPath(), "efgen-design.db"))
    : new StorageOptions { Provider = "postgres", ConnectionString = "Host=localhost;Database=design;Username=design;Password=design" };
using var db = OpennessDbContextFactory.Create(options);
var services = new ServiceCollection();
services.AddEntityFrameworkDesignTimeServices();
services.AddDbContextDesignTimeServices(db);
#pragma warning disable EF1001 // the providers' design-time services are "internal" API, the same ones dotnet-ef loads
if (provider == "sqlite") new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices().ConfigureDesignTimeServices(services);
else new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services);
#pragma warning restore EF1001
var scaffolder = services.BuildServiceProvider().GetRequiredService<IMigrationsScaffolder>();
var folder = provider == "sqlite" ? "Sqlite" : "Postgres";
var migration = scaffolder.ScaffoldMigration(name, "Openness.Storage", $"Migrations.{folder}", "C#");
var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Migrations", folder));
Console.WriteLine(files.MigrationFile);
Console.WriteLine(files.SnapshotFile);
return 0;
