using System.CommandLine;
using System.Diagnostics;
using SharpStack.Core.Auth.Remote;
using SharpStack.Core.Hosting;
using SharpStack.Core.Logging;
using SharpStack.Host.Hosting;
using SharpStack.Identity;
using SharpStack.Identity.Setup;

namespace SharpStack.Host.Commands;

/// <summary>`sharpstack up`: the whole cloud in this process, set up on first start, with no configuration needed.</summary>
public static class UpCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var configFile = CommonOptions.ConfigFile();
        var password = new Option<string?>("--admin-password")
        {
            Description = "The admin user's password (default: generated on first start and kept in admin-openrc).",
        };
        var command = new Command("up", "Start the all-in-one cloud: create databases, keys, the admin user and the catalog on first start.")
        {
            dataDir, configFile, password,
        };
        command.SetAction(async (parse, ct) =>
        {
            var started = Stopwatch.StartNew();
            var dir = DataDirectory.Resolve(parse.GetValue(dataDir));
            DataDirectory.Ensure(dir);
            var config = ConfigFile.Load(ConfigFile.Locate(parse.GetValue(configFile), dir));
            using var sink = new LogSink(config.Get(CoreOptions.LogFile));
            var context = new ServiceContext(config, dir, sink);
            context.LocalIdentityUrl = new Uri(IdentityModule.AuthUrl(context));
            var host = new CloudHost(context, Services.AllInOne);
            host.CheckPortsFree();
            AllInOneSetup.PrepareKeys(context);
            await host.InitializeAsync(ct);

            var identity = host.Apps.First(a => a.Module is IdentityModule).App;
            var admin = await AllInOneSetup.RunAsync(identity.Services, context, parse.GetValue(password), ct);
            foreach (var (module, _) in host.Apps)
            {
                if (module.Catalog(context) is not { } registration) continue;
                await ServiceRegistrar.EnsureAsync(identity.Services, registration,
                    LocalServiceUsers.Ensure(dir, registration.ServiceUser), AllInOneSetup.Region, ct);
            }
            await host.StartAsync(ct);

            Console.WriteLine($"SharpStack is up ({started.Elapsed.TotalSeconds:F1}s).");
            foreach (var (module, _) in host.Apps)
                Console.WriteLine($"  {module.Name,-10} {AllInOneSetup.EndpointOf(module, context)}");
            Console.WriteLine($"  data dir   {dir}");
            Console.WriteLine($"  admin      user 'admin', password '{admin.Password}'{(admin.Generated ? " (generated)" : "")}");
            Console.WriteLine($"  credentials: . {admin.OpenRcPath}");
            await host.WaitForShutdownAsync();
            return 0;
        });
        return command;
    }
}
