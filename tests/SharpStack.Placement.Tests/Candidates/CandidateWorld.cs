using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Tests.Candidates;

/// <summary>Writes providers, inventories, traits, aggregates and allocations straight into the database, so the
/// candidate search can be tested without the other APIs. Each test names its own custom classes and traits so
/// tests sharing a database do not see each other's providers.</summary>
public sealed class CandidateWorld(PlacementDb db) : IDisposable
{
    private readonly DateTime _now = DateTime.UtcNow;

    public async Task<int> ClassAsync(string name)
    {
        if (await db.ResourceClasses.FirstOrDefaultAsync(c => c.Name == name) is { } have) return have.Id;
        var id = Math.Max(ResourceClassRow.FirstCustomId, (await db.ResourceClasses.MaxAsync(c => c.Id)) + 1);
        db.ResourceClasses.Add(new ResourceClassRow { Id = id, Name = name, CreatedAt = _now, UpdatedAt = _now });
        await db.SaveChangesAsync();
        return id;
    }

    public async Task<ResourceProviderRow> ProviderAsync(string name, ResourceProviderRow? parent = null)
    {
        var uuid = Guid.NewGuid().ToString();
        var row = new ResourceProviderRow
        {
            Uuid = uuid, Name = name + "-" + uuid[..8], ParentUuid = parent?.Uuid, RootUuid = parent?.RootUuid ?? uuid,
            CreatedAt = _now, UpdatedAt = _now,
        };
        db.Providers.Add(row);
        await db.SaveChangesAsync();
        return row;
    }

    public async Task InventoryAsync(ResourceProviderRow provider, string className, int total, int reserved = 0, int maxUnit = int.MaxValue,
        int stepSize = 1, double ratio = 1.0, int minUnit = 1)
    {
        db.Inventories.Add(new InventoryRow
        {
            ProviderId = provider.Id, ResourceClassId = await ClassAsync(className), Total = total, Reserved = reserved,
            MinUnit = minUnit, MaxUnit = maxUnit, StepSize = stepSize, AllocationRatio = ratio, CreatedAt = _now, UpdatedAt = _now,
        });
        await db.SaveChangesAsync();
    }

    public async Task TraitAsync(ResourceProviderRow provider, string name)
    {
        var trait = await db.Traits.FirstOrDefaultAsync(t => t.Name == name);
        if (trait is null)
        {
            trait = new TraitRow { Name = name, CreatedAt = _now, UpdatedAt = _now };
            db.Traits.Add(trait);
            await db.SaveChangesAsync();
        }
        db.ProviderTraits.Add(new ProviderTraitRow { ProviderId = provider.Id, TraitId = trait.Id });
        await db.SaveChangesAsync();
    }

    public async Task AggregateAsync(ResourceProviderRow provider, string uuid)
    {
        var agg = await db.Aggregates.FirstOrDefaultAsync(a => a.Uuid == uuid);
        if (agg is null)
        {
            agg = new AggregateRow { Uuid = uuid };
            db.Aggregates.Add(agg);
            await db.SaveChangesAsync();
        }
        db.ProviderAggregates.Add(new ProviderAggregateRow { ProviderId = provider.Id, AggregateId = agg.Id });
        await db.SaveChangesAsync();
    }

    public async Task AllocateAsync(ResourceProviderRow provider, string className, int used)
    {
        db.Allocations.Add(new AllocationRow
        {
            ProviderId = provider.Id, ConsumerUuid = Guid.NewGuid().ToString(), ResourceClassId = await ClassAsync(className), Used = used,
            CreatedAt = _now, UpdatedAt = _now,
        });
        await db.SaveChangesAsync();
    }

    public void Dispose() => db.Dispose();
}
