using System.CommandLine;
using SharpStack.Core.Configuration;

namespace SharpStack.Host.Commands;

/// <summary>Runs the command line; configuration and start-up problems become one clear line and exit code 2, never a stack trace.</summary>
public static class CommandRunner
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        try
        {
            return await root.Parse(args).InvokeAsync();
        }
        catch (ConfigException e)
        {
            await Console.Error.WriteLineAsync("sharpstack: configuration error: " + e.Message);
            return 2;
        }
        catch (StartupException e)
        {
            await Console.Error.WriteLineAsync("sharpstack: " + e.Message);
            return 1;
        }
    }
}

/// <summary>A start-up failure explained for the operator (port in use, database unreachable, keys missing).</summary>
public sealed class StartupException(string message) : Exception(message);
