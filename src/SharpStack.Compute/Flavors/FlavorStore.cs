using Microsoft.EntityFrameworkCore;
using SharpStack.Compute.Storage;
using SharpStack.Compute.Storage.Entities;
using SharpStack.Core.Errors;

namespace SharpStack.Compute.Flavors;

/// <summary>Flavors, their extra specs and their project access in the compute API database.</summary>
public sealed class FlavorStore(ComputeApiDb db)
{
    /// <summary>The flavor with this public id the caller may see (Nova's get_flavor_by_flavor_id); 404 otherwise.</summary>
    public async Task<FlavorRow> GetAsync(string flavorId, FlavorCaller caller, CancellationToken ct) =>
        await Visible(caller).FirstOrDefaultAsync(f => f.FlavorId == flavorId, ct)
        ?? throw ApiException.NotFound($"Flavor {flavorId} could not be found.");

    /// <summary>Flavors the caller may see; <paramref name="isPublic"/> null means public and private alike (admins).</summary>
    public IQueryable<FlavorRow> Visible(FlavorCaller caller, bool? isPublic = null)
    {
        var query = db.Flavors.AsNoTracking();
        if (!caller.IsAdmin)
        {
            var project = caller.ProjectId;
            return query.Where(f => f.IsPublic || db.FlavorProjects.Any(p => p.FlavorId == f.Id && p.ProjectId == project));
        }
        if (isPublic is { } wanted)
        {
            // Nova's is_public filter: private flavors shared with the caller's project count as public ones.
            var project = caller.ProjectId;
            return wanted
                ? query.Where(f => f.IsPublic || db.FlavorProjects.Any(p => p.FlavorId == f.Id && p.ProjectId == project))
                : query.Where(f => !f.IsPublic);
        }
        return query;
    }

    public async Task<Dictionary<int, SortedDictionary<string, string>>> ExtraSpecsAsync(IReadOnlyCollection<int> flavorIds, CancellationToken ct)
    {
        var result = flavorIds.ToDictionary(id => id, _ => new SortedDictionary<string, string>(StringComparer.Ordinal));
        if (flavorIds.Count == 0) return result;
        foreach (var spec in await db.FlavorExtraSpecs.AsNoTracking().Where(s => flavorIds.Contains(s.FlavorId)).ToListAsync(ct))
            result[spec.FlavorId][spec.Key] = spec.Value;
        return result;
    }

    public Task<List<string>> ProjectsAsync(int flavorId, CancellationToken ct) =>
        db.FlavorProjects.AsNoTracking().Where(p => p.FlavorId == flavorId).OrderBy(p => p.Id).Select(p => p.ProjectId).ToListAsync(ct);
}
