using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Resources;

/// <summary>The limits of projects for ?include_limits, as Keystone's unified limit manager returns them (no links).</summary>
public sealed class ProjectLimits(IdentityDb db)
{
    public async Task<ILookup<string, JsonObject>> ByProjectAsync(IReadOnlyCollection<string> projectIds, CancellationToken ct)
    {
        var ids = projectIds.ToList();
        var rows = await (from l in db.Limits
                          join r in db.RegisteredLimits on l.RegisteredLimitId equals r.InternalId
                          where l.ProjectId != null && ids.Contains(l.ProjectId)
                          orderby l.InternalId
                          select new { l.Id, l.ProjectId, l.DomainId, r.ServiceId, r.RegionId, r.ResourceName, l.ResourceLimit, l.Description })
            .ToListAsync(ct);
        return rows.ToLookup(r => r.ProjectId!, r => new JsonObject
        {
            ["id"] = r.Id,
            ["project_id"] = r.ProjectId,
            ["domain_id"] = r.DomainId,
            ["resource_limit"] = r.ResourceLimit,
            ["description"] = r.Description,
            ["service_id"] = r.ServiceId,
            ["region_id"] = r.RegionId,
            ["resource_name"] = r.ResourceName,
        });
    }
}
