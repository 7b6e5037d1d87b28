using Microsoft.EntityFrameworkCore;
using SharpStack.Compute.Storage;
using SharpStack.Compute.Storage.Entities;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;

namespace SharpStack.Compute.Flavors;

/// <summary>Creating, describing and deleting flavors, and granting private ones to projects (Nova's
/// compute.flavors and objects.Flavor).</summary>
public sealed class FlavorManager(ComputeApiDb db, TimeProvider clock)
{
    /// <summary>nova.compute.flavors.create: no id (or a falsy one) gets a uuid; the name is stripped; 409 when the
    /// name or the id is taken.</summary>
    public async Task<FlavorRow> CreateAsync(NewFlavor f, CancellationToken ct)
    {
        var row = new FlavorRow
        {
            FlavorId = string.IsNullOrEmpty(f.FlavorId) ? Guid.NewGuid().ToString() : f.FlavorId,
            Name = f.Name.Trim(),
            MemoryMb = f.MemoryMb,
            Vcpus = f.Vcpus,
            RootGb = f.RootGb,
            EphemeralGb = f.EphemeralGb,
            Swap = f.Swap,
            RxtxFactor = f.RxtxFactor,
            IsPublic = f.IsPublic,
            Description = f.Description,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        try
        {
            await Transactions.RunAsync(db, async c =>
            {
                if (await db.Flavors.AnyAsync(x => x.Name == row.Name, c))
                    throw ApiException.Conflict($"Flavor with name {row.Name} already exists.");
                if (await db.Flavors.AnyAsync(x => x.FlavorId == row.FlavorId, c))
                    throw ApiException.Conflict($"Flavor with ID {row.FlavorId} already exists.");
                db.Flavors.Add(row);
            }, ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // A concurrent create won the race for the name or the id.
            throw ApiException.Conflict($"Flavor with ID {row.FlavorId} already exists.");
        }
        return row;
    }

    public async Task DeleteAsync(string flavorId, CancellationToken ct) =>
        await Transactions.RunAsync(db, async c =>
        {
            var row = await db.Flavors.FirstOrDefaultAsync(x => x.FlavorId == flavorId, c)
                ?? throw ApiException.NotFound($"Flavor {flavorId} could not be found.");
            await db.FlavorExtraSpecs.Where(s => s.FlavorId == row.Id).ExecuteDeleteAsync(c);
            await db.FlavorProjects.Where(p => p.FlavorId == row.Id).ExecuteDeleteAsync(c);
            db.Flavors.Remove(row);
        }, ct);

    public async Task<FlavorRow> UpdateDescriptionAsync(string flavorId, string? description, CancellationToken ct) =>
        await Transactions.RunAsync(db, async c =>
        {
            var row = await db.Flavors.AsTracking().FirstOrDefaultAsync(x => x.FlavorId == flavorId, c)
                ?? throw ApiException.NotFound($"Flavor {flavorId} could not be found.");
            row.Description = description;
            row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            return row;
        }, ct);

    /// <summary>Flavor.add_access: 409 when the project already has it.</summary>
    public async Task AddAccessAsync(FlavorRow flavor, string projectId, CancellationToken ct) =>
        await Transactions.RunAsync(db, async c =>
        {
            if (await db.FlavorProjects.AnyAsync(p => p.FlavorId == flavor.Id && p.ProjectId == projectId, c))
                throw ApiException.Conflict($"Flavor access already exists for flavor {flavor.FlavorId} and project {projectId} combination.");
            db.FlavorProjects.Add(new FlavorProjectRow { FlavorId = flavor.Id, ProjectId = projectId, CreatedAt = clock.GetUtcNow().UtcDateTime });
        }, ct);

    /// <summary>Flavor.remove_access: 404 when the project does not have it.</summary>
    public async Task RemoveAccessAsync(FlavorRow flavor, string projectId, CancellationToken ct) =>
        await Transactions.RunAsync(db, async c =>
        {
            if (await db.FlavorProjects.Where(p => p.FlavorId == flavor.Id && p.ProjectId == projectId).ExecuteDeleteAsync(c) == 0)
                throw ApiException.NotFound($"Flavor access not found for {flavor.FlavorId} / {projectId} combination.");
        }, ct);

    /// <summary>Adds or replaces extra specs (POST and PUT of os-extra_specs).</summary>
    public async Task SetExtraSpecsAsync(FlavorRow flavor, IReadOnlyDictionary<string, string> specs, CancellationToken ct) =>
        await Transactions.RunAsync(db, async c =>
        {
            var keys = specs.Keys.ToList();
            var existing = await db.FlavorExtraSpecs.AsTracking().Where(s => s.FlavorId == flavor.Id && keys.Contains(s.Key)).ToListAsync(c);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var (key, value) in specs)
            {
                if (existing.FirstOrDefault(s => s.Key == key) is { } row)
                {
                    row.Value = value;
                    row.UpdatedAt = now;
                }
                else db.FlavorExtraSpecs.Add(new FlavorExtraSpecRow { FlavorId = flavor.Id, Key = key, Value = value, CreatedAt = now });
            }
        }, ct);

    /// <summary>Removes one extra spec; 404 when the flavor has no such key.</summary>
    public async Task DeleteExtraSpecAsync(FlavorRow flavor, string key, CancellationToken ct) =>
        await Transactions.RunAsync(db, async c =>
        {
            if (await db.FlavorExtraSpecs.Where(s => s.FlavorId == flavor.Id && s.Key == key).ExecuteDeleteAsync(c) == 0)
                throw ApiException.NotFound($"Flavor {flavor.FlavorId} has no extra specs with key {key}.");
        }, ct);
}
