using System.CommandLine;

namespace SharpStack.Host.Commands;

/// <summary>The `sharpstack` command tree (one place, so tests run exactly what the executable runs).</summary>
public static class Cli
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("SharpStack: an OpenStack-compatible private cloud in one program.");
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ManageCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        return root;
    }
}
