using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Assignments;

/// <summary>Renders roles as Keystone shows them: extra attributes first, then id, name, domain_id (null for a
/// global role), description, options and links; and the role as a policy target.</summary>
public static class RoleJson
{
    /// <summary>The attributes a role stores in columns; anything else a client sends is kept as an extra attribute.</summary>
    public static readonly string[] Attributes = ["id", "name", "domain_id", "description", "options"];

    public static JsonObject Render(RoleRow r, HttpContext context)
    {
        // Keystone's to_dict starts from the extra attributes and lays the columns over them; a "links" object a
        // client stored as an extra attribute keeps its place and gains the self link.
        var self = KeystoneResponse.BaseUrl(context) + "/v3/roles/" + r.Id;
        var o = new JsonObject();
        foreach (var (k, v) in ExtraAttributes.Parse(r.Extra))
        {
            if (k != "links") o[k] = v?.DeepClone();
            else o[k] = v is JsonObject links ? (JsonObject)links.DeepClone() : new JsonObject();
        }
        o["id"] = r.Id;
        o["name"] = r.Name;
        o["domain_id"] = DomainIdOf(r);
        o["description"] = r.Description;
        o["options"] = ExtraAttributes.Parse(r.Options);
        if (o["links"] is JsonObject existing) existing["self"] = self;
        else o["links"] = new JsonObject { ["self"] = self };
        return o;
    }

    /// <summary>The role's domain, or null for a global role.</summary>
    public static string? DomainIdOf(RoleRow r) => r.DomainId == RoleRow.GlobalDomain ? null : r.DomainId;

    /// <summary>The role as keystone puts it into a policy target (target.role.domain_id is null for global roles).</summary>
    public static Dictionary<string, object?> Target(RoleRow r) => new()
    {
        ["id"] = r.Id,
        ["name"] = r.Name,
        ["domain_id"] = DomainIdOf(r),
        ["description"] = r.Description,
    };

    public static bool IsImmutable(RoleRow r) =>
        ExtraAttributes.Parse(r.Options)["immutable"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
