using SharpStack.Core.Configuration;

namespace SharpStack.Identity.Configuration;

/// <summary>The identity service's options, in Keystone's sections and names where Keystone has them.</summary>
public static class IdentityOptions
{
    public static readonly OptionGroup Identity = new("identity", "The identity service: its listener and user backend.");

    public static readonly Option<int> BindPort = Identity.Port("bind_port", 5000, "The port the Identity API listens on.");

    public static readonly Option<Uri?> PublicEndpoint = Identity.Url("public_endpoint", null,
        "The base URL clients use to reach Identity (e.g. http://controller:5000); defaults to http://$my_ip:<bind_port>.");

    public static readonly Option<string> DefaultDomainId = Identity.String("default_domain_id", "default",
        "The id of the domain that users and projects belong to when a request names none.");

    public static readonly Option<string> PasswordHashAlgorithm = Identity.Choice("password_hash_algorithm", "pbkdf2_sha512",
        ["pbkdf2_sha512", "bcrypt"], "The hash for new passwords, written in passlib's format so hashes move between Keystone and SharpStack.");

    public static readonly Option<int> PasswordHashRounds = Identity.Integer("password_hash_rounds", 25000,
        "Rounds for new password hashes (PBKDF2 iterations; for bcrypt the log2 cost, 4 to 31).", min: 1);

    public static readonly Option<int> MaxPasswordLength = Identity.Integer("max_password_length", 4096,
        "The longest password accepted, in characters.", min: 1, max: 4096);

    public static readonly Option<int?> ListLimit = Identity.OptionalInteger("list_limit",
        "The most entities a list call returns (the list is then marked truncated); unset means no limit.", min: 1);

    public static readonly OptionGroup Database = new("database", "The identity service's database.");

    public static readonly Option<string?> Connection = Database.OptionalString("connection",
        "The database URL: sqlite:////path/identity.db or postgresql://user:password@host/dbname. Unset: SQLite in the data directory.", secret: true);

    public static readonly Option<int> MaxRetries = Database.Integer("max_retries", 10,
        "How often to retry connecting at start before giving up (-1: forever).", min: -1);

    public static readonly Option<int> RetryInterval = Database.Integer("retry_interval", 2,
        "Seconds between connection attempts at start.", min: 0);

    public static readonly OptionGroup Token = new("token", "Token lifetime and revocation.");

    public static readonly Option<int> Expiration = Token.Integer("expiration", 3600,
        "Seconds a token stays valid after it is issued.", min: 0, max: 9223372);

    public static readonly Option<int> AllowExpiredWindow = Token.Integer("allow_expired_window", 172800,
        "Seconds after expiry during which a service may still validate a token with ?allow_expired=true.", min: 0);

    public static readonly Option<bool> AllowRescopeScopedToken = Token.Boolean("allow_rescope_scoped_token", true,
        "Allow a scoped token to be exchanged for a token of another scope.");

    public static readonly Option<bool> RevokeById = Token.Boolean("revoke_by_id", true,
        "Allow individual tokens to be revoked (DELETE /v3/auth/tokens).");

    public static readonly OptionGroup FernetTokens = new("fernet_tokens", "The Fernet key repository for tokens.");

    public static readonly Option<string?> KeyRepository = FernetTokens.Path("key_repository", null,
        "The directory of Fernet keys (Keystone's layout: 0 staged, highest primary). Unset: fernet-keys in the data directory.");

    public static readonly Option<int> MaxActiveKeys = FernetTokens.Integer("max_active_keys", 3,
        "How many keys to keep when rotating (staged + primary + secondaries).", min: 1);

    public static readonly OptionGroup Credential = new("credential", "Encryption of stored credentials.");

    public static readonly Option<string?> CredentialKeyRepository = Credential.Path("key_repository", null,
        "The directory of credential encryption keys. Unset: credential-keys in the data directory.");

    public static readonly Option<int> CredentialUserLimit = Credential.Integer("user_limit", -1,
        "The most credentials one user may hold (-1: no limit); a guard against filling the database.", min: -1);

    public static readonly OptionGroup SecurityCompliance = new("security_compliance", "Password and account rules (PCI-DSS style).");

    public static readonly Option<int?> DisableUserAccountDaysInactive = SecurityCompliance.OptionalInteger("disable_user_account_days_inactive",
        "Disable users who have not authenticated for this many days; unset means never.", min: 1);

    public static readonly Option<int?> LockoutFailureAttempts = SecurityCompliance.OptionalInteger("lockout_failure_attempts",
        "Lock a user out after this many consecutive failed password authentications; unset means never.", min: 1);

    public static readonly Option<int> LockoutDuration = SecurityCompliance.Integer("lockout_duration", 1800,
        "Seconds a locked-out user stays locked.", min: 1);

    public static readonly Option<int?> PasswordExpiresDays = SecurityCompliance.OptionalInteger("password_expires_days",
        "Days a password stays valid before it must be changed; unset means forever.", min: 0);

    public static readonly Option<int> UniqueLastPasswordCount = SecurityCompliance.Integer("unique_last_password_count", 0,
        "A self-service password change must differ from this many most recent passwords, the current one included (0: no history check).", min: 0);

