using SharpStack.Core.Configuration;

namespace SharpStack.Core.Tests.Configuration;

/// <summary>Every configuration mistake is refused with ONE line naming the file and line (or the environment
/// variable), the section, the option and the fix.</summary>
public sealed class ConfigErrorTests : IDisposable
{
    private static readonly OptionGroup Default = new("DEFAULT", "shared");
    private static readonly OptionGroup Identity = new("identity", "identity");
    private static readonly OptionGroup Token = new("token", "tokens");
    private static readonly ConfigSchema Schema;

    static ConfigErrorTests()
    {
        Default.IpAddress("my_ip", "127.0.0.1", "this host");
        Default.IpAddress("bind_host", "$my_ip", "listen address");
        Default.Boolean("debug", false, "debug logs");
        Identity.Port("bind_port", 5000, "port");
        Identity.Url("public_endpoint", null, "public URL");
        Token.Integer("expiration", 3600, "seconds", min: 1);
        Token.Choice("provider", "fernet", ["fernet"], "token format");
        Schema = new ConfigSchema([Default, Identity, Token]);
    }

    private readonly string _dir = Directory.CreateTempSubdirectory("ss-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Fails(string ini, IReadOnlyDictionary<string, string>? env = null)
    {
        var path = Path.Combine(_dir, "sharpstack.conf");
        File.WriteAllText(path, ini);
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Schema, path, env ?? new Dictionary<string, string>()));
        Assert.DoesNotContain('\n', e.Message);
        return e.Message.Replace(path, "FILE");
    }

    private static string FailsEnv(Dictionary<string, string> env)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Schema, null, env));
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    [Fact]
    public void Unknown_option_suggests_the_nearest_name() =>
        Assert.Equal("FILE:2: unknown option 'my_ipp' in [DEFAULT]; did you mean my_ip?", Fails("[DEFAULT]\nmy_ipp = 10.0.0.1\n"));

    [Fact]
    public void Option_in_the_wrong_section_names_the_right_one() =>
        Assert.Equal("FILE:2: unknown option 'expiration' in [identity]; 'expiration' belongs in [token]",
            Fails("[identity]\nexpiration = 7200\n"));

    [Fact]
    public void Unknown_option_with_no_near_name_lists_the_section_options() =>
        Assert.Equal("FILE:2: unknown option 'frobnicate' in [token]; options of [token]: expiration, provider",
            Fails("[token]\nfrobnicate = 1\n"));

    [Fact]
    public void Unknown_section_suggests_the_nearest_section() =>
        Assert.Equal("FILE:3: unknown section [identiy]; did you mean [identity]?", Fails("[DEFAULT]\ndebug = true\n[identiy]\nbind_port = 5001\n"));

    [Fact]
    public void Unknown_section_with_no_near_name_lists_the_known_sections() =>
        Assert.Equal("FILE:1: unknown section [keystone_authtoken]; known sections: DEFAULT, identity, token",
            Fails("[keystone_authtoken]\nauth_url = http://x\n"));

    [Fact]
    public void Hash_typed_for_dollar_points_at_the_reference() =>
        Assert.Equal("FILE:2: [DEFAULT] bind_host = '#my_ip' is not valid: expected an IP address such as 192.0.2.10 or 2001:db8::10; did you mean '$my_ip'?",
            Fails("[DEFAULT]\nbind_host = #my_ip\n"));

    [Fact]
    public void Bad_value_names_file_line_section_option_and_the_expected_form() =>
        Assert.Equal("FILE:2: [identity] bind_port = '50000000' is not valid: expected a port number from 0 to 65535",
            Fails("[identity]\nbind_port = 50000000\n"));

    [Fact]
    public void Bad_choice_lists_the_choices()
    {
        var message = Fails("[token]\nprovider = uuid\n");
        Assert.StartsWith("FILE:2: [token] provider = 'uuid' is not valid", message);
        Assert.Contains("fernet", message);
    }

    [Fact]
    public void Reference_to_an_unknown_option_is_refused() =>
        Assert.Equal("FILE:2: [DEFAULT] bind_host = '$my_address' refers to $my_address, which is not a known option",
            Fails("[DEFAULT]\nbind_host = $my_address\n"));

    [Fact]
    public void Option_before_any_section_is_refused() =>
        Assert.Equal("FILE:1: 'debug' appears before any [section] header (options belong in a section such as [DEFAULT])",
            Fails("debug = true\n"));

    [Fact]
    public void Malformed_section_header_is_refused() =>
        Assert.Equal("FILE:1: malformed section header '[token' (expected [section])", Fails("[token\nexpiration = 1\n"));

    [Fact]
    public void Line_without_assignment_is_refused() =>
        Assert.Equal("FILE:2: 'debug true' is not an option assignment (expected name = value)", Fails("[DEFAULT]\ndebug true\n"));

    [Fact]
    public void Environment_override_with_a_typo_names_the_variable() =>
        Assert.Equal("environment variable SHARPSTACK_IDENTITY__BIND_PROT: unknown option 'bind_prot' in [identity]; did you mean bind_port?",
            FailsEnv(new() { ["SHARPSTACK_IDENTITY__BIND_PROT"] = "5001" }));

    [Fact]
    public void Environment_override_with_a_bad_value_names_the_variable() =>
        Assert.Equal("environment SHARPSTACK_TOKEN__EXPIRATION: [token] expiration = '0' is not valid: expected an integer >= 1",
            FailsEnv(new() { ["SHARPSTACK_TOKEN__EXPIRATION"] = "0" }));

    [Fact]
    public void Environment_variables_that_are_not_overrides_are_ignored()
    {
        var config = ConfigLoader.Load(Schema, null, new Dictionary<string, string>
        {
            ["SHARPSTACK_CONFIG_FILE"] = "/nowhere",
            ["SHARPSTACK_DEBUG"] = "1",
            ["SHARPSTACK_IDENTITY__BIND_PORT"] = "5016",
        });
        Assert.Equal(5016, config.Get((Option<int>)Schema.FindOption("identity", "bind_port")!));
        Assert.Equal("environment SHARPSTACK_IDENTITY__BIND_PORT", config.SourceOf(Schema.FindOption("identity", "bind_port")!));
    }

    [Fact]
    public void Valid_file_with_comments_references_and_quotes_loads()
    {
        var path = Path.Combine(_dir, "ok.conf");
        File.WriteAllText(path, "# comment\n[DEFAULT]\nmy_ip = \"192.0.2.7\"\n; another\n[token]\nexpiration: 7200\n");
        var config = ConfigLoader.Load(Schema, path, new Dictionary<string, string>());
        Assert.Equal("192.0.2.7", config.Get((Option<System.Net.IPAddress>)Schema.FindOption("DEFAULT", "bind_host")!).ToString());
        Assert.Equal(7200, config.Get((Option<int>)Schema.FindOption("token", "expiration")!));
        Assert.Equal($"{path}:6", config.SourceOf(Schema.FindOption("token", "expiration")!));
    }
}
