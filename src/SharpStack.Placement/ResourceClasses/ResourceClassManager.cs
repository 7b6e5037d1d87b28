using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.ResourceClasses;

/// <summary>The resource classes: standard ones (ids below 10000) are fixed; custom ones are created, renamed (1.2–1.6)
/// and deleted here, and may not be deleted while an inventory uses them.</summary>
public sealed class ResourceClassManager(PlacementDb db, ResourceClassCatalog catalog, TimeProvider clock)
{
    /// <summary>Creating a custom class picks the next id locally, so two creators can pick the same one; upstream
    /// retries that race 100 times before giving up with a 409.</summary>
    private const int CreateAttempts = 100;

    /// <summary>Every class, standard ones first (by id), then custom ones in creation order.</summary>
    public Task<List<ResourceClassRow>> ListAsync(CancellationToken ct) =>
        db.ResourceClasses.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);

    public Task<ResourceClassRow?> FindAsync(string name, CancellationToken ct, bool tracked = false) =>
        (tracked ? db.ResourceClasses.AsTracking() : db.ResourceClasses.AsNoTracking()).FirstOrDefaultAsync(c => c.Name == name, ct);

    /// <summary>The class, or 404 "No such resource class {name}.".</summary>
    public async Task<ResourceClassRow> GetAsync(string name, CancellationToken ct, bool tracked = false) =>
        await FindAsync(name, ct, tracked) ?? throw ApiException.NotFound(NotFoundMessage(name));

    public static string NotFoundMessage(string name) => $"No such resource class {name}.";

    /// <summary>POST /resource_classes: a new custom class (the name was validated as CUSTOM_* by the schema); 409 when
    /// the name is taken.</summary>
    public async Task<ResourceClassRow> CreateAsync(string name, CancellationToken ct) =>
        await TryCreateAsync(name, ct) ?? throw PlacementErrors.Conflict($"Conflicting resource class already exists: {name}");

    /// <summary>PUT /resource_classes/{name} from 1.7: creates the class unless it exists. Returns whether it was
    /// created (a concurrent creator winning counts as "already there", as upstream).</summary>
    public async Task<(ResourceClassRow Class, bool Created)> EnsureAsync(string name, CancellationToken ct)
    {
        if (await FindAsync(name, ct) is { } existing) return (existing, false);
        if (await TryCreateAsync(name, ct) is { } created) return (created, true);
        return (await GetAsync(name, ct), false);
    }

    /// <summary>PUT /resource_classes/{name} at 1.2–1.6: renames a custom class. Standard classes cannot change (400);
    /// a name already used by another class is a 409.</summary>
    public async Task<ResourceClassRow> RenameAsync(string name, string newName, CancellationToken ct)
    {
        var row = await GetAsync(name, ct, tracked: true);
        if (!row.IsCustom) throw ApiException.BadRequest($"Cannot update standard resource class {name}");
        if (newName == row.Name) return row;
        var taken = $"Resource class already exists: {newName}";
        if (await db.ResourceClasses.AnyAsync(c => c.Name == newName, ct)) throw PlacementErrors.Conflict(taken);
        row.Name = newName;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique name index: someone created or renamed a class to this name meanwhile.
            db.ChangeTracker.Clear();
            throw PlacementErrors.Conflict(taken);
        }
        catalog.Invalidate();
        return row;
    }

    /// <summary>DELETE /resource_classes/{name}: 404 unknown, 400 standard, 409 while any inventory has the class
    /// (allocations alone do not keep it).</summary>
    public async Task DeleteAsync(string name, CancellationToken ct)
    {
        var row = await GetAsync(name, ct);
        if (!row.IsCustom)
            throw ApiException.BadRequest($"Error in delete resource class: Cannot delete standard resource class {name}.");
        if (await db.Inventories.AnyAsync(i => i.ResourceClassId == row.Id, ct))
            throw PlacementErrors.Conflict($"Error in delete resource class: Cannot delete resource class {name}. Class is in use in inventory.");
        // Deleting by id and re-checking the inventory in the same statement keeps a racing inventory write from
        // leaving an inventory of a class that no longer exists.
        var deleted = await db.ResourceClasses
            .Where(c => c.Id == row.Id && !db.Inventories.Any(i => i.ResourceClassId == c.Id))
            .ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            if (await db.ResourceClasses.AnyAsync(c => c.Id == row.Id, ct))
                throw PlacementErrors.Conflict($"Error in delete resource class: Cannot delete resource class {name}. Class is in use in inventory.");
            throw ApiException.NotFound(NotFoundMessage(name));
        }
        catalog.Invalidate();
    }

    /// <summary>Inserts a custom class with id max(id, 9999) + 1; null when the name exists (standard names included).</summary>
    private async Task<ResourceClassRow?> TryCreateAsync(string name, CancellationToken ct)
    {
        for (var attempt = 0; attempt < CreateAttempts; attempt++)
        {
            if (StandardData.IsStandardClass(name) || await db.ResourceClasses.AnyAsync(c => c.Name == name, ct)) return null;
            var max = await db.ResourceClasses.MaxAsync(c => (int?)c.Id, ct) ?? 0;
            var now = clock.GetUtcNow().UtcDateTime;
            var row = new ResourceClassRow
            {
                Id = Math.Max(max + 1, ResourceClassRow.FirstCustomId),
                Name = name,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.ResourceClasses.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                catalog.Invalidate();
                return row;
            }
            catch (DbUpdateException)
            {
                // Lost a race on the id or the name: look again (a taken name ends the loop above).
                db.ChangeTracker.Clear();
            }
        }
        throw PlacementErrors.Conflict($"Max retries of DB transaction exceeded attempting to create resource class: {name}, please try again.");
    }
}