    public static readonly Option<int> MinimumPasswordAge = SecurityCompliance.Integer("minimum_password_age", 0,
        "Days a user must keep a password before changing it again.", min: 0);

    public static readonly Option<string?> PasswordRegex = SecurityCompliance.OptionalString("password_regex",
        "A regular expression new passwords must match.");

    public static readonly Option<string?> PasswordRegexDescription = SecurityCompliance.OptionalString("password_regex_description",
        "The password_regex described in words, shown when a password does not match.");

    public static readonly Option<bool> ChangePasswordUponFirstUse = SecurityCompliance.Boolean("change_password_upon_first_use", false,
        "Users must change a password set by an administrator before they can use it to get a token.");

    public static readonly Option<bool> AllowInsecureApplicationCredentialTrustEscalation = SecurityCompliance.Boolean(
        "allow_insecure_application_credential_trust_escalation", false,
        "Let application credential tokens manage trusts (deprecated escape hatch for workflows that need it).");

    public static readonly OptionGroup Resource = new("resource", "Projects and domains.");

    public static readonly Option<string?> AdminProjectName = Resource.OptionalString("admin_project_name",
        "The project whose admins are cloud admins (tokens scoped to it say is_admin_project).");

    public static readonly Option<string?> AdminProjectDomainName = Resource.OptionalString("admin_project_domain_name",
        "The domain of admin_project_name.");

    public static readonly Option<string> ProjectNameUrlSafe = Resource.Choice("project_name_url_safe", "off", ["off", "new", "strict"],
        "Whether project names must be URL safe: off, new (only new names), strict (also when authenticating).");

    public static readonly Option<string> DomainNameUrlSafe = Resource.Choice("domain_name_url_safe", "off", ["off", "new", "strict"],
        "Whether domain names must be URL safe: off, new (only new names), strict (also when authenticating).");

    public static readonly Option<int> MaxProjectTreeDepth = Resource.Integer("max_project_tree_depth", 5,
        "The deepest project hierarchy allowed, not counting the domain at its top (Keystone's [DEFAULT] max_project_tree_depth).");

    public static readonly OptionGroup Assignment = new("assignment", "Role assignments.");

    public static readonly Option<IReadOnlyList<string>> ProhibitedImpliedRole = Assignment.List("prohibited_implied_role", ["admin"],
        "Roles that may not be implied by another role.");

    public static readonly OptionGroup Auth = new("auth", "Authentication methods.");

    public static readonly Option<IReadOnlyList<string>> Methods = Auth.List("methods",
        ["external", "password", "token", "oauth1", "mapped", "application_credential"],
        "The authentication methods accepted, in Keystone's order (the order also fixes how methods are encoded in Fernet tokens).");

    public static readonly Option<IReadOnlyList<string>> AdditionalPrimaryAuthMethods = Auth.List("additional_primary_auth_methods", [],
        "Extra authentication methods whose tokens count as primary (not delegated), for site-specific plugins.");

    public static readonly OptionGroup ApplicationCredential = new("application_credential", "Application credentials.");

    public static readonly Option<int> ApplicationCredentialUserLimit = ApplicationCredential.Integer("user_limit", -1,
        "The most application credentials one user may hold (-1: no limit).", min: -1);

    public static readonly OptionGroup Trust = new("trust", "Trusts (delegation).");

    public static readonly Option<bool> AllowRedelegation = Trust.Boolean("allow_redelegation", false,
        "Allow a trustee to redelegate a trust.");

    public static readonly Option<int> MaxRedelegationCount = Trust.Integer("max_redelegation_count", 3,
        "The longest chain of redelegated trusts.", min: 0);

    public static readonly OptionGroup OAuth1 = new("oauth1", "OAuth 1.0a delegation (OS-OAUTH1).");

    public static readonly Option<int> RequestTokenDuration = OAuth1.Integer("request_token_duration", 28800,
        "Seconds a request token stays valid for authorization (0: forever).", min: 0);

    public static readonly Option<int> AccessTokenDuration = OAuth1.Integer("access_token_duration", 86400,
        "Seconds an access token stays valid (0: forever).", min: 0);

    public static readonly OptionGroup Saml = new("saml", "SAML federation settings.");

    public static readonly Option<string> RelayStatePrefix = Saml.String("relay_state_prefix", "ss:mem:",
        "The default relay_state_prefix of service providers.");

    public static readonly OptionGroup Revoke = new("revoke", "Token revocation events.");

    public static readonly Option<int> RevokeExpirationBuffer = Revoke.Integer("expiration_buffer", 1800,
        "Seconds past a token's expiry a revocation event is kept.", min: 0);

    public static readonly OptionGroup UnifiedLimit = new("unified_limit", "Unified limits.");

    public static readonly Option<string> EnforcementModel = UnifiedLimit.Choice("enforcement_model", "flat", ["flat", "strict_two_level"],
        "How project limits relate in a hierarchy.");

    public static IEnumerable<OptionGroup> Groups =>
    [
        Identity, Database, Token, FernetTokens, Credential, SecurityCompliance, Resource, Assignment, Auth,
        ApplicationCredential, Trust, OAuth1, Saml, Revoke, UnifiedLimit,
    ];
}
