using SharpStack.Core.Policy;

namespace SharpStack.Image.Api.Http;

/// <summary>Image's policy checks: Core's authorizer with Glance's 403 wording.</summary>
public sealed class ImageAuthorizer(PolicyEnforcer enforcer)
    : RequestAuthorizer(enforcer, rule => $"You are not authorized to complete {rule} action.");
