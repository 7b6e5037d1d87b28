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
        DomainsApi.Map(v3);
        DomainConfigApi.Map(v3);
        ProjectsApi.Map(v3);
        ProjectTagsApi.Map(v3);
    }
}
