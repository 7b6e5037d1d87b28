using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the S3 token API.</summary>
public static class S3Tokens
{
    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:s3tokens_validate", "rule:service_or_admin")
        {
            Description = "Authenticate with an S3 signature (s3tokens).",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("POST", "/v3/s3tokens")],
        },
    ];
}
