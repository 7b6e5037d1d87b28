using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Catalog;

/// <summary>Builds the service catalog of a token: enabled services with their enabled endpoints, URLs
/// formatted for the user and project, narrowed to a project's endpoint filter (OS-EP-FILTER) when it has one.</summary>
public sealed class CatalogBuilder(IdentityDb db, IdentityEndpoint identity)
{
    public async Task<JsonArray> BuildAsync(string userId, string? projectId, CancellationToken ct = default)
    {
        var services = await db.Services.Where(s => s.Enabled).OrderBy(s => s.Id).ToListAsync(ct);
        var endpoints = await db.Endpoints.Where(e => e.Enabled).OrderBy(e => e.Id).ToListAsync(ct);
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
                var url = EndpointUrl.Format(e.Url, userId, projectId, identity.PublicBase);
                if (url is null) continue;
                // Keystone shows the endpoint's extra attributes too; its own attributes win over them.
                var entry = ExtraAttributes.Parse(e.Extra);
                entry.Remove("service_id");
                entry.Remove("enabled");
                entry.Remove("legacy_endpoint_id");
                entry["id"] = e.Id;
                entry["interface"] = e.Interface;
                entry["region_id"] = e.RegionId;
                entry["url"] = url;
                entry["region"] = e.RegionId;
                list.Add(entry);
            }
            // With an endpoint filter, services left without endpoints are dropped (as upstream does).
            if (filtered && list.Count == 0) continue;
            var extra = ExtraAttributes.Parse(service.Extra);
            catalog.Add(new JsonObject
            {
                ["endpoints"] = list,
                ["id"] = service.Id,
                ["type"] = service.Type,
                ["name"] = extra["name"]?.DeepClone() ?? "",
            });
        }
        return catalog;
    }
}
