using SharpStack.Core.Policy;

namespace SharpStack.Compute.Api.Http;

/// <summary>Compute's policy checks: Core's authorizer with Nova's 403 wording, and Nova's request context, which
/// sets is_admin from the context_is_admin rule (the deprecated defaults check "is_admin:True").</summary>
public sealed class ComputeAuthorizer(PolicyEnforcer enforcer)
    : RequestAuthorizer(enforcer, rule => $"Policy doesn't allow {rule} to be performed.")
{
    protected override void Extend(PolicyCredentials credentials) =>
        credentials.Extra["is_admin"] = Enforcer.Authorize("context_is_admin", credentials, PolicyTarget.Empty).IsAllowed;
}
