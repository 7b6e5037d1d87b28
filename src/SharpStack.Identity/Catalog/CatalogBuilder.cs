using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Catalog;

/// <summary>Builds the service catalog of a token: enabled services with their enabled endpoints, URLs
/// formatted for the user and project, narrowed to a project's endpoint filter (OS-EP-FILTER) when it has one.</summary>
public sealed class CatalogBuilder(IdentityDb db)
{
    public async Task<JsonArray> BuildAsync(string userId, string? projectId, CancellationToken ct = default)
    {
        var services = await db.Services.Where(s => s.Enabled).OrderBy(s => s.Id).ToListAsync(ct);
        var endpoints = await db.Endpoints.Where(e => e.Enabled).ToListAsync(ct);
        var allowed = projectId is null ? null : await EndpointFilter.EndpointIdsForProjectAsync(db, projectId, ct);
        var filtered = allowed is { Count: > 0 };

        var catalog = new JsonArray();
        foreach (var service in services)
        {
            var list = new JsonArray();
            foreach (var e in endpoints)
            {
                if (e.ServiceId != service.Id) continue;
                if (filtered && !allowed!.Contains(e.Id)) continue;
                var url = EndpointUrl.Format(e.Url, userId, projectId);
                if (url is null) continue;
                list.Add(new JsonObject
                {
                    ["id"] = e.Id,
                    ["interface"] = e.Interface,
                    ["region_id"] = e.RegionId,
                    ["url"] = url,
                    ["region"] = e.RegionId,
                });
            }
            // With an endpoint filter, services left without endpoints are dropped (as upstream does).
            if (filtered && list.Count == 0) continue;
            var extra = ExtraAttributes.Parse(service.Extra);
            catalog.Add(new JsonObject
            {
                ["endpoints"] = list,
                ["id"] = service.Id,
                ["type"] = service.Type,
                ["name"] = extra["name"]?.GetValue<string>() ?? "",
            });
        }
        return catalog;
    }
}
