using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Image.Images;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Metadefs;

/// <summary>Creating, changing and deleting metadef namespaces, with what a create may carry along (resource type
/// associations, objects, properties, tags), all in one transaction.</summary>
public sealed class NamespaceManager(ImageDb db, TimeProvider clock, ResourceTypeManager resourceTypes)
{
    /// <summary>POST /v2/metadefs/namespaces: the namespace and its contents, rendered as Glance echoes them.</summary>
    public async Task<JsonObject> CreateAsync(ImageCaller caller, JsonObject body, CancellationToken ct)
    {
        var name = body["namespace"]!.GetValue<string>();
        var now = MetadefTime.Now(clock);
        var row = new MetadefNamespaceRow
        {
            Namespace = name,
            DisplayName = Text(body, "display_name"),
            Description = Text(body, "description"),
            Visibility = Text(body, "visibility") ?? "private",
            Protected = body["protected"]?.GetValue<bool>() ?? false,
            Owner = Text(body, "owner") ?? caller.ProjectId ?? "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        var properties = body["properties"] is JsonObject p ? p.ToDictionary(kv => kv.Key, kv => PropertyType.Normalize(kv.Value as JsonObject ?? [])) : null;
        var objects = body["objects"] is JsonArray o ? o.Select(x => ObjectManager.Read(x as JsonObject ?? [])).ToList() : null;
        var tags = body["tags"] is JsonArray t ? t.Select(x => TagName(x)).ToList() : null;
        var associations = body["resource_type_associations"] as JsonArray;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.MetadefNamespaces.AnyAsync(n => n.Namespace == name, ct)) throw Duplicate(name);
        db.MetadefNamespaces.Add(row);
        await MetadefSave.SaveAsync(db, () => Duplicate(name), ct);
        if (associations is not null)
            foreach (var a in associations.OfType<JsonObject>())
                await resourceTypes.AssociateAsync(row, a, ct);
        foreach (var obj in objects ?? [])
        {
            if (await db.MetadefObjects.AnyAsync(x => x.NamespaceId == row.Id && x.Name == obj.Name, ct)) throw ObjectManager.Duplicate(obj.Name, name);
            db.MetadefObjects.Add(obj.ToRow(row.Id, now));
            await MetadefSave.SaveAsync(db, () => ObjectManager.Duplicate(obj.Name, name), ct);
        }
        foreach (var tag in tags ?? [])
        {
            db.MetadefTags.Add(new MetadefTagRow { NamespaceId = row.Id, Name = tag, CreatedAt = now, UpdatedAt = now });
            await MetadefSave.SaveAsync(db, () => MetadefTagManager.Duplicate(tag, name), ct);
        }
        foreach (var (propertyName, definition) in properties ?? [])
        {
            db.MetadefProperties.Add(new MetadefPropertyRow { NamespaceId = row.Id, Name = propertyName, JsonSchema = definition.ToJsonString(), CreatedAt = now, UpdatedAt = now });
            await MetadefSave.SaveAsync(db, () => PropertyManager.Duplicate(propertyName, name), ct);
        }
        await tx.CommitAsync(ct);

        var result = MetadefView.Namespace(row);
        if (associations is not null) result["resource_type_associations"] = Echo(associations, "name", "prefix", "properties_target");
        if (properties is not null) result["properties"] = new JsonObject(properties.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)PropertyType.Render(null, kv.Value.ToJsonString()))));
        if (objects is not null) result["objects"] = new JsonArray(objects.Select(x => (JsonNode?)x.Echo()).ToArray());
        if (tags is not null) result["tags"] = new JsonArray(tags.Select(x => (JsonNode?)new JsonObject { ["name"] = x }).ToArray());
        return MetadefView.WithLinks(result, MetadefView.NamespaceHref(name), MetadefView.NamespaceSchema);
    }

    /// <summary>PUT /v2/metadefs/namespaces/{ns}: replaces the namespace's own attributes (unset ones fall back to
    /// private, unprotected, the caller's project).</summary>
    public async Task<MetadefNamespaceRow> UpdateAsync(ImageCaller caller, MetadefNamespaceRow ns, JsonObject body, CancellationToken ct)
    {
        var row = await db.MetadefNamespaces.AsTracking().FirstAsync(n => n.Id == ns.Id, ct);
        var name = body["namespace"]!.GetValue<string>();
        var duplicate = () => ApiException.Conflict(
            $"Invalid update. It would result in a duplicate metadata definition namespace with the same name of {name}");
        if (name != row.Namespace && await db.MetadefNamespaces.AnyAsync(n => n.Namespace == name, ct)) throw duplicate();
        row.Namespace = name;
        row.DisplayName = Text(body, "display_name");
        row.Description = Text(body, "description");
        row.Visibility = Text(body, "visibility") ?? "private";
        row.Protected = body["protected"]?.GetValue<bool>() ?? false;
        row.Owner = Text(body, "owner") ?? caller.ProjectId ?? row.Owner;
        row.UpdatedAt = MetadefTime.Now(clock);
        await MetadefSave.SaveAsync(db, duplicate, ct);
        return row;
    }

    /// <summary>DELETE /v2/metadefs/namespaces/{ns}: the namespace and everything in it (refused when protected).</summary>
    public async Task DeleteAsync(MetadefNamespaceRow ns, CancellationToken ct)
    {
        MetadefAccess.RefuseIfProtected(ns, $"namespace {ns.Namespace}");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.MetadefTags.Where(x => x.NamespaceId == ns.Id).ExecuteDeleteAsync(ct);
        await db.MetadefObjects.Where(x => x.NamespaceId == ns.Id).ExecuteDeleteAsync(ct);
        await db.MetadefProperties.Where(x => x.NamespaceId == ns.Id).ExecuteDeleteAsync(ct);
        await db.MetadefNamespaceResourceTypes.Where(x => x.NamespaceId == ns.Id).ExecuteDeleteAsync(ct);
        await db.MetadefNamespaces.Where(x => x.Id == ns.Id).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
    }

    public static ApiException Duplicate(string name) => ApiException.Conflict($"The metadata definition namespace={name} already exists.");


    private static string TagName(JsonNode? tag) => tag?["name"]?.GetValue<string>() ?? throw ApiException.BadRequest("Mandatory field missing: name");

    private static string? Text(JsonObject body, string key) => body[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonArray Echo(JsonArray items, params string[] keys) =>
        new(items.OfType<JsonObject>().Select(i =>
        {
            var o = new JsonObject();
            foreach (var k in keys)
                if (i[k] is { } v) o[k] = v.DeepClone();
            return (JsonNode?)o;
        }).ToArray());
}
