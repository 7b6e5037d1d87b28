using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Metadefs;

/// <summary>Resource types and their associations with namespaces. An association with an unknown type creates the
/// type (unprotected), as Glance does; the stock types are seeded at start-up.</summary>
public sealed class ResourceTypeManager(ImageDb db, TimeProvider clock)
{
    /// <summary>The resource types Glance's stock metadata definitions (etc/metadefs, loaded by
    /// glance-manage db_load_metadefs) associate namespaces with; seeded as protected system types.</summary>
    public static readonly IReadOnlyList<string> Seeded =
        ["OS::Glance::Image", "OS::Cinder::Volume", "OS::Nova::Flavor", "OS::Nova::Aggregate", "OS::Nova::Server", "OS::Trove::Instance"];

    /// <summary>Adds the seeded types that are missing; running it again changes nothing.</summary>
    public async Task SeedAsync(CancellationToken ct)
    {
        var existing = await db.MetadefResourceTypes.Select(r => r.Name).ToListAsync(ct);
        var now = MetadefTime.Now(clock);
        foreach (var name in Seeded.Except(existing))
            db.MetadefResourceTypes.Add(new MetadefResourceTypeRow { Name = name, Protected = true, CreatedAt = now, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another process seeded them at the same moment.
            db.ChangeTracker.Clear();
        }
    }

    public Task<List<MetadefResourceTypeRow>> ListAsync(CancellationToken ct) =>
        db.MetadefResourceTypes.OrderBy(r => r.Id).ToListAsync(ct);

    /// <summary>The namespace's associations with their type names, oldest first.</summary>
    public async Task<List<(string Name, MetadefNamespaceResourceTypeRow Row)>> AssociationsAsync(int namespaceId, CancellationToken ct)
    {
        var rows = await db.MetadefNamespaceResourceTypes.Where(a => a.NamespaceId == namespaceId)
            .Join(db.MetadefResourceTypes, a => a.ResourceTypeId, r => r.Id, (a, r) => new { r.Name, Row = a })
            .ToListAsync(ct);
        return rows.OrderBy(x => x.Row.CreatedAt).ThenBy(x => x.Row.ResourceTypeId).Select(x => (x.Name, x.Row)).ToList();
    }

    /// <summary>Associates the namespace with the type named in <paramref name="body"/> (schema-checked).</summary>
    public async Task<(string Name, MetadefNamespaceResourceTypeRow Row)> AssociateAsync(MetadefNamespaceRow ns, JsonObject body, CancellationToken ct)
    {
        var name = body["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw ApiException.BadRequest("Mandatory field missing: name");
        var now = MetadefTime.Now(clock);
        var type = await db.MetadefResourceTypes.FirstOrDefaultAsync(r => r.Name == name, ct);
        if (type is null)
        {
            type = new MetadefResourceTypeRow { Name = name, Protected = false, CreatedAt = now, UpdatedAt = now };
            db.MetadefResourceTypes.Add(type);
            await db.SaveChangesAsync(ct);
        }
        var duplicate = () => ApiException.Conflict(
            $"The metadata definition resource-type association of resource-type={name} to namespace={ns.Namespace} already exists.");
        if (await db.MetadefNamespaceResourceTypes.AnyAsync(a => a.NamespaceId == ns.Id && a.ResourceTypeId == type.Id, ct)) throw duplicate();
        var row = new MetadefNamespaceResourceTypeRow
        {
            NamespaceId = ns.Id,
            ResourceTypeId = type.Id,
            Prefix = body["prefix"]?.GetValue<string>(),
            PropertiesTarget = body["properties_target"]?.GetValue<string>(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.MetadefNamespaceResourceTypes.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw duplicate();
        }
        return (name, row);
    }

    /// <summary>DELETE …/resource_types/{name}: 404 "Failed to find resource type &lt;name&gt; to delete" when the
    /// namespace has no such association; refused in a protected namespace.</summary>
    public async Task DissociateAsync(MetadefNamespaceRow ns, string name, CancellationToken ct)
    {
        var association = (await AssociationsAsync(ns.Id, ct)).Where(a => a.Name == name).Select(a => a.Row).FirstOrDefault()
            ?? throw ApiException.NotFound($"Failed to find resource type {name} to delete");
        if (ns.Protected == true)
            throw ApiException.Forbidden($"Metadata definition resource-type-association {name} is protected and cannot be deleted.");
        await db.MetadefNamespaceResourceTypes
            .Where(a => a.NamespaceId == ns.Id && a.ResourceTypeId == association.ResourceTypeId).ExecuteDeleteAsync(ct);
    }
}
