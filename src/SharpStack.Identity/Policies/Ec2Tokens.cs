using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the EC2 token API.</summary>
public static class Ec2Tokens
{
    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:ec2tokens_validate", "rule:service_or_admin")
        {
            Description = "Authenticate with an EC2 signature (ec2tokens).",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("POST", "/v3/ec2tokens")],
        },
    ];
}
