using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Catalog;

/// <summary>OS-EP-FILTER: which endpoints a project sees, from direct project-endpoint associations and endpoint groups.</summary>
public static class EndpointFilter
{
    /// <summary>The ids of endpoints associated with the project; empty means no filter applies.</summary>
    public static async Task<HashSet<string>> EndpointIdsForProjectAsync(IdentityDb db, string projectId, CancellationToken ct)
    {
        var ids = (await db.ProjectEndpoints.Where(p => p.ProjectId == projectId).Select(p => p.EndpointId).ToListAsync(ct)).ToHashSet();
        var groupIds = await db.ProjectEndpointGroups.Where(p => p.ProjectId == projectId).Select(p => p.EndpointGroupId).ToListAsync(ct);
        if (groupIds.Count > 0)
        {
            var groups = await db.EndpointGroups.Where(g => groupIds.Contains(g.Id)).ToListAsync(ct);
            var endpoints = await db.Endpoints.ToListAsync(ct);
            foreach (var group in groups)
                foreach (var e in endpoints.Where(e => Matches(group, e)))
                    ids.Add(e.Id);
        }
        return ids;
    }

    /// <summary>True when the endpoint satisfies every filter of the group (service_id, interface, region_id).</summary>
    public static bool Matches(EndpointGroupRow group, EndpointRow endpoint)
    {
        if (JsonNode.Parse(group.Filters) is not JsonObject filters) return false;
        foreach (var (key, value) in filters)
        {
            var expected = value?.ToString();
            var actual = key switch
            {
                "service_id" => endpoint.ServiceId,
                "interface" => endpoint.Interface,
                "region_id" => endpoint.RegionId,
                _ => null,
            };
            if (actual != expected) return false;
        }
        return true;
    }
}
