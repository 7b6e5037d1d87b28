using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Auth;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Image.Schemas;

namespace SharpStack.Image.Api;

/// <summary>/v2/schemas/{image,images,member,members}: the JSON schemas clients read to learn the resources.</summary>
public static class SchemasApi
{
    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapGetHead("/schemas/image", (HttpContext context, ImageSchemas schemas) => Answer(context, schemas.Image()));
        v2.MapGetHead("/schemas/images", (HttpContext context, ImageSchemas schemas) => Answer(context, schemas.Images()));
        v2.MapGetHead("/schemas/member", (HttpContext context, ImageSchemas schemas) => Answer(context, schemas.Member()));
        v2.MapGetHead("/schemas/members", (HttpContext context, ImageSchemas schemas) => Answer(context, schemas.Members()));
    }

    private static JsonBodyResult Answer(HttpContext context, System.Text.Json.Nodes.JsonObject schema)
    {
        context.RequireAuth();
        // Glance's schema routes are declared with body_reject.
        if (context.Request.ContentLength > 0)
            throw ApiException.BadRequest("A body is not expected with this request.");
        return new JsonBodyResult(schema);
    }
}
