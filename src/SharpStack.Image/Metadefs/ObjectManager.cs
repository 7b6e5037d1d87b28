using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Metadefs;

/// <summary>A metadef object as a request gives it (Glance's MetadefObject model).</summary>
public sealed record ObjectInput(string Name, string? Description, JsonArray? Required, JsonObject? Properties)
{
    public MetadefObjectRow ToRow(int namespaceId, DateTime now) => new()
    {
        NamespaceId = namespaceId,
        Name = Name,
        Description = Description,
        Required = Required?.ToJsonString(),
        JsonSchema = Properties?.ToJsonString() ?? "{}",
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>The object as a namespace create echoes it: only what was given.</summary>
    public JsonObject Echo()
    {
        var o = new JsonObject { ["name"] = Name };
        if (Required is not null) o["required"] = Required.DeepClone();
        if (Description is not null) o["description"] = Description;
        if (Properties is not null) o["properties"] = MetadefView.Properties(Properties.ToJsonString());
        return o;
    }
}

/// <summary>Objects of a namespace: list, create, show, update, delete, with Glance's duplicate and not-found texts.</summary>
public sealed class ObjectManager(ImageDb db, TimeProvider clock)
{
    /// <summary>Reads a schema-checked object body; each property definition becomes Glance's PropertyType.</summary>
    public static ObjectInput Read(JsonObject body)
    {
        var name = body["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw ApiException.BadRequest("Mandatory field missing: name");
        JsonObject? properties = null;
        if (body["properties"] is JsonObject p)
        {
            properties = [];
            foreach (var (key, value) in p) properties[key] = PropertyType.Normalize(value as JsonObject ?? []);
        }
        return new ObjectInput(name, body["description"]?.GetValue<string>(), body["required"]?.DeepClone() as JsonArray, properties);
    }

    public Task<List<MetadefObjectRow>> ListAsync(MetadefNamespaceRow ns, bool ascending, CancellationToken ct)
    {
        var rows = db.MetadefObjects.Where(o => o.NamespaceId == ns.Id);
        return (ascending ? rows.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id) : rows.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)).ToListAsync(ct);
    }

    public async Task<MetadefObjectRow> GetAsync(MetadefNamespaceRow ns, string name, bool tracking, CancellationToken ct)
    {
        var query = tracking ? db.MetadefObjects.AsTracking() : db.MetadefObjects;
        return await query.FirstOrDefaultAsync(o => o.NamespaceId == ns.Id && o.Name == name, ct)
            ?? throw ApiException.NotFound($"The metadata definition object with name={name} was not found in namespace={ns.Namespace}.");
    }

    public async Task<MetadefObjectRow> CreateAsync(MetadefNamespaceRow ns, ObjectInput input, CancellationToken ct)
    {
        if (await db.MetadefObjects.AnyAsync(o => o.NamespaceId == ns.Id && o.Name == input.Name, ct)) throw Duplicate(input.Name, ns.Namespace);
        var row = input.ToRow(ns.Id, MetadefTime.Now(clock));
        db.MetadefObjects.Add(row);
        await MetadefSave.SaveAsync(db, () => Duplicate(input.Name, ns.Namespace), ct);
        return row;
    }

    public async Task<MetadefObjectRow> UpdateAsync(MetadefNamespaceRow ns, string name, ObjectInput input, CancellationToken ct)
    {
        var row = await GetAsync(ns, name, tracking: true, ct);
        var duplicate = () => ApiException.Conflict(
            $"Invalid update. It would result in a duplicate metadata definition object with the same name={input.Name} in namespace={ns.Namespace}.");
        if (input.Name != name && await db.MetadefObjects.AnyAsync(o => o.NamespaceId == ns.Id && o.Name == input.Name, ct)) throw duplicate();
        row.Name = input.Name;
        row.Description = input.Description;
        row.Required = input.Required?.ToJsonString();
        row.JsonSchema = input.Properties?.ToJsonString() ?? "{}";
        row.UpdatedAt = MetadefTime.Now(clock);
        await MetadefSave.SaveAsync(db, duplicate, ct);
        return row;
    }

    public async Task DeleteAsync(MetadefNamespaceRow ns, string name, CancellationToken ct)
    {
        var row = await GetAsync(ns, name, tracking: false, ct);
        MetadefAccess.RefuseIfProtected(ns, $"object {row.Name}");
        await db.MetadefObjects.Where(o => o.Id == row.Id).ExecuteDeleteAsync(ct);
    }

    /// <summary>DELETE /v2/metadefs/namespaces/{ns}/objects: all of them (refused in a protected namespace).</summary>
    public async Task DeleteAllAsync(MetadefNamespaceRow ns, CancellationToken ct)
    {
        MetadefAccess.RefuseIfProtected(ns, $"namespace {ns.Namespace}");
        await db.MetadefObjects.Where(o => o.NamespaceId == ns.Id).ExecuteDeleteAsync(ct);
    }

    public static ApiException Duplicate(string name, string ns) =>
        ApiException.Conflict($"A metadata definition object with name={name} already exists in namespace={ns}.");
}
