using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.ResourceClasses;

/// <summary>A resource class as the API shows it: its name and a self link.</summary>
public static class ResourceClassView
{
    /// <summary>The class's path under the service's mount point (also the base of its Location header).</summary>
    public static string Href(HttpContext context, string name) => $"{context.Request.PathBase}/resource_classes/{name}";

    public static JsonObject Render(HttpContext context, ResourceClassRow row) => new()
    {
        ["name"] = row.Name,
        ["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = Href(context, row.Name) }),
    };
}
