using System.CommandLine;

using SharpStack.Core.Hosting;
using SharpStack.Core.Logging;
using SharpStack.Host.Diagnostics;
using SharpStack.Host.Hosting;
using SharpStack.Identity;
using SharpStack.Identity.Setup;
using Spectre.Console;

namespace SharpStack.Host.Commands;

/// <summary>`sharpstack manage …`: the operator steps of the upstream install guides (db sync, bootstrap, key setup and rotation, status).</summary>
public static class ManageCommand
{
    public static Command Create()
    {
        var manage = new Command("manage", "Operator steps of the upstream guides: db sync, bootstrap, fernet/credential keys, status.");
        manage.Subcommands.Add(Db());
        manage.Subcommands.Add(Bootstrap());
        manage.Subcommands.Add(Keys("fernet", "Fernet token keys", KeyRepositoryKind.Fernet));
        manage.Subcommands.Add(Keys("credential", "credential encryption keys", KeyRepositoryKind.Credential));
        manage.Subcommands.Add(Status());
        return manage;
    }

    /// <summary>Loads the configuration for a manage step, as `up` and `serve` would.</summary>
    internal static ServiceContext Context(ParseResult parse, Option<string?> dataDir, Option<string?> configFile, LogSink sink)
    {
        var dir = DataDirectory.Resolve(parse.GetValue(dataDir));
        DataDirectory.Ensure(dir);
        var config = ConfigFile.Load(ConfigFile.Locate(parse.GetValue(configFile), dir));
        // The operator steps act on this host's all-in-one layout: services validate tokens at the local Identity.
        var context = new ServiceContext(config, dir, sink);
        context.LocalIdentityUrl = new Uri(IdentityModule.AuthUrl(context));
        return context;
    }

    private static Command Db()
    {
        var dataDir = CommonOptions.DataDir();
        var configFile = CommonOptions.ConfigFile();
        var sync = new Command("sync", "Create or upgrade every service's database to the newest schema (safe to run any time).") { dataDir, configFile };
        sync.SetAction(async (parse, ct) =>
        {
            using var sink = new LogSink(null);
            var context = Context(parse, dataDir, configFile, sink);
            foreach (var module in Services.All)
            {
                await using var app = ServiceApp.Build(module, context);
                await module.MigrateAsync(app.Services, ct);
                Console.WriteLine($"{module.Name}: database is at the newest schema.");
            }
            return 0;
        });
        return new Command("db", "Database schema management.") { sync };
    }

    private static Command Bootstrap()
    {
        var dataDir = CommonOptions.DataDir();
        var configFile = CommonOptions.ConfigFile();
        var password = new Option<string?>("--bootstrap-password") { Description = "The admin user's password (required, or OS_BOOTSTRAP_PASSWORD)." };
        var username = new Option<string>("--bootstrap-username") { Description = "The admin user's name.", DefaultValueFactory = _ => "admin" };
        var project = new Option<string>("--bootstrap-project-name") { Description = "The admin project's name.", DefaultValueFactory = _ => "admin" };
        var role = new Option<string>("--bootstrap-role-name") { Description = "The admin role's name.", DefaultValueFactory = _ => "admin" };
        var service = new Option<string>("--bootstrap-service-name") { Description = "The identity service's name in the catalog.", DefaultValueFactory = _ => "keystone" };
        var region = new Option<string?>("--bootstrap-region-id") { Description = "The region of the identity endpoints." };
        var adminUrl = new Option<string?>("--bootstrap-admin-url") { Description = "The identity admin endpoint URL." };
        var publicUrl = new Option<string?>("--bootstrap-public-url") { Description = "The identity public endpoint URL." };
        var internalUrl = new Option<string?>("--bootstrap-internal-url") { Description = "The identity internal endpoint URL." };
        var mutable = new Option<bool>("--no-immutable-roles") { Description = "Create the default roles mutable." };
        var command = new Command("bootstrap", "Create the default domain, admin project, admin user, default roles and identity endpoints (keystone-manage bootstrap).")
        {
            dataDir, configFile, password, username, project, role, service, region, adminUrl, publicUrl, internalUrl, mutable,
        };
        command.SetAction(async (parse, ct) =>
        {
            var pw = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("OS_BOOTSTRAP_PASSWORD");
            if (string.IsNullOrEmpty(pw))
                throw new StartupException("bootstrap needs --bootstrap-password (or OS_BOOTSTRAP_PASSWORD)");
            using var sink = new LogSink(null);
            var context = Context(parse, dataDir, configFile, sink);
            var module = new IdentityModule();
            await using var app = ServiceApp.Build(module, context);
            await module.MigrateAsync(app.Services, ct);
            var request = new BootstrapRequest
            {
                Password = pw,
                Username = parse.GetValue(username)!,
                ProjectName = parse.GetValue(project)!,
                RoleName = parse.GetValue(role)!,
                ServiceName = parse.GetValue(service)!,
                RegionId = parse.GetValue(region),
                AdminUrl = parse.GetValue(adminUrl),
                PublicUrl = parse.GetValue(publicUrl),
                InternalUrl = parse.GetValue(internalUrl),
                ImmutableRoles = !parse.GetValue(mutable),
            };
            foreach (var line in await Bootstrapper.RunAsync(app.Services, request, ct))
                Console.WriteLine(line);
            return 0;
        });
        return command;
    }

