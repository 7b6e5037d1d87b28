using SharpStack.Core.Configuration;

namespace SharpStack.Compute.Configuration;

/// <summary>The compute service's options: Nova's [DEFAULT]/[api] options that matter here live in [compute] (one file
/// serves every service); its API database in [api_database] as Nova's.</summary>
public static class ComputeOptions
{
    public static readonly OptionGroup Compute = new("compute", "The compute service (Nova's [DEFAULT] and [api] options).");

    public static readonly Option<int> BindPort = Compute.Port("bind_port", 8774, "The port the Compute API listens on (Nova's osapi_compute_listen_port).");

    public static readonly Option<Uri?> PublicEndpoint = Compute.Url("public_endpoint", null,
        "The base URL clients use to reach Compute, without /v2.1 (e.g. http://controller:8774); defaults to http://$my_ip:<bind_port>.");

    public static readonly Option<int> MaxLimit = Compute.Integer("max_limit", 1000,
        "The most items one list answer holds, whatever limit the caller asks for (Nova's [api] max_limit).", min: 1);

    public static readonly Option<bool> CreateDefaultFlavors = Compute.Boolean("create_default_flavors", true,
        "At start, create upstream's usual flavors (m1.tiny … m1.xlarge) when there is no flavor at all.");

    public static readonly OptionGroup ApiDatabase = new("api_database", "The compute API database (Nova's [api_database]): flavors, keypairs, quotas, cell mappings.");

    public static readonly Option<string?> ApiConnection = ApiDatabase.OptionalString("connection",
        "The database URL: sqlite:////path/compute_api.db or postgresql://user:password@host/dbname. Unset: SQLite in the data directory.", secret: true);

    public static readonly Option<int> MaxRetries = ApiDatabase.Integer("max_retries", 10,
        "How often to retry connecting at start before giving up (-1: forever).", min: -1);

    public static readonly Option<int> RetryInterval = ApiDatabase.Integer("retry_interval", 2,
        "Seconds between connection attempts at start.", min: 0);

    public static IEnumerable<OptionGroup> Groups => [Compute, ApiDatabase];
}
