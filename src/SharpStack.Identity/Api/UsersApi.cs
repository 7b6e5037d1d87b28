using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Auth;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Resources;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.Api;

/// <summary>/v3/users: thin HTTP over <see cref="UserManager"/>, self-service password changes, and a user's
/// groups and projects.</summary>
public static class UsersApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/users", ListAsync);
        v3.MapPost("/users", CreateAsync);
        v3.MapGetHead("/users/{user_id}", GetAsync);
        v3.MapPatch("/users/{user_id}", UpdateAsync);
        v3.MapDelete("/users/{user_id}", DeleteAsync);
        v3.MapPost("/users/{user_id}/password", ChangePasswordAsync);
        v3.MapGetHead("/users/{user_id}/groups", GroupsAsync);
        v3.MapGetHead("/users/{user_id}/projects", ProjectsAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IdentityAuthorizer authz, UserManager users, SharpStackConfig config)
    {
        // A domain-scoped caller only ever sees users of its domain.
        var domain = context.Features.Get<AuthContext>()?.DomainId;
        var target = UserPolicyTargets.Create();
        if (domain is not null) target.Set("target.domain_id", domain);
        authz.Enforce(context, IdentityPolicyNames.ListUsers, target);
        var query = UserListQuery.FromQuery(context.Request.Query, federated: true);
        if (domain is not null && query.DomainIds.Count == 0) query.DomainIds.Add(domain);
        var filter = ListFilter.FromQuery(context, "name", "domain_id");
        return KeystoneResponse.StreamedCollection(context, "users", Render(users.StreamAsync(query, context.RequestAborted)), config.Get(IdentityOptions.ListLimit));

        async IAsyncEnumerable<JsonObject> Render(IAsyncEnumerable<UserView> views)
        {
            await foreach (var u in views)
            {
                if (domain is not null && u.Row.DomainId != domain) continue;
                var json = UserJson.Render(u, context);
                if (filter.Matches(json)) yield return json;
            }
        }
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IdentityAuthorizer authz, UserManager users, SharpStackConfig config)
    {
        var body = await ReadMemberAsync(context, "user");
        var caller = authz.Enforce(context, IdentityPolicyNames.CreateUser, UserPolicyTargets.Create().WithRequest("user", body));
        UserSchemas.UserCreate.Check(body);
        var user = UserAttributes.NormalizeKeys((JsonObject)body!);
        FillDomain(user, caller, config);
        var created = await users.CreateAsync(user, context.RequestAborted);
        return KeystoneResponse.Entity("user", UserJson.Render(created, context), 201);
    }

    private static async Task<IResult> GetAsync(string user_id, HttpContext context, IdentityAuthorizer authz, UserManager users)
    {
        var user = await FindAsync(users, user_id, context);
        authz.Enforce(context, IdentityPolicyNames.GetUser, UserPolicyTargets.Create().Set("user_id", user_id).WithUser(user));
        return KeystoneResponse.Entity("user", UserJson.Render(user ?? throw UserManager.NotFound(user_id), context));
    }

    private static async Task<IResult> UpdateAsync(string user_id, HttpContext context, IdentityAuthorizer authz, UserManager users)
    {
        var user = await FindAsync(users, user_id, context);
        authz.Enforce(context, IdentityPolicyNames.UpdateUser, UserPolicyTargets.Create().Set("user_id", user_id).WithUser(user));
        if (user is null) throw UserManager.NotFound(user_id);
        var body = await ReadMemberAsync(context, "user");
        UserSchemas.UserUpdate.Check(body);
        var changes = (JsonObject)body!;
        RequireMatchingId(changes, user_id);
        var updated = await users.UpdateAsync(user_id, changes, context.RequestAborted);
        return KeystoneResponse.Entity("user", UserJson.Render(updated, context, withExtraDict: true));
    }

    private static async Task<IResult> DeleteAsync(string user_id, HttpContext context, IdentityAuthorizer authz, UserManager users)
    {
        var user = await FindAsync(users, user_id, context);
        authz.Enforce(context, IdentityPolicyNames.DeleteUser, UserPolicyTargets.Create().Set("user_id", user_id).WithUser(user));
        await users.DeleteAsync(user_id, context.RequestAborted);
        return Results.NoContent();
    }

    /// <summary>Unenforced, as in Keystone: the original password in the body is the authentication.</summary>
    private static async Task<IResult> ChangePasswordAsync(string user_id, HttpContext context, PasswordSelfService selfService)
    {
        var body = await ReadMemberAsync(context, "user");
        UserSchemas.PasswordChange.Check(body);
        var change = (JsonObject)body!;
        await selfService.ChangeAsync(user_id, change["original_password"]!.GetValue<string>(), change["password"]!.GetValue<string>(), context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> GroupsAsync(string user_id, HttpContext context, IdentityAuthorizer authz, UserManager users,
        GroupManager groups, SharpStackConfig config)
    {
        var user = await FindAsync(users, user_id, context);
        var caller = authz.Enforce(context, IdentityPolicyNames.ListGroupsForUser, UserPolicyTargets.Create().Set("user_id", user_id).WithUser(user));
        var names = context.Request.Query["name"].OfType<string>().ToList();
        var rows = await groups.ListForUserAsync(user_id, names, context.RequestAborted);
        var filter = ListFilter.FromQuery(context, "name");
        var rendered = rows.Where(g => caller.DomainId is null || g.DomainId == caller.DomainId)
            .Select(g =>
            {
                var o = UserJson.GroupData(g);
                // Keystone lists memberships that a federation mapping made with their expiry; ours never expire.
                o["membership_expires_at"] = null;
                return o.WithSelfLink(context, "groups/" + g.Id);
            })
            .Where(filter.Matches);
        return Collection(context, config, "groups", rendered);
    }

    private static async Task<IResult> ProjectsAsync(string user_id, HttpContext context, IdentityAuthorizer authz, UserManager users,
        AccessibleTargets targets, IdentityDb db)
    {
        var user = await FindAsync(users, user_id, context);
        authz.Enforce(context, IdentityPolicyNames.ListUserProjects, UserPolicyTargets.Create().Set("user_id", user_id).WithUser(user));
        if (user is null) throw UserManager.NotFound(user_id);
        var projects = await targets.AssignedProjectsAsync(user_id, context.RequestAborted);
        var filter = ListFilter.FromQuery(context, "domain_id", "enabled", "name");
        var rendered = await ProjectJson.RenderManyAsync(db, projects, context);
        return KeystoneResponse.Collection(context, "projects", rendered.Where(filter.Matches));
    }

    /// <summary>The user for a policy target, or null when it does not exist (the 404 comes after the policy check).</summary>
    private static async Task<UserView?> FindAsync(UserManager users, string id, HttpContext context) =>
        await users.FindAsync(id, context.RequestAborted) is { } row ? await users.ViewAsync(row, context.RequestAborted) : null;

    /// <summary>Keystone reads body["user"] and validates whatever is there ({} when absent).</summary>
    internal static async Task<JsonNode?> ReadMemberAsync(HttpContext context, string name)
    {
        var body = await KeystoneRequest.ReadObjectAsync(context);
        return body.TryGetPropertyValue(name, out var member) ? member : new JsonObject();
    }

    /// <summary>A request may repeat the id of the entity it updates, but not name another.</summary>
    internal static void RequireMatchingId(JsonObject changes, string id)
    {
        if (changes["id"] is { } given && !(given is JsonValue v && v.TryGetValue<string>(out var s) && s == id))
            throw ApiException.BadRequest("Cannot change ID");
    }

    /// <summary>Keystone's _normalize_domain_id: no domain_id means the caller's domain (domain-scoped token) or
    /// [identity] default_domain_id.</summary>
    internal static void FillDomain(JsonObject entity, AuthContext caller, SharpStackConfig config)
    {
        if (entity["domain_id"] is JsonValue v && v.TryGetValue<string>(out var d) && d.Length > 0) return;
        entity["domain_id"] = caller.DomainId ?? config.Get(IdentityOptions.DefaultDomainId);
    }

    /// <summary>A collection cut to [identity] list_limit, marked truncated when cut.</summary>
    internal static IResult Collection(HttpContext context, SharpStackConfig config, string name, IEnumerable<JsonObject> items)
    {
        var list = items.ToList();
        if (config.Get(IdentityOptions.ListLimit) is { } limit && list.Count > limit)
            return KeystoneResponse.Collection(context, name, list.Take(limit), truncated: true);
        return KeystoneResponse.Collection(context, name, list);
    }
}
