using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Catalog;

/// <summary>OS-EP-FILTER: which endpoints a project sees, from direct project-endpoint associations and endpoint groups.</summary>
public static class EndpointFilter
{
    /// <summary>The ids of existing endpoints associated with the project; empty means no filter applies. Associations
    /// with endpoints that no longer exist are ignored, as Keystone drops them when it meets them.</summary>
    public static async Task<HashSet<string>> EndpointIdsForProjectAsync(IdentityDb db, string projectId, CancellationToken ct)
    {
        var direct = await db.ProjectEndpoints.Where(p => p.ProjectId == projectId).Select(p => p.EndpointId).ToListAsync(ct);
        var groupIds = await db.ProjectEndpointGroups.Where(p => p.ProjectId == projectId).Select(p => p.EndpointGroupId).ToListAsync(ct);
        if (direct.Count == 0 && groupIds.Count == 0) return [];
        var endpoints = await db.Endpoints.ToListAsync(ct);
        var ids = endpoints.Where(e => direct.Contains(e.Id)).Select(e => e.Id).ToHashSet();
        if (groupIds.Count > 0)
        {
            var groups = await db.EndpointGroups.Where(g => groupIds.Contains(g.Id)).ToListAsync(ct);
            foreach (var group in groups)
                foreach (var e in endpoints.Where(e => Matches(group, e)))
                    ids.Add(e.Id);
        }
        return ids;
    }

    /// <summary>True when the endpoint equals every filter of the group (service_id, interface, region_id), compared as
    /// Python compares them: a null filter matches a missing region, a non-string value matches nothing.</summary>
    public static bool Matches(EndpointGroupRow group, EndpointRow endpoint)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(group.Filters);
        }
        catch (JsonException)
        {
            return false;
        }
        if (parsed is not JsonObject filters) return false;
        foreach (var (key, value) in filters)
        {
            if (key is not ("service_id" or "interface" or "region_id")) return false;
            var actual = key switch
            {
                "service_id" => endpoint.ServiceId,
                "interface" => endpoint.Interface,
                "region_id" => endpoint.RegionId,
                _ => null,
            };
            if (value is null)
            {
                if (actual is not null) return false;
                continue;
            }
            if (value is not JsonValue v || !v.TryGetValue<string>(out var expected) || actual != expected) return false;
        }
        return true;
    }
}
