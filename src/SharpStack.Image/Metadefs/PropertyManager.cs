using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Metadefs;

/// <summary>Property definitions of a namespace: list, create, show, update (rename included), delete.</summary>
public sealed class PropertyManager(ImageDb db, TimeProvider clock)
{
    public Task<List<MetadefPropertyRow>> ListAsync(MetadefNamespaceRow ns, CancellationToken ct) =>
        db.MetadefProperties.Where(p => p.NamespaceId == ns.Id).OrderBy(p => p.Id).ToListAsync(ct);

    public async Task<MetadefPropertyRow> GetAsync(MetadefNamespaceRow ns, string name, bool tracking, CancellationToken ct)
    {
        var query = tracking ? db.MetadefProperties.AsTracking() : db.MetadefProperties;
        return await query.FirstOrDefaultAsync(p => p.NamespaceId == ns.Id && p.Name == name, ct)
            ?? throw ApiException.NotFound($"The metadata definition property with name={name} was not found in namespace={ns.Namespace}.");
    }

    public async Task<MetadefPropertyRow> CreateAsync(MetadefNamespaceRow ns, JsonObject body, CancellationToken ct)
    {
        var name = body["name"]!.GetValue<string>();
        var definition = PropertyType.Normalize(body);
        if (await db.MetadefProperties.AnyAsync(p => p.NamespaceId == ns.Id && p.Name == name, ct)) throw Duplicate(name, ns.Namespace);
        var now = MetadefTime.Now(clock);
        var row = new MetadefPropertyRow { NamespaceId = ns.Id, Name = name, JsonSchema = definition.ToJsonString(), CreatedAt = now, UpdatedAt = now };
        db.MetadefProperties.Add(row);
        await MetadefSave.SaveAsync(db, () => Duplicate(name, ns.Namespace), ct);
        return row;
    }

    public async Task<MetadefPropertyRow> UpdateAsync(MetadefNamespaceRow ns, string name, JsonObject body, CancellationToken ct)
    {
        var definition = PropertyType.Normalize(body);
        var row = await GetAsync(ns, name, tracking: true, ct);
        var newName = body["name"]!.GetValue<string>();
        var duplicate = () => ApiException.Conflict(
            $"Invalid update. It would result in a duplicate metadata definition property with the same name={newName} in namespace={ns.Namespace}.");
        if (newName != name && await db.MetadefProperties.AnyAsync(p => p.NamespaceId == ns.Id && p.Name == newName, ct)) throw duplicate();
        row.Name = newName;
        row.JsonSchema = definition.ToJsonString();
        row.UpdatedAt = MetadefTime.Now(clock);
        await MetadefSave.SaveAsync(db, duplicate, ct);
        return row;
    }

    public async Task DeleteAsync(MetadefNamespaceRow ns, string name, CancellationToken ct)
    {
        var row = await GetAsync(ns, name, tracking: false, ct);
        MetadefAccess.RefuseIfProtected(ns, $"property {row.Name}");
        await db.MetadefProperties.Where(p => p.Id == row.Id).ExecuteDeleteAsync(ct);
    }

    /// <summary>DELETE /v2/metadefs/namespaces/{ns}/properties: all of them (refused in a protected namespace).</summary>
    public async Task DeleteAllAsync(MetadefNamespaceRow ns, CancellationToken ct)
    {
        MetadefAccess.RefuseIfProtected(ns, $"namespace {ns.Namespace}");
        await db.MetadefProperties.Where(p => p.NamespaceId == ns.Id).ExecuteDeleteAsync(ct);
    }

    public static ApiException Duplicate(string name, string ns) =>
        ApiException.Conflict($"A metadata definition property with name={name} already exists in namespace={ns}.");
}
