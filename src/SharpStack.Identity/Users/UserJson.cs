using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Users;

/// <summary>Renders users and groups as Keystone does: extra attributes first, then the model's attributes,
/// options, links. Passwords never appear.</summary>
public static class UserJson
{
    /// <param name="withExtraDict">Keystone's update answer also carries the extra attributes as "extra".</param>
    public static JsonObject Render(UserView user, HttpContext context, bool withExtraDict = false) =>
        Data(user, withExtraDict).WithSelfLink(context, "users/" + user.Row.Id);

    /// <summary>The user without links: what Keystone's policy targets see as target.user.</summary>
    public static JsonObject Data(UserView user, bool withExtraDict = false)
    {
        var u = user.Row;
        var o = ExtraAttributes.Parse(u.Extra);
        o["id"] = u.Id;
        o["name"] = u.Name;
        o["domain_id"] = u.DomainId;
        o["enabled"] = user.Enabled;
        if (u.DefaultProjectId is not null) o["default_project_id"] = u.DefaultProjectId;
        o["password_expires_at"] = user.PasswordExpiresAt is { } e ? Timestamps.Iso(e) : null;
        if (withExtraDict) o["extra"] = ExtraAttributes.Parse(u.Extra);
        o["options"] = UserOptions.Parse(u.Options);
        return o;
    }

    public static JsonObject RenderGroup(GroupRow g, HttpContext context) =>
        GroupData(g).WithSelfLink(context, "groups/" + g.Id);

    public static JsonObject GroupData(GroupRow g)
    {
        var o = ExtraAttributes.Parse(g.Extra);
        o["id"] = g.Id;
        o["name"] = g.Name;
        o["domain_id"] = g.DomainId;
        o["description"] = g.Description;
        return o;
    }
}
