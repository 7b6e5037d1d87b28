using SharpStack.Core.Configuration;

namespace SharpStack.Placement.Configuration;

/// <summary>The placement service's options: Placement's [DEFAULT], [api] and [placement] options live in [placement]
/// here (one file serves every service); its database in [placement_database].</summary>
public static class PlacementOptions
{
    public static readonly OptionGroup Placement = new("placement", "The placement service (Placement's [api] and [placement] options).");

    public static readonly Option<int> BindPort = Placement.Port("bind_port", 8778, "The port the Placement API listens on.");

    public static readonly Option<Uri?> PublicEndpoint = Placement.Url("public_endpoint", null,
        "The base URL clients use to reach Placement (e.g. http://controller:8778); defaults to http://$my_ip:<bind_port>.");

    public static readonly Option<string> AuthStrategy = Placement.Choice("auth_strategy", "keystone", ["keystone", "noauth2"],
        "How callers are authenticated: keystone tokens, or noauth2 for tests only (the token names the user and project, " +
        "X-Roles the roles; never use it where anyone else can reach the port).");

    public static readonly Option<bool> RandomizeAllocationCandidates = Placement.Boolean("randomize_allocation_candidates", false,
        "Return allocation candidates in random order (and a random sample when limit is given), spreading claims over equal hosts.");

    public static readonly Option<string> IncompleteConsumerProjectId = Placement.String("incomplete_consumer_project_id",
        "00000000-0000-0000-0000-000000000000", "The project recorded for consumers written with microversions before 1.8 (which carry none).");

    public static readonly Option<string> IncompleteConsumerUserId = Placement.String("incomplete_consumer_user_id",
        "00000000-0000-0000-0000-000000000000", "The user recorded for consumers written with microversions before 1.8 (which carry none).");

    public static readonly Option<int> AllocationConflictRetryCount = Placement.Integer("allocation_conflict_retry_count", 10,
        "How often an allocation write is retried when a provider changed under it before answering 409.", min: 0);

    public static readonly OptionGroup Cors = new("placement_cors", "Cross-origin requests to Placement (oslo.middleware's [cors]); off unless allowed_origin is set.");

    public static readonly Option<IReadOnlyList<string>> CorsAllowedOrigin = Cors.List("allowed_origin", [],
        "Origins (scheme://host[:port]) browsers may call Placement from.");

    public static readonly Option<IReadOnlyList<string>> CorsAllowHeaders = Cors.List("allow_headers", [],
        "Request headers a cross-origin request may send besides the simple ones.");

    public static readonly Option<IReadOnlyList<string>> CorsExposeHeaders = Cors.List("expose_headers", [],
        "Response headers a cross-origin caller may read besides the simple ones.");

    public static readonly Option<bool> CorsAllowCredentials = Cors.Boolean("allow_credentials", true,
        "Whether cross-origin requests may carry credentials.");

    public static readonly Option<int?> CorsMaxAge = Cors.OptionalInteger("max_age", "Seconds a browser may cache a preflight answer.", min: 0);

    public static readonly Option<IReadOnlyList<string>> CorsAllowMethods = Cors.List("allow_methods",
        ["GET", "PUT", "POST", "DELETE", "PATCH"], "Methods a cross-origin request may use.");

    public static readonly OptionGroup Database = new("placement_database", "The placement service's database (Placement's [placement_database]).");

    public static readonly Option<string?> Connection = Database.OptionalString("connection",
        "The database URL: sqlite:////path/placement.db or postgresql://user:password@host/dbname. Unset: SQLite in the data directory.", secret: true);

    public static readonly Option<int> MaxRetries = Database.Integer("max_retries", 10,
        "How often to retry connecting at start before giving up (-1: forever).", min: -1);

    public static readonly Option<int> RetryInterval = Database.Integer("retry_interval", 2,
        "Seconds between connection attempts at start.", min: 0);

    public static IEnumerable<OptionGroup> Groups => [Placement, Cors, Database];
}
