using SharpStack.Core.Policy;

namespace SharpStack.Identity.Api.Http;

/// <summary>Identity's policy checks: Core's authorizer with Keystone's 403 wording.</summary>
public sealed class IdentityAuthorizer(PolicyEnforcer enforcer)
    : RequestAuthorizer(enforcer, rule => $"You are not authorized to perform the requested action: {rule}.");
