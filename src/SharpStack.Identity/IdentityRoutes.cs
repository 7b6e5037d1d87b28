using Microsoft.AspNetCore.Builder;
using SharpStack.Identity.Api;

namespace SharpStack.Identity;

/// <summary>Every route of the Identity API, one line per resource.</summary>
public static class IdentityRoutes
{
    public static void Map(WebApplication app)
    {
        VersionApi.Map(app);
        var v3 = app.MapGroup("/v3");
        AuthApi.Map(v3);
        RegionsApi.Map(v3);
        ApplicationCredentialsApi.Map(v3);
        AccessRulesApi.Map(v3);
        TrustsApi.Map(v3);
        ConsumersApi.Map(v3);
        OAuth1Api.Map(v3);
        UserAccessTokensApi.Map(v3);
        IdentityProvidersApi.Map(v3);
        MappingsApi.Map(v3);
        ServiceProvidersApi.Map(v3);
        RolesApi.Map(v3);
        ImpliedRolesApi.Map(v3);
        GrantsApi.Map(v3);
        SystemGrantsApi.Map(v3);
        RoleAssignmentsApi.Map(v3);
        RevokeEventsApi.Map(v3);
        UsersApi.Map(v3);
        GroupsApi.Map(v3);
        ServicesApi.Map(v3);
        EndpointsApi.Map(v3);
        EndpointFilterApi.Map(v3);
        PoliciesApi.Map(v3);
        EndpointPolicyApi.Map(v3);
        CredentialsApi.Map(v3);
        Ec2CredentialsApi.Map(v3);
        RegisteredLimitsApi.Map(v3);
        LimitsApi.Map(v3);
        DomainsApi.Map(v3);
        DomainConfigApi.Map(v3);
        ProjectsApi.Map(v3);
        ProjectTagsApi.Map(v3);
    }
}
