using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Providers;

/// <summary>Creating, renaming, re-parenting and deleting providers with upstream's rules: unique names and uuids,
/// a parent that exists and is not the provider itself or below it, re-/un-parenting from 1.37 only, no deleting
/// a parent or a provider in use.</summary>
public sealed class ProviderManager(PlacementDb db, ProviderStore store, TimeProvider clock)
{
    public async Task<ResourceProviderRow> CreateAsync(string name, string? uuid, string? parentUuid, CancellationToken ct)
    {
        uuid = string.IsNullOrEmpty(uuid) ? Uuids.New() : Uuids.Normalize(uuid);
        if (name.Length == 0)
            throw ApiException.BadRequest($"Unable to create resource provider \"{name}\", {uuid}: Object action create failed because: name is required");
        string root = uuid;
        if (parentUuid is not null)
        {
            parentUuid = Uuids.Normalize(parentUuid);
            if (parentUuid == uuid)
                throw ApiException.BadRequest($"Unable to create resource provider \"{name}\", {uuid}: Object action create failed because: parent provider UUID cannot be same as UUID. Please set parent provider UUID to None if there is no parent.");
            var parent = await store.FindAsync(parentUuid, ct, tracked: false)
                ?? throw ApiException.BadRequest($"Unable to create resource provider \"{name}\", {uuid}: Object action create failed because: parent provider UUID does not exist.");
            root = parent.RootUuid;
        }
        if (await db.Providers.AnyAsync(p => p.Uuid == uuid, ct))
            throw PlacementErrors.Conflict($"Conflicting resource provider uuid: {uuid} already exists.", PlacementErrors.DuplicateName);
        if (await db.Providers.AnyAsync(p => p.Name == name, ct))
            throw PlacementErrors.Conflict($"Conflicting resource provider name: {name} already exists.", PlacementErrors.DuplicateName);
        var now = clock.GetUtcNow().UtcDateTime;
        var provider = new ResourceProviderRow { Uuid = uuid, Name = name, ParentUuid = parentUuid, RootUuid = root, CreatedAt = now, UpdatedAt = now };
        db.Providers.Add(provider);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Lost a race with a concurrent create of the same name or uuid.
            throw PlacementErrors.Conflict($"Conflicting resource provider name: {name} already exists.", PlacementErrors.DuplicateName);
        }
        return provider;
    }

    /// <summary>Renames and (when <paramref name="parentGiven"/>) re-parents; never changes the generation.</summary>
    public async Task UpdateAsync(ResourceProviderRow provider, string name, bool parentGiven, string? parentUuid, bool mayReparent, CancellationToken ct)
    {
        if (name != provider.Name && await db.Providers.AnyAsync(p => p.Name == name && p.Id != provider.Id, ct))
            throw PlacementErrors.Conflict($"Conflicting resource provider {name} already exists.", PlacementErrors.DuplicateName);
        var now = clock.GetUtcNow().UtcDateTime;
        if (parentGiven)
        {
            var normalized = parentUuid is null ? null : Uuids.Normalize(parentUuid);
            if (normalized != provider.ParentUuid) await ReparentAsync(provider, normalized, mayReparent, ct);
        }
        provider.Name = name;
        provider.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw PlacementErrors.Conflict($"Conflicting resource provider {name} already exists.", PlacementErrors.DuplicateName);
        }
    }

    private async Task ReparentAsync(ResourceProviderRow provider, string? parentUuid, bool mayReparent, CancellationToken ct)
    {
        string Fail(string action, string reason) => $"Unable to save resource provider {provider.Uuid}: Object action {action} failed because: {reason}";
        if (provider.ParentUuid is not null && !mayReparent)
            throw ApiException.BadRequest(Fail("update", parentUuid is null
                ? "un-parenting a provider is not currently allowed."
                : "re-parenting a provider is not currently allowed."));
        string newRoot;
        if (parentUuid is null)
        {
            newRoot = provider.Uuid;
        }
        else
        {
            var parent = await store.FindAsync(parentUuid, ct, tracked: false)
                ?? throw ApiException.BadRequest(Fail("create", "parent provider UUID does not exist."));
            var tree = await db.Providers.Where(p => p.RootUuid == provider.RootUuid).Select(p => new { p.Uuid, p.ParentUuid }).ToListAsync(ct);
            var below = Descendants(provider.Uuid, tree.Select(t => (t.Uuid, t.ParentUuid)));
            if (parent.Uuid == provider.Uuid || below.Contains(parent.Uuid))
                throw ApiException.BadRequest(Fail("update", "creating loop in the provider tree is not allowed."));
            newRoot = parent.RootUuid;
        }
        if (newRoot != provider.RootUuid)
        {
            var tree = await db.Providers.AsTracking().Where(p => p.RootUuid == provider.RootUuid).ToListAsync(ct);
            var below = Descendants(provider.Uuid, tree.Select(t => (t.Uuid, t.ParentUuid)));
            foreach (var p in tree.Where(p => below.Contains(p.Uuid))) p.RootUuid = newRoot;
        }
        provider.ParentUuid = parentUuid;
        provider.RootUuid = newRoot;
    }

    /// <summary>The uuids strictly below <paramref name="uuid"/> in a tree given as (uuid, parent) pairs.</summary>
    private static HashSet<string> Descendants(string uuid, IEnumerable<(string Uuid, string? Parent)> tree)
    {
        var children = tree.Where(t => t.Parent is not null).ToLookup(t => t.Parent!, t => t.Uuid);
        var found = new HashSet<string>();
        var pending = new Stack<string>([uuid]);
        while (pending.Count > 0)
            foreach (var child in children[pending.Pop()])
                if (found.Add(child)) pending.Push(child);
        return found;
    }

    public async Task DeleteAsync(string uuid, CancellationToken ct)
    {
        var provider = await store.FindAsync(uuid, ct)
            ?? throw ApiException.NotFound($"No resource provider with uuid {uuid} found for delete");
        if (await db.Providers.AnyAsync(p => p.ParentUuid == provider.Uuid, ct))
            throw PlacementErrors.Conflict($"Unable to delete parent resource provider {uuid}: It has child resource providers.", PlacementErrors.ProviderCannotDeleteParent);
        if (await db.Allocations.AnyAsync(a => a.ProviderId == provider.Id, ct))
            throw PlacementErrors.Conflict($"Unable to delete resource provider {uuid}: Resource provider has allocations.", PlacementErrors.ProviderInUse);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Inventories.Where(i => i.ProviderId == provider.Id).ExecuteDeleteAsync(ct);
        await db.ProviderTraits.Where(t => t.ProviderId == provider.Id).ExecuteDeleteAsync(ct);
        await db.ProviderAggregates.Where(a => a.ProviderId == provider.Id).ExecuteDeleteAsync(ct);
        db.Providers.Remove(provider);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
