using System.CommandLine;
using SharpStack.Host.Commands;

var root = new RootCommand("SharpStack: an OpenStack-compatible private cloud in one program.");
root.Subcommands.Add(UpCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(ManageCommand.Create());
root.Subcommands.Add(ConfigCommand.Create());
return await CommandRunner.InvokeAsync(root, args);
