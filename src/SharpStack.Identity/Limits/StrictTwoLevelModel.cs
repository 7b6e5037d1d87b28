using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Limits;

/// <summary>Keystone's "strict_two_level" model: a project's limit may not exceed its parent domain's (or, without one,
/// the registered default), and a domain's limit may not fall below any of its projects'.</summary>
public sealed class StrictTwoLevelModel : EnforcementModel
{
    public const string ModelName = "strict_two_level";

    public override string Name => ModelName;

    public override string Description => "This model requires project hierarchy never exceeds a depth of two";

    public override async Task CheckAsync(IdentityDb db, IReadOnlyList<LimitSpec> limits, CancellationToken ct)
    {
        foreach (var limit in limits)
        {
            if (!await SatisfiesAsync(db, limit, limits, ct))
            {
                var level = limit.ProjectId is not null ? "project_id" : "domain_id";
                // Keystone's reason ends with a period and its message format adds another.
                throw ApiException.Forbidden(
                    $"Invalid resource limit: The resource limit ({level}: {limit.ProjectId ?? limit.DomainId}, " +
                    $"resource_name: {limit.ResourceName}, resource_limit: {limit.ResourceLimit}, service_id: {limit.ServiceId}, " +
                    $"region_id: {limit.RegionId ?? "None"}) doesn't satisfy current hierarchy model..");
            }
        }
    }

    private static async Task<bool> SatisfiesAsync(IdentityDb db, LimitSpec limit, IReadOnlyList<LimitSpec> batch, CancellationToken ct)
    {
        if (limit.ProjectId is not null)
        {
            var parentId = await db.Projects.Where(p => p.Id == limit.ProjectId).Select(p => p.ParentId).FirstOrDefaultAsync(ct);
            // A parent limit written in the same request is the one that counts.
            var parentInBatch = batch.FirstOrDefault(x => parentId is not null && x.DomainId == parentId && SameResource(x, limit));
            if (parentInBatch is not null) return limit.ResourceLimit <= parentInBatch.ResourceLimit;
            var parentValue = await ValueAsync(db, limit, projectId: null, domainId: parentId, ct);
            // Keystone tests the parent value for truth: no value, or 0, does not bound the project.
            return parentValue is null or 0 || limit.ResourceLimit <= parentValue;
        }
        foreach (var projectId in await SubtreeAsync(db, limit.DomainId!, ct))
        {
            var childValue = await ValueAsync(db, limit, projectId, domainId: null, ct);
            if (childValue is not (null or 0) && limit.ResourceLimit < childValue) return false;
        }
        return true;
    }

    /// <summary>Keystone's _get_specified_limit_value: the owner's limit for the resource, else (for a domain) the default.</summary>
    private static async Task<int?> ValueAsync(IdentityDb db, LimitSpec resource, string? projectId, string? domainId, CancellationToken ct)
    {
        var registered = await db.RegisteredLimits.FirstOrDefaultAsync(r => r.ServiceId == resource.ServiceId
            && r.ResourceName == resource.ResourceName && r.RegionId == resource.RegionId, ct);
        if (registered is null) return null;
        var owned = db.Limits.Where(l => l.RegisteredLimitId == registered.InternalId);
        owned = projectId is not null ? owned.Where(l => l.ProjectId == projectId) : owned.Where(l => l.DomainId == domainId);
        var value = await owned.Select(l => (int?)l.ResourceLimit).FirstOrDefaultAsync(ct);
        if (value is null && domainId is not null) value = registered.DefaultLimit;
        return value;
    }

    private static async Task<List<string>> SubtreeAsync(IdentityDb db, string rootId, CancellationToken ct)
    {
        var result = new List<string>();
        var frontier = new List<string> { rootId };
        var seen = new HashSet<string> { rootId };
        while (frontier.Count > 0)
        {
            var children = await db.Projects.Where(p => p.ParentId != null && frontier.Contains(p.ParentId)).Select(p => p.Id).ToListAsync(ct);
            frontier = children.Where(seen.Add).ToList();
            result.AddRange(frontier);
        }
        return result;
    }

    private static bool SameResource(LimitSpec a, LimitSpec b) =>
        a.ServiceId == b.ServiceId && a.RegionId == b.RegionId && a.ResourceName == b.ResourceName;
}
