using SharpStack.Host.Commands;

namespace SharpStack.Host.Tests;

/// <summary>Runs `sharpstack ARGS` in-process, exactly as the executable does, and captures what it prints.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandRunner.InvokeAsync(Cli.CreateRoot(), args, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>The one line an operator sees on failure: no stack trace, no "Unhandled exception".</summary>
    public string SingleErrorLine()
    {
        var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one line on stderr, got:\n" + Error);
        Assert.DoesNotContain("Unhandled exception", Error);
        Assert.DoesNotContain("   at ", Error);
        Assert.StartsWith("sharpstack: ", lines[0]);
        return lines[0].TrimEnd('\r');
    }
}

/// <summary>CLI tests share the process environment (SHARPSTACK_* overrides): run them one at a time, with none set.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection : ICollectionFixture<CleanEnvironment>
{
    public const string Name = "cli";
}

public sealed class CleanEnvironment
{
    public CleanEnvironment()
    {
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
            if (name.StartsWith("SHARPSTACK_", StringComparison.OrdinalIgnoreCase))
                Environment.SetEnvironmentVariable(name, null);
    }
}
