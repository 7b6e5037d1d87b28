using System.CommandLine;
using SharpStack.Core.Configuration;
using Spectre.Console;

namespace SharpStack.Host.Commands;

/// <summary>`sharpstack config check|show|docs`: validate a configuration file, show effective values, write the option reference.</summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var config = new Command("config", "Check and document the configuration.");

        var dataDir = CommonOptions.DataDir();
        var configFile = CommonOptions.ConfigFile();
        var check = new Command("check", "Validate the configuration file and environment overrides; print the problem or OK.") { dataDir, configFile };
        check.SetAction((parse, _) =>
        {
            var dir = DataDirectory.Resolve(parse.GetValue(dataDir));
            var path = ConfigFile.Locate(parse.GetValue(configFile), dir);
            ConfigFile.Load(path);
            Console.WriteLine(path is null ? "OK (no configuration file: built-in defaults)" : $"OK {path}");
            return Task.FromResult(0);
        });

        var dataDir2 = CommonOptions.DataDir();
        var configFile2 = CommonOptions.ConfigFile();
        var show = new Command("show", "Show every option's effective value and where it came from (secrets masked).") { dataDir2, configFile2 };
        show.SetAction((parse, _) =>
        {
            var dir = DataDirectory.Resolve(parse.GetValue(dataDir2));
            var loaded = ConfigFile.Load(ConfigFile.Locate(parse.GetValue(configFile2), dir));
            var table = new Table().AddColumns("Option", "Value", "Source");
            foreach (var group in loaded.Schema.Groups)
                foreach (var option in group.Options)
                    table.AddRow(Markup.Escape(option.ToString()), Markup.Escape(loaded.Display(option)), Markup.Escape(loaded.SourceOf(option)));
            AnsiConsole.Write(table);
            return Task.FromResult(0);
        });

        var docs = new Command("docs", "Print the option reference (docs/configuration.md) in Markdown.");
        docs.SetAction((_, _) =>
        {
            Console.Write(ConfigDocs.Markdown(Services.Schema()));
            return Task.FromResult(0);
        });

        config.Subcommands.Add(check);
        config.Subcommands.Add(show);
        config.Subcommands.Add(docs);
        return config;
    }
}
