using System.Text.Json.Nodes;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Metadefs;

/// <summary>Metadata definitions as Glance's wsme models render them: attributes in the model's order, unset and
/// null ones left out.</summary>
public static class MetadefView
{
    public const string NamespaceSchema = "/v2/schemas/metadefs/namespace";
    public const string ObjectSchema = "/v2/schemas/metadefs/object";

    public static string NamespaceHref(string ns) => $"/v2/metadefs/namespaces/{ns}";

    /// <summary>A namespace's own attributes; the caller adds resource_type_associations, properties, objects, tags.</summary>
    public static JsonObject Namespace(MetadefNamespaceRow ns)
    {
        var o = new JsonObject { ["namespace"] = ns.Namespace };
        if (ns.DisplayName is not null) o["display_name"] = ns.DisplayName;
        if (ns.Description is not null) o["description"] = ns.Description;
        o["visibility"] = ns.Visibility ?? "private";
        o["protected"] = ns.Protected ?? false;
        o["owner"] = ns.Owner;
        o["created_at"] = MetadefTime.Format(ns.CreatedAt);
        if (ns.UpdatedAt is { } u) o["updated_at"] = MetadefTime.Format(u);
        return o;
    }

    /// <summary>Adds self and schema last, as the model declares them.</summary>
    public static JsonObject WithLinks(JsonObject o, string self, string schema)
    {
        o["self"] = self;
        o["schema"] = schema;
        return o;
    }

    public static JsonObject Object(string ns, MetadefObjectRow row)
    {
        var o = new JsonObject { ["name"] = row.Name };
        if (row.Required is not null && JsonNode.Parse(row.Required) is JsonArray required) o["required"] = required;
        if (row.Description is not null) o["description"] = row.Description;
        o["properties"] = Properties(row.JsonSchema);
        o["created_at"] = MetadefTime.Format(row.CreatedAt);
        if (row.UpdatedAt is { } u) o["updated_at"] = MetadefTime.Format(u);
        return WithLinks(o, $"/v2/metadefs/namespaces/{ns}/objects/{row.Name}", ObjectSchema);
    }

    /// <summary>A stored {name: definition} map as the API shows it.</summary>
    public static JsonObject Properties(string json)
    {
        var result = new JsonObject();
        if (JsonNode.Parse(json) is JsonObject stored)
            foreach (var (name, value) in stored)
                result[name] = PropertyType.Render(null, value?.ToJsonString() ?? "{}");
        return result;
    }

    public static JsonObject Tag(MetadefTagRow row)
    {
        var o = new JsonObject { ["name"] = row.Name, ["created_at"] = MetadefTime.Format(row.CreatedAt) };
        if (row.UpdatedAt is { } u) o["updated_at"] = MetadefTime.Format(u);
        return o;
    }

    public static JsonObject Association(string name, MetadefNamespaceResourceTypeRow row)
    {
        var o = new JsonObject { ["name"] = name };
        if (row.Prefix is not null) o["prefix"] = row.Prefix;
        if (row.PropertiesTarget is not null) o["properties_target"] = row.PropertiesTarget;
        o["created_at"] = MetadefTime.Format(row.CreatedAt);
        if (row.UpdatedAt is { } u) o["updated_at"] = MetadefTime.Format(u);
        return o;
    }

    public static JsonObject ResourceType(MetadefResourceTypeRow row)
    {
        var o = new JsonObject { ["name"] = row.Name, ["created_at"] = MetadefTime.Format(row.CreatedAt) };
        if (row.UpdatedAt is { } u) o["updated_at"] = MetadefTime.Format(u);
        return o;
    }
}
