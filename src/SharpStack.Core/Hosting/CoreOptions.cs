using SharpStack.Core.Configuration;

namespace SharpStack.Core.Hosting;

/// <summary>Options shared by every service: addresses, logging, request limits, policy.</summary>
public static class CoreOptions
{
    public static readonly OptionGroup Default = new("DEFAULT", "Options shared by every service.");

    public static readonly Option<System.Net.IPAddress> MyIp = Default.IpAddress("my_ip", "127.0.0.1",
        "The address of this host as other hosts and clients reach it; service endpoints in the catalog are built from it.");

    public static readonly Option<System.Net.IPAddress> BindHost = Default.IpAddress("bind_host", "$my_ip",
        "The address the API services listen on (0.0.0.0 for all IPv4 addresses).");

    public static readonly Option<bool> Debug = Default.Boolean("debug", false,
        "Log at DEBUG level instead of INFO.");

    public static readonly Option<string?> LogFile = Default.Path("log_file", null,
        "Write logs to this file instead of standard output.");

    public static readonly Option<bool> LogRequests = Default.Boolean("log_requests", true,
        "Log one line per API request (request id, user, project, status, duration).");

    public static readonly OptionGroup Middleware = new("oslo_middleware", "HTTP request handling shared by every service.");

    public static readonly Option<int> MaxRequestBodySize = Middleware.Integer("max_request_body_size", 114688,
        "The largest request body accepted, in bytes; larger bodies get 413.", min: 1);

    public static readonly OptionGroup Policy = new("oslo_policy", "Policy (authorization rules) shared by every service.");

    public static readonly Option<bool> EnforceScope = Policy.Boolean("enforce_scope", false,
        "Refuse requests whose token scope (system, domain, project) is not among a rule's scope types, instead of only logging it.");

    public static readonly Option<bool> EnforceNewDefaults = Policy.Boolean("enforce_new_defaults", false,
        "Use only the new (persona) default rules; when false, each rule's deprecated form is also accepted, as upstream does by default.");

    public static readonly Option<string?> PolicyFile = Policy.Path("policy_file", null,
        "A YAML or JSON file overriding default rules, in oslo.policy format (\"rule name\": \"check string\").");

    public static IEnumerable<OptionGroup> Groups => [Default, Middleware, Policy, Auth.Remote.AuthTokenOptions.Group];
}
