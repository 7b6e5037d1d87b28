using SharpStack.Core.Configuration;

namespace SharpStack.Core.Auth.Remote;

/// <summary>[keystone_authtoken]: how a service validates callers' tokens with Identity (keystonemiddleware's options).</summary>
public static class AuthTokenOptions
{
    public static readonly OptionGroup Group = new("keystone_authtoken",
        "How services other than Identity validate tokens: the Identity URL and the service user they authenticate as.");

    public static readonly Option<Uri?> WwwAuthenticateUri = Group.Url("www_authenticate_uri", null,
        "The Identity URL clients are told to authenticate at (WWW-Authenticate on 401); defaults to auth_url.");

    public static readonly Option<Uri?> AuthUrl = Group.Url("auth_url", null,
        "The Identity URL this service validates tokens at, e.g. http://controller:5000. Unset in `sharpstack up`: the local Identity.");

    public static readonly Option<string> AuthType = Group.Choice("auth_type", "password", ["password"],
        "How the service user authenticates.");

    public static readonly Option<string?> Username = Group.OptionalString("username", "The service user's name.");

    public static readonly Option<string?> Password = Group.OptionalString("password", "The service user's password.", secret: true);

    public static readonly Option<string> ProjectName = Group.String("project_name", "service", "The service user's project.");

    public static readonly Option<string> UserDomainName = Group.String("user_domain_name", "Default", "The service user's domain.");

    public static readonly Option<string> ProjectDomainName = Group.String("project_domain_name", "Default", "The service project's domain.");

    public static readonly Option<string?> RegionName = Group.OptionalString("region_name", "The region whose Identity endpoint to use.");

    public static readonly Option<int> TokenCacheTime = Group.Integer("token_cache_time", 300,
        "Seconds a validated token is trusted before asking Identity again (never past the token's expiry).", min: 0);

    public static readonly Option<int> RevocationPollInterval = Group.Integer("revocation_poll_interval", 5,
        "Seconds between checks for new revocation events; any new event empties the token cache, so a revoked token stops working within this time.", min: 1);

    public static readonly Option<bool> ServiceTokenRolesRequired = Group.Boolean("service_token_roles_required", true,
        "Trust an X-Service-Token only when it carries the service role.");
}
