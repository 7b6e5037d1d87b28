using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Providers;

/// <summary>A provider as the API shows it at the request's microversion: links grow with the version (aggregates
/// 1.1, traits 1.6, allocations 1.11), parent and root appear at 1.14.</summary>
public static class ProviderView
{
    public static JsonObject Render(HttpContext context, ResourceProviderRow provider)
    {
        var self = $"{context.Request.PathBase}/resource_providers/{provider.Uuid}";
        var links = new JsonArray(Link("self", self), Link("inventories", self + "/inventories"), Link("usages", self + "/usages"));
        if (PlacementVersion.AtLeast(context, 1)) links.Add(Link("aggregates", self + "/aggregates"));
        if (PlacementVersion.AtLeast(context, 6)) links.Add(Link("traits", self + "/traits"));
        if (PlacementVersion.AtLeast(context, 11)) links.Add(Link("allocations", self + "/allocations"));
        var body = new JsonObject
        {
            ["uuid"] = provider.Uuid,
            ["name"] = provider.Name,
            ["generation"] = provider.Generation,
            ["links"] = links,
        };
        if (PlacementVersion.AtLeast(context, 14))
        {
            body["parent_provider_uuid"] = provider.ParentUuid;
            body["root_provider_uuid"] = provider.RootUuid;
        }
        return body;
    }

    private static JsonObject Link(string rel, string href) => new() { ["rel"] = rel, ["href"] = href };
}
