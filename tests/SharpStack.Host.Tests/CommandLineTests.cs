using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using SharpStack.Host.Commands;

namespace SharpStack.Host.Tests;

[Collection(CliCollection.Name)]
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ss-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Conf(string text)
    {
        var path = Path.Combine(_dir, "test.conf");
        File.WriteAllText(path, text);
        return path;
    }

    private string DataDir => Path.Combine(_dir, "data");

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        void Walk(Command c, string prefix)
        {
            data.Add(prefix);
            foreach (var sub in c.Subcommands) Walk(sub, (prefix + " " + sub.Name).Trim());
        }
        Walk(Cli.CreateRoot(), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_has_help(string command)
    {
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("--help").ToArray();
        var result = await CliResult.RunAsync(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output);
        Assert.Contains("Description:", result.Output);
    }

    [Theory]
    [InlineData("[DEFAULT]\nmy_ipp = 10.0.0.1\n", "unknown option 'my_ipp' in [DEFAULT]; did you mean my_ip?")]
    [InlineData("[DEFAULT]\nbind_host = #my_ip\n", "did you mean '$my_ip'?")]
    [InlineData("[identiy]\nbind_port = 5001\n", "unknown section [identiy]; did you mean [identity]?")]
    [InlineData("[keystone_authtoken]\nauth_uri = http://controller:5000\n", "unknown option 'auth_uri' in [keystone_authtoken]; did you mean auth_url?")]
    [InlineData("[token]\nexpiration = soon\n", "[token] expiration = 'soon' is not valid")]
    public async Task Up_with_a_bad_configuration_prints_one_line_and_exits_2(string ini, string expected)
    {
        var path = Conf(ini);
        var result = await CliResult.RunAsync("up", "--data-dir", DataDir, "--config-file", path);
        Assert.Equal(CommandRunner.ConfigError, result.ExitCode);
        var line = result.SingleErrorLine();
        Assert.StartsWith($"sharpstack: configuration error: {path}:", line);
        Assert.Contains(expected, line);
        Assert.False(Directory.Exists(Path.Combine(DataDir, "fernet-keys")), "nothing is set up when the configuration is refused");
    }

    [Fact]
    public async Task Missing_config_file_is_one_line()
    {
        var result = await CliResult.RunAsync("up", "--data-dir", DataDir, "--config-file", Path.Combine(_dir, "nope.conf"));
        Assert.Equal(CommandRunner.ConfigError, result.ExitCode);
        Assert.Contains("does not exist", result.SingleErrorLine());
    }

    [Fact]
    public async Task Port_in_use_is_one_line_naming_the_option_and_nothing_is_set_up()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        var result = await CliResult.RunAsync("up", "--data-dir", DataDir, "--config-file", Conf($"[identity]\nbind_port = {port}\n"));
        Assert.Equal(CommandRunner.StartupError, result.ExitCode);
        var line = result.SingleErrorLine();
        Assert.Contains($"127.0.0.1:{port}: the address is already in use", line);
        Assert.Contains("[identity] bind_port", line);
        Assert.Contains("SHARPSTACK_IDENTITY__BIND_PORT", line);
        Assert.False(File.Exists(Path.Combine(DataDir, "identity.db")));
        Assert.False(Directory.Exists(Path.Combine(DataDir, "fernet-keys")));
    }

    [Fact]
    public async Task Unusable_data_dir_is_one_line()
    {
        var file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "");
        var result = await CliResult.RunAsync("manage", "db", "sync", "--data-dir", Path.Combine(file, "sub"));
        Assert.Equal(CommandRunner.StartupError, result.ExitCode);
        Assert.Contains("cannot use the data directory", result.SingleErrorLine());
    }

    [Fact]
    public async Task Unknown_service_is_one_line()
    {
        var result = await CliResult.RunAsync("serve", "nova", "--data-dir", DataDir);
        Assert.Equal(CommandRunner.StartupError, result.ExitCode);
        Assert.Equal("sharpstack: unknown service 'nova' (known: identity, image, placement, compute)", result.SingleErrorLine());
    }

    [Fact]
    public async Task Serve_without_keys_says_how_to_make_them()
    {
        var result = await CliResult.RunAsync("serve", "identity", "--data-dir", DataDir, "--config-file", Conf("[identity]\nbind_port = 0\n"));
        Assert.Equal(CommandRunner.ConfigError, result.ExitCode);
        Assert.Contains("sharpstack manage fernet setup", result.SingleErrorLine());
    }

    [Fact]
    public async Task Config_check_accepts_a_valid_file()
    {
        var path = Conf("[DEFAULT]\ndebug = true\n[identity]\nbind_port = 5001\n");
        var result = await CliResult.RunAsync("config", "check", "--data-dir", DataDir, "--config-file", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Unknown_command_fails_with_a_suggestion()
    {
        var result = await CliResult.RunAsync("upp");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Unrecognized command or argument 'upp'", result.Error);
        Assert.Contains("'upp' was not matched. Did you mean one of the following?", result.Output);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Unexpected_errors_are_one_line_with_their_causes()
    {
        var root = new RootCommand("test");
        var boom = new Command("boom");
        boom.SetAction((_, _) => throw new InvalidOperationException("outer", new IOException("disk on fire")));
        root.Subcommands.Add(boom);
        var error = new StringWriter();
        var code = await CommandRunner.InvokeAsync(root, ["boom"], new StringWriter(), error);
        Assert.Equal(CommandRunner.InternalError, code);
        var result = new CliResult(code, "", error.ToString());
        Assert.Equal("sharpstack: unexpected error: InvalidOperationException: outer <- disk on fire (set SHARPSTACK_DEBUG=1 for the stack trace)",
            result.SingleErrorLine());
    }
}
