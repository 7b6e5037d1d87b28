using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Http;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Policies;
using SharpStack.Placement.Providers;
using SharpStack.Placement.Usages;

namespace SharpStack.Placement.Api;

/// <summary>Usages: GET /resource_providers/{uuid}/usages and GET /usages (1.9).</summary>
public static class UsagesApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/resource_providers/{uuid}/usages", async (HttpContext context, string uuid, PlacementAuthorizer authz, ProviderStore providers, UsageReader reader) =>
        {
            PlacementRequest.RequireJsonAccept(context);
            authz.Enforce(context, PolicyNames.ProviderUsages);
            var provider = await providers.GetAsync(uuid, context.RequestAborted,
                $"{ProviderStore.NotFoundMessage(uuid)}: {ProviderStore.NotFoundMessage(uuid)}", tracked: false);
            var body = await reader.ForProviderAsync(provider, context.RequestAborted);
            // "What is the usage, now?": upstream stamps the answer with the current time.
            PlacementRequest.LastModified(context, null);
            return new JsonBodyResult(body);
        });

        app.MapGet("/usages", async (HttpContext context, PlacementAuthorizer authz, UsageReader reader) =>
        {
            PlacementVersion.Require(context, 9);
            PlacementRequest.RequireJsonAccept(context);
            var query = context.Request.Query;
            string? Last(string key) => query.TryGetValue(key, out var v) && v.Count > 0 ? v[^1] : null;
            var projectId = Last("project_id");
            // Policy first, with the queried project as target: a non-admin may read its own project only.
            authz.Enforce(context, PolicyNames.TotalUsages, new Dictionary<string, object?> { ["project_id"] = projectId });
            var byType = PlacementVersion.AtLeast(context, 38);
            PlacementRequest.ValidateQuery(context, byType ? UsageReader.Query138 : UsageReader.Query19);
            var usages = byType
                ? await reader.ByConsumerTypeAsync(projectId!, Last("user_id"), Last("consumer_type"), context.RequestAborted)
                : await reader.TotalsAsync(projectId!, Last("user_id"), context.RequestAborted);
            PlacementRequest.LastModified(context, null);
            return new JsonBodyResult(new JsonObject { ["usages"] = usages });
        });
    }
}
