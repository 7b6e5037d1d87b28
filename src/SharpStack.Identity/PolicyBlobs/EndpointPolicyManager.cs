using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Catalog;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.PolicyBlobs;

/// <summary>OS-ENDPOINT-POLICY: a policy blob applies to an endpoint, to every endpoint of a service, or to a service's
/// endpoints in a region and its sub-regions. An endpoint's policy is the most specific association that matches.</summary>
public sealed class EndpointPolicyManager(IdentityDb db, IdentityRevision revision)
{
    /// <summary>Creates the association, or points an existing one for the same target at this policy.</summary>
    public async Task AssociateAsync(string policyId, AssociationTarget target, CancellationToken ct)
    {
        await RequireTargetAsync(policyId, target, ct);
        var existing = await Matching(target).AsTracking().FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            existing.PolicyId = policyId;
        }
        else
        {
            db.PolicyAssociations.Add(new PolicyAssociationRow
            {
                Id = Ids.New(),
                PolicyId = policyId,
                EndpointId = target.EndpointId,
                ServiceId = target.ServiceId,
                RegionId = target.RegionId,
            });
        }
        await db.CommitAsync(revision, "policy_association", ct);
    }

    public async Task CheckAsync(string policyId, AssociationTarget target, CancellationToken ct)
    {
        await RequireTargetAsync(policyId, target, ct);
        if (!await Matching(target).AnyAsync(a => a.PolicyId == policyId, ct))
            throw AssociationNotFound();
    }

    /// <summary>Keystone answers 204 whether or not such an association existed.</summary>
    public async Task DissociateAsync(string policyId, AssociationTarget target, CancellationToken ct)
    {
        await RequireTargetAsync(policyId, target, ct);
        if (await Matching(target).Where(a => a.PolicyId == policyId).ExecuteDeleteAsync(ct) > 0)
            await revision.BumpAsync(db, ct);
    }

    /// <summary>The endpoints the policy applies to, association by association (an endpoint may appear more than once,
    /// as in Keystone).</summary>
    public async Task<List<EndpointRow>> EndpointsForPolicyAsync(string policyId, CancellationToken ct)
    {
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct)) throw PolicyManager.NotFound(policyId);
        var associations = await db.PolicyAssociations.Where(a => a.PolicyId == policyId).OrderBy(a => a.Id).ToListAsync(ct);
        var endpoints = await db.Endpoints.OrderBy(e => e.Id).ToListAsync(ct);
        var regions = await db.Regions.ToListAsync(ct);
        var result = new List<EndpointRow>();
        foreach (var a in associations)
        {
            if (a.EndpointId is not null)
            {
                // Deleting an endpoint deletes its associations, so a miss here is a row written by another tool.
                if (endpoints.FirstOrDefault(e => e.Id == a.EndpointId) is { } endpoint) result.Add(endpoint);
            }
            else if (a.ServiceId is not null && a.RegionId is null)
            {
                result.AddRange(endpoints.Where(e => e.ServiceId == a.ServiceId));
            }
            else if (a.ServiceId is not null)
            {
                var subtree = RegionSubtree(regions, a.RegionId!);
                foreach (var regionId in subtree)
                    result.AddRange(endpoints.Where(e => e.ServiceId == a.ServiceId && e.RegionId == regionId));
            }
        }
        return result;
    }

    /// <summary>The endpoint's own association, else its service's in its region or the nearest parent region, else its
    /// service's.</summary>
    public async Task<PolicyRow> PolicyForEndpointAsync(string endpointId, CancellationToken ct)
    {
        var endpoint = await db.Endpoints.FirstOrDefaultAsync(e => e.Id == endpointId, ct) ?? throw EndpointManager.NotFound(endpointId);
        var policyId = await PolicyOfAsync(new AssociationTarget(endpointId, null, null), ct);
        var seen = new HashSet<string>();
        for (var regionId = endpoint.RegionId; policyId is null && regionId is not null && seen.Add(regionId);)
        {
            policyId = await PolicyOfAsync(new AssociationTarget(null, endpoint.ServiceId, regionId), ct);
            regionId = await db.Regions.Where(r => r.Id == regionId).Select(r => r.ParentRegionId).FirstOrDefaultAsync(ct);
        }
        policyId ??= await PolicyOfAsync(new AssociationTarget(null, endpoint.ServiceId, null), ct);
        if (policyId is null)
            throw ApiException.NotFound($"No policy is associated with endpoint {endpointId}.");
        return await db.Policies.FirstOrDefaultAsync(p => p.Id == policyId, ct) ?? throw PolicyManager.NotFound(policyId);
    }

    private Task<string?> PolicyOfAsync(AssociationTarget target, CancellationToken ct) =>
        Matching(target).Select(a => a.PolicyId).FirstOrDefaultAsync(ct);

    /// <summary>The checks Keystone's API makes before touching an association, in its order: policy, service or
    /// endpoint, region.</summary>
    private async Task RequireTargetAsync(string policyId, AssociationTarget target, CancellationToken ct)
    {
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct)) throw PolicyManager.NotFound(policyId);
        if (target.EndpointId is { } endpointId && !await db.Endpoints.AnyAsync(e => e.Id == endpointId, ct))
            throw EndpointManager.NotFound(endpointId);
        if (target.ServiceId is { } serviceId && !await db.Services.AnyAsync(s => s.Id == serviceId, ct))
            throw ServiceManager.NotFound(serviceId);
        if (target.RegionId is { } regionId && !await db.Regions.AnyAsync(r => r.Id == regionId, ct))
            throw ApiException.NotFound($"Could not find region: {regionId}.");
    }

    private IQueryable<PolicyAssociationRow> Matching(AssociationTarget t) =>
        db.PolicyAssociations.Where(a => a.EndpointId == t.EndpointId && a.ServiceId == t.ServiceId && a.RegionId == t.RegionId);

    /// <summary>The region and its descendants, parents before children; a cycle stops the walk.</summary>
    private static List<string> RegionSubtree(List<RegionRow> regions, string root)
    {
        var result = new List<string>();
        var seen = new HashSet<string>();
        var queue = new Queue<string>([root]);
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            if (!seen.Add(id)) continue;
            result.Add(id);
            foreach (var child in regions.Where(r => r.ParentRegionId == id)) queue.Enqueue(child.Id);
        }
        return result;
    }

    private static ApiException AssociationNotFound() => ApiException.NotFound("Could not find policy association.");
}

/// <summary>What a policy is associated with: an endpoint, a service, or a service in a region.</summary>
public sealed record AssociationTarget(string? EndpointId, string? ServiceId, string? RegionId);
