using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Image.Images;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Metadefs;

/// <summary>Reading namespaces: the filtered, paged list (with each one's resource type associations) and the full
/// view of one namespace with its objects, properties and tags.</summary>
public sealed class NamespaceLister(ImageDb db, ResourceTypeManager resourceTypes)
{
    private static readonly string[] SortKeys = ["created_at", "updated_at", "id", "namespace", "display_name", "description", "visibility", "protected", "owner"];

    /// <summary>The namespaces the caller may see, after the visibility and resource_types filters, one page of them.</summary>
    public async Task<List<MetadefNamespaceRow>> ListAsync(ImageCaller caller, ListPage page, string? visibility, string? resourceTypes, CancellationToken ct)
    {
        if (!SortKeys.Contains(page.SortKey)) throw ApiException.BadRequest($"Invalid sort key: {page.SortKey}");
        IQueryable<MetadefNamespaceRow> query = db.MetadefNamespaces;
        if (!caller.IsAdmin)
            query = caller.ProjectId is { } project ? query.Where(n => n.Owner == project || n.Visibility == "public") : query.Where(n => n.Visibility == "public");
        if (visibility is not null) query = query.Where(n => n.Visibility == visibility);
        if (resourceTypes is not null)
        {
            var names = resourceTypes.Split(',');
            var ids = db.MetadefNamespaceResourceTypes
                .Join(db.MetadefResourceTypes.Where(r => names.Contains(r.Name)), a => a.ResourceTypeId, r => r.Id, (a, _) => a.NamespaceId);
            query = query.Where(n => ids.Contains(n.Id));
        }
        var rows = await query.ToListAsync(ct);
        MetadefNamespaceRow? marker = null;
        if (page.Marker is not null)
        {
            marker = await db.MetadefNamespaces.FirstOrDefaultAsync(n => n.Namespace == page.Marker, ct) ?? throw NamespaceLookup.NotFound(page.Marker);
            if (!MetadefAccess.Visible(caller, marker))
                throw ApiException.Forbidden($"Forbidding request, metadata definition namespace={page.Marker} is not visible.");
        }
        return page.Apply(rows, marker, n => n.Id, n => n.CreatedAt, n => Key(n, page.SortKey));
    }

    /// <summary>The namespace's associations as the list shows them (none: the key is left out).</summary>
    public async Task<JsonArray?> AssociationsAsync(MetadefNamespaceRow ns, CancellationToken ct)
    {
        var associations = await resourceTypes.AssociationsAsync(ns.Id, ct);
        return associations.Count == 0 ? null : new JsonArray(associations.Select(a => (JsonNode?)MetadefView.Association(a.Name, a.Row)).ToArray());
    }

    /// <summary>GET /v2/metadefs/namespaces/{ns}: with objects, resource type associations, properties and tags
    /// (each left out when empty); with ?resource_type= the properties carry that association's prefix.</summary>
    public async Task<JsonObject> DetailAsync(MetadefNamespaceRow ns, string? resourceType, CancellationToken ct)
    {
        var result = MetadefView.Namespace(ns);
        var objects = await db.MetadefObjects.Where(o => o.NamespaceId == ns.Id).OrderBy(o => o.Id).ToListAsync(ct);
        var associations = await resourceTypes.AssociationsAsync(ns.Id, ct);
        var properties = await db.MetadefProperties.Where(p => p.NamespaceId == ns.Id).OrderBy(p => p.Id).ToListAsync(ct);
        var tags = await db.MetadefTags.Where(t => t.NamespaceId == ns.Id).OrderBy(t => t.Id).ToListAsync(ct);
        var prefix = resourceType is null ? null : associations.FirstOrDefault(a => a.Name == resourceType).Row?.Prefix;
        if (associations.Count > 0)
            result["resource_type_associations"] = new JsonArray(associations.Select(a => (JsonNode?)MetadefView.Association(a.Name, a.Row)).ToArray());
        if (properties.Count > 0)
            result["properties"] = new JsonObject(properties.Select(p =>
                KeyValuePair.Create(prefix + p.Name, (JsonNode?)PropertyType.Render(null, p.JsonSchema))));
        if (objects.Count > 0)
            result["objects"] = new JsonArray(objects.Select(o => (JsonNode?)Prefixed(MetadefView.Object(ns.Namespace, o), prefix)).ToArray());
        if (tags.Count > 0)
            result["tags"] = new JsonArray(tags.Select(t => (JsonNode?)new JsonObject { ["name"] = t.Name }).ToArray());
        return MetadefView.WithLinks(result, MetadefView.NamespaceHref(ns.Namespace), MetadefView.NamespaceSchema);
    }

    private static JsonObject Prefixed(JsonObject obj, string? prefix)
    {
        if (string.IsNullOrEmpty(prefix)) return obj;
        if (obj["properties"] is JsonObject props)
            obj["properties"] = new JsonObject(props.Select(kv => KeyValuePair.Create(prefix + kv.Key, kv.Value?.DeepClone())));
        if (obj["required"] is JsonArray required)
            obj["required"] = new JsonArray(required.Select(r => (JsonNode?)(prefix + r?.GetValue<string>())).ToArray());
        return obj;
    }

    private static object? Key(MetadefNamespaceRow n, string key) => key switch
    {
        "updated_at" => n.UpdatedAt,
        "id" => n.Id,
        "namespace" => n.Namespace,
        "display_name" => n.DisplayName,
        "description" => n.Description,
        "visibility" => n.Visibility,
        "protected" => n.Protected,
        "owner" => n.Owner,
        _ => n.CreatedAt,
    };
}
