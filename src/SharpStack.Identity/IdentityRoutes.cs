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
    }
}
