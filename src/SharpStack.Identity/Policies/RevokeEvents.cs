using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the revocation event API.</summary>
public static class RevokeEvents
{
    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:list_revoke_events", "rule:service_or_admin")
        {
            Description = "List token revocation events.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/OS-REVOKE/events")],
        },
    ];
}
