using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Auth;
using SharpStack.Core.Configuration;
using SharpStack.Core.Policy;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.Api;

/// <summary>/v3/groups: thin HTTP over <see cref="GroupManager"/>: groups, their members, membership checks.</summary>
public static class GroupsApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/groups", ListAsync);
        v3.MapPost("/groups", CreateAsync);
        v3.MapGetHead("/groups/{group_id}", GetAsync);
        v3.MapPatch("/groups/{group_id}", UpdateAsync);
        v3.MapDelete("/groups/{group_id}", DeleteAsync);
        v3.MapGetHead("/groups/{group_id}/users", MembersAsync);
        v3.MapGetHead("/groups/{group_id}/users/{user_id}", CheckMemberAsync);
        v3.MapPut("/groups/{group_id}/users/{user_id}", AddMemberAsync);
        v3.MapDelete("/groups/{group_id}/users/{user_id}", RemoveMemberAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IdentityAuthorizer authz, GroupManager groups, SharpStackConfig config)
    {
        // A domain-scoped caller only ever sees groups of its domain.
        var domain = context.Features.Get<AuthContext>()?.DomainId;
        var target = UserPolicyTargets.Create();
        if (domain is not null) target.Set("target.group.domain_id", domain);
        authz.Enforce(context, IdentityPolicyNames.ListGroups, target);
        var query = context.Request.Query;
        var rows = await groups.ListAsync(query["domain_id"].OfType<string>().ToList(), query["name"].OfType<string>().ToList(), context.RequestAborted);
        var filter = ListFilter.FromQuery(context, "domain_id", "name");
        var rendered = rows.Where(g => domain is null || g.DomainId == domain)
            .Select(g => UserJson.RenderGroup(g, context)).Where(filter.Matches);
        return UsersApi.Collection(context, config, "groups", rendered);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IdentityAuthorizer authz, GroupManager groups, SharpStackConfig config)
    {
        var body = await UsersApi.ReadMemberAsync(context, "group");
        var caller = authz.Enforce(context, IdentityPolicyNames.CreateGroup, UserPolicyTargets.Create().WithRequest("group", body));
        UserSchemas.GroupCreate.Check(body);
        var group = UserAttributes.NormalizeKeys((JsonObject)body!);
        UsersApi.FillDomain(group, caller, config);
        var created = await groups.CreateAsync(group, context.RequestAborted);
        return KeystoneResponse.Entity("group", UserJson.RenderGroup(created, context), 201);
    }

    private static async Task<IResult> GetAsync(string group_id, HttpContext context, IdentityAuthorizer authz, GroupManager groups)
    {
        var group = await groups.FindAsync(group_id, context.RequestAborted);
        authz.Enforce(context, IdentityPolicyNames.GetGroup, Target(group_id).WithGroup(group));
        return KeystoneResponse.Entity("group", UserJson.RenderGroup(group ?? throw GroupManager.NotFound(group_id), context));
    }

    private static async Task<IResult> UpdateAsync(string group_id, HttpContext context, IdentityAuthorizer authz, GroupManager groups)
    {
        var group = await groups.FindAsync(group_id, context.RequestAborted);
        authz.Enforce(context, IdentityPolicyNames.UpdateGroup, Target(group_id).WithGroup(group));
        var body = await UsersApi.ReadMemberAsync(context, "group");
        UserSchemas.GroupUpdate.Check(body);
        var changes = (JsonObject)body!;
        UsersApi.RequireMatchingId(changes, group_id);
        var updated = await groups.UpdateAsync(group_id, changes, context.RequestAborted);
        return KeystoneResponse.Entity("group", UserJson.RenderGroup(updated, context));
    }

    private static async Task<IResult> DeleteAsync(string group_id, HttpContext context, IdentityAuthorizer authz, GroupManager groups)
    {
        // Keystone loads the group for the policy target before checking the rule: an unknown group is a 404.
        context.RequireAuth();
        var group = await groups.FindAsync(group_id, context.RequestAborted) ?? throw GroupManager.NotFound(group_id);
        authz.Enforce(context, IdentityPolicyNames.DeleteGroup, Target(group_id).WithGroup(group));
        await groups.DeleteAsync(group_id, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> MembersAsync(string group_id, HttpContext context, IdentityAuthorizer authz, GroupManager groups,
        UserManager users, SharpStackConfig config)
    {
        var group = await groups.FindAsync(group_id, context.RequestAborted);
        var caller = authz.Enforce(context, IdentityPolicyNames.ListUsersInGroup, Target(group_id).WithGroup(group));
        if (group is null) throw GroupManager.NotFound(group_id);
        var query = UserListQuery.FromQuery(context.Request.Query, federated: false, groupId: group_id);
        var rows = await users.ListAsync(query, context.RequestAborted);
        var filter = ListFilter.FromQuery(context, "name", "domain_id");
        var rendered = rows.Where(u => caller.DomainId is null || u.Row.DomainId == caller.DomainId)
            .Select(u => UserJson.Render(u, context)).Where(filter.Matches);
        return UsersApi.Collection(context, config, "users", rendered);
    }

    private static async Task<IResult> CheckMemberAsync(string group_id, string user_id, HttpContext context, IdentityAuthorizer authz,
        GroupManager groups, UserManager users)
    {
        authz.Enforce(context, IdentityPolicyNames.CheckUserInGroup, await MembershipTargetAsync(group_id, user_id, groups, users, context));
        await groups.CheckMemberAsync(group_id, user_id, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> AddMemberAsync(string group_id, string user_id, HttpContext context, IdentityAuthorizer authz,
        GroupManager groups, UserManager users)
    {
        authz.Enforce(context, IdentityPolicyNames.AddUserToGroup, await MembershipTargetAsync(group_id, user_id, groups, users, context));
        await groups.AddMemberAsync(group_id, user_id, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> RemoveMemberAsync(string group_id, string user_id, HttpContext context, IdentityAuthorizer authz,
        GroupManager groups, UserManager users)
    {
        authz.Enforce(context, IdentityPolicyNames.RemoveUserFromGroup, await MembershipTargetAsync(group_id, user_id, groups, users, context));
        await groups.RemoveMemberAsync(group_id, user_id, context.RequestAborted);
        return Results.NoContent();
    }

    private static PolicyTarget Target(string groupId) => UserPolicyTargets.Create().Set("group_id", groupId);

    /// <summary>target.group and target.user, each only when it exists (the 404 comes after the policy check).</summary>
    private static async Task<PolicyTarget> MembershipTargetAsync(string groupId, string userId, GroupManager groups, UserManager users, HttpContext context)
    {
        var group = await groups.FindAsync(groupId, context.RequestAborted);
        var user = await users.FindAsync(userId, context.RequestAborted) is { } row ? await users.ViewAsync(row, context.RequestAborted) : null;
        return Target(groupId).Set("user_id", userId).WithGroup(group).WithUser(user);
    }
}
