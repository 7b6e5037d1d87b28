using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>
/// Every Keystone default rule (OpenStack Zed), in the order keystone registers them, and the one
/// place that registers them with an enforcer.
/// </summary>
public static class KeystonePolicies
{
    /// <summary>All rules: base rules first, then one group per API resource.</summary>
    public static IReadOnlyList<RuleDefault> All { get; } =
    [
        .. Base.Rules,
        .. AccessRules.Rules,
        .. AccessTokens.Rules,
        .. ApplicationCredentials.Rules,
        .. Auth.Rules,
        .. Consumers.Rules,
        .. Credentials.Rules,
        .. Domains.Rules,
        .. DomainConfigs.Rules,
        .. Ec2Credentials.Rules,
        .. Endpoints.Rules,
        .. EndpointGroups.Rules,
        .. Grants.Rules,
        .. Groups.Rules,
        .. IdentityProviders.Rules,
        .. ImpliedRoles.Rules,
        .. Limits.Rules,
        .. Mappings.Rules,
        .. PolicyBlobs.Rules,
        .. PolicyAssociations.Rules,
        .. Projects.Rules,
        .. ProjectEndpoints.Rules,
        .. Protocols.Rules,
        .. Regions.Rules,
        .. RegisteredLimits.Rules,
        .. RevokeEvents.Rules,
        .. Roles.Rules,
        .. RoleAssignments.Rules,
        .. S3Tokens.Rules,
        .. Ec2Tokens.Rules,
        .. Services.Rules,
        .. ServiceProviders.Rules,
        .. TokenRevocation.Rules,
        .. Tokens.Rules,
        .. Trusts.Rules,
        .. Users.Rules,
    ];

    /// <summary>Registers <see cref="All"/> with <paramref name="enforcer"/>.</summary>
    public static PolicyEnforcer RegisterAll(PolicyEnforcer enforcer)
    {
        ArgumentNullException.ThrowIfNull(enforcer);
        enforcer.Register(All);
        return enforcer;
    }
}