    private static Command Keys(string name, string what, KeyRepositoryKind kind)
    {
        var dataDir = CommonOptions.DataDir();
        var configFile = CommonOptions.ConfigFile();
        var setup = new Command("setup", $"Create the {what} repository if it has no keys.") { dataDir, configFile };
        setup.SetAction((parse, _) =>
        {
            using var sink = new LogSink(null);
            var context = Context(parse, dataDir, configFile, sink);
            Console.WriteLine(KeySetup.Setup(context, kind));
            return Task.FromResult(0);
        });
        var rotate = new Command("rotate", $"Rotate the {what}: the staged key becomes primary, a new staged key is made, the oldest beyond max_active_keys are removed.") { dataDir, configFile };
        rotate.SetAction(async (parse, ct) =>
        {
            using var sink = new LogSink(null);
            var context = Context(parse, dataDir, configFile, sink);
            if (kind == KeyRepositoryKind.Fernet)
            {
                Console.WriteLine(KeySetup.RotateFernet(context));
                return 0;
            }
            var module = new IdentityModule();
            await using var app = ServiceApp.Build(module, context);
            await module.MigrateAsync(app.Services, ct);
            Console.WriteLine(await CredentialKeyRotation.RotateAsync(app.Services, ct));
            return 0;
        });
        return new Command(name, $"Manage the {what}.") { setup, rotate };
    }

    private static Command Status()
    {
        var dataDir = CommonOptions.DataDir();
        var configFile = CommonOptions.ConfigFile();
        var command = new Command("status", "Check the installation: configuration, databases, keys, bootstrap data, and each running API.") { dataDir, configFile };
        command.SetAction(async (parse, ct) =>
        {
            using var sink = new LogSink(null);
            ServiceContext context;
            try
            {
                context = Context(parse, dataDir, configFile, sink);
            }
            catch (SharpStack.Core.Configuration.ConfigException e)
            {
                AnsiConsole.MarkupLine($"[red]FAIL[/] configuration: {Markup.Escape(e.Message)}");
                return 1;
            }
            var checks = await StatusChecks.RunAsync(context, ct);
            var table = new Table().AddColumns("Check", "Result", "Details");
            foreach (var c in checks)
                table.AddRow(Markup.Escape(c.Name), c.Ok ? "[green]OK[/]" : "[red]FAIL[/]", Markup.Escape(c.Detail));
            AnsiConsole.Write(table);
            return checks.All(c => c.Ok) ? 0 : 1;
        });
        return command;
    }
}
