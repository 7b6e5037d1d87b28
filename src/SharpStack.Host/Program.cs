using SharpStack.Host.Commands;

return await CommandRunner.InvokeAsync(Cli.CreateRoot(), args);
