using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Common;

/// <summary>Roles as the delegation APIs (trusts, application credentials, OAuth1) name and show them: requested
/// as {"id": …} or {"name": …}, shown as Keystone's role entity.</summary>
public sealed class DelegatedRoles(IdentityDb db)
{
    /// <summary>Role ids for [{"id": …} | {"name": …}]; a name must match exactly one role (Keystone's
    /// get_unique_role_by_name). Ids are not checked here: callers check them against the roles held.</summary>
    public async Task<List<string>> ResolveAsync(JsonArray? specs, CancellationToken ct)
    {
        var ids = new List<string>();
        if (specs is null) return ids;
        foreach (var spec in specs.OfType<JsonObject>())
        {
            if (spec["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var id) && id.Length > 0)
            {
                ids.Add(id);
                continue;
            }
            var name = spec["name"]?.GetValue<string>() ?? "";
            var found = await db.Roles.Where(r => r.Name == name).Select(r => r.Id).Take(2).ToListAsync(ct);
            ids.Add(found.Count switch
            {
                0 => throw ApiException.NotFound($"Role {name} is not defined"),
                1 => found[0],
                _ => throw ApiException.BadRequest($"There are multiple role entities named '{name}'. Please use ID instead of names to resolve the ambiguity."),
            });
        }
        return ids;
    }

    /// <summary>The role rows for <paramref name="ids"/>, in the given order, skipping roles that no longer exist.</summary>
    public async Task<List<RoleRow>> RowsAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = await db.Roles.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    /// <summary>Keystone's role entity (role_api.get_role): id, name, domain_id, description, extras, options.</summary>
    public static JsonObject Render(RoleRow r)
    {
        var o = new JsonObject
        {
            ["id"] = r.Id,
            ["name"] = r.Name,
            ["domain_id"] = r.DomainId == RoleRow.GlobalDomain ? null : r.DomainId,
            ["description"] = r.Description,
        };
        ExtraAttributes.MergeInto(o, r.Extra);
        o["options"] = ExtraAttributes.Parse(r.Options);
        return o;
    }

    /// <summary>The role entity with its self link (base/v3/roles/{id}).</summary>
    public static JsonObject RenderWithLink(RoleRow r, HttpContext context) => Render(r).WithSelfLink(context, "roles/" + r.Id);
}
