using System.CommandLine;
using SharpStack.Core.Configuration;

namespace SharpStack.Host.Commands;

/// <summary>Runs the command line. Every failure becomes ONE line on standard error and a non-zero exit code:
/// configuration problems exit 2, start-up problems (port in use, missing keys) 1, anything unexpected 70.
/// The stack trace is printed only when SHARPSTACK_DEBUG=1.</summary>
public static class CommandRunner
{
    public const int ConfigError = 2;
    public const int StartupError = 1;
    public const int InternalError = 70; // EX_SOFTWARE

    public static async Task<int> InvokeAsync(RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        error ??= Console.Error;
        if (Console.IsOutputRedirected)
            Spectre.Console.AnsiConsole.Profile.Capabilities.Ansi = false; // tables piped to a file or grep: no colour codes
        var invocation = new InvocationConfiguration
        {
            // System.CommandLine's handler prints "Unhandled exception" and a stack trace: we word failures ourselves.
            EnableDefaultExceptionHandler = false,
            // CloudHost handles SIGINT/SIGTERM itself and stops the services gracefully; no forced exit after 2 s.
            ProcessTerminationTimeout = null,
            Error = error,
        };
        if (output is not null) invocation.Output = output;
        try
        {
            return await root.Parse(args).InvokeAsync(invocation);
        }
        catch (ConfigException e)
        {
            await WriteAsync(error, "configuration error: " + e.Message, e);
            return ConfigError;
        }
        catch (StartupException e)
        {
            await WriteAsync(error, e.Message, e);
            return StartupError;
        }
        catch (OperationCanceledException e)
        {
            await WriteAsync(error, "interrupted", e);
            return 130;
        }
        catch (Exception e)
        {
            await WriteAsync(error, $"unexpected error: {Describe(e)}" +
                (Debugging ? "" : " (set SHARPSTACK_DEBUG=1 for the stack trace)"), e);
            return InternalError;
        }
    }

    private static bool Debugging => Environment.GetEnvironmentVariable("SHARPSTACK_DEBUG") is "1" or "true";

    private static async Task WriteAsync(TextWriter error, string line, Exception e)
    {
        await error.WriteLineAsync("sharpstack: " + line);
        if (Debugging)
            await error.WriteLineAsync(e.ToString());
    }

    /// <summary>The exception's message and its causes on one line, without type noise for well-known kinds.</summary>
    private static string Describe(Exception e)
    {
        var parts = new List<string>();
        for (var x = e; x is not null && parts.Count < 4; x = x.InnerException)
        {
            var text = x.Message.ReplaceLineEndings(" ").Trim();
            if (parts.Count == 0 || !parts[^1].Contains(text, StringComparison.Ordinal))
                parts.Add(parts.Count == 0 ? $"{x.GetType().Name}: {text}" : text);
        }
        return string.Join(" <- ", parts);
    }
}

/// <summary>A start-up failure explained for the operator (port in use, database unreachable, keys missing).</summary>
public sealed class StartupException(string message) : Exception(message);
