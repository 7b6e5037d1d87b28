using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Configuration;
using SharpStack.Image.Api;

namespace SharpStack.Image;

/// <summary>Every route of the Image API, one line per resource.</summary>
public static class ImageRoutes
{
    public static void Map(WebApplication app)
    {
        VersionsApi.Map(app, app.Services.GetRequiredService<SharpStackConfig>());
        var v2 = app.MapGroup("/v2");
        ImagesApi.Map(v2);
        ImageActionsApi.Map(v2);
        SchemasApi.Map(v2);
        MembersApi.Map(v2);
        TagsApi.Map(v2);
        ImageDataApi.Map(v2);
        ImportApi.Map(v2);
        TasksApi.Map(v2);
        app.UseMiddleware<Api.Http.GlanceRouteFallback>();
    }
}
