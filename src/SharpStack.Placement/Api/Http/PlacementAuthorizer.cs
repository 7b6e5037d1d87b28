using SharpStack.Core.Policy;

namespace SharpStack.Placement.Api.Http;

/// <summary>Placement's policy checks: Core's authorizer with Placement's 403 wording.</summary>
public sealed class PlacementAuthorizer(PolicyEnforcer enforcer)
    : RequestAuthorizer(enforcer, rule => $"Policy does not allow {rule} to be performed.");
