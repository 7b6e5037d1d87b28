using System.CommandLine;
using SharpStack.Core.Hosting;
using SharpStack.Core.Logging;
using SharpStack.Host.Hosting;

namespace SharpStack.Host.Commands;

/// <summary>`sharpstack serve identity …`: run chosen services against an existing setup (multi-host clouds).</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var configFile = CommonOptions.ConfigFile();
        var names = new Argument<string[]>("services")
        {
            Description = "The services to run: " + string.Join(", ", Services.All.Select(s => s.Name)),
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("serve", "Run the chosen services (databases are migrated; keys and bootstrap must exist).")
        {
            names, dataDir, configFile,
        };
        command.SetAction(async (parse, ct) =>
        {
            var modules = new List<IServiceModule>();
            foreach (var name in parse.GetValue(names) ?? [])
            {
                var module = Services.Find(name)
                    ?? throw new StartupException($"unknown service '{name}' (known: {string.Join(", ", Services.All.Select(s => s.Name))})");
                modules.Add(module);
            }
            var dir = DataDirectory.Resolve(parse.GetValue(dataDir));
            DataDirectory.Ensure(dir);
            var config = ConfigFile.Load(ConfigFile.Locate(parse.GetValue(configFile), dir));
            using var sink = new LogSink(config.Get(CoreOptions.LogFile));
            var context = new ServiceContext(config, dir, sink);
            var host = new CloudHost(context, modules);
            await host.InitializeAsync(ct);
            await host.StartAsync(ct);
            Console.WriteLine($"Serving {string.Join(", ", modules.Select(m => m.Name))}.");
            await host.WaitForShutdownAsync();
            return 0;
        });
        return command;
    }
}
