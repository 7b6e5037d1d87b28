using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Errors;
using SharpStack.Core.Policy;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Api;

/// <summary>/v3/roles: thin HTTP over <see cref="RoleManager"/>. Domain-specific roles are checked against the
/// *_domain_role rules with the role as target; a missing role is only reported after the global rule passed, so
/// role existence does not leak.</summary>
public static class RolesApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/roles", async (HttpContext context, IdentityAuthorizer authz, RoleManager roles) =>
        {
            var domainFilter = context.Request.Query["domain_id"].FirstOrDefault();
            authz.Enforce(context, string.IsNullOrEmpty(domainFilter) ? IdentityPolicyNames.ListRoles : IdentityPolicyNames.ListDomainRoles);
            var filter = ListFilter.FromQuery(context, "name", "domain_id");
            // Without a domain_id filter Keystone lists global roles only.
            var rows = await roles.ListAsync(globalOnly: string.IsNullOrEmpty(domainFilter), context.RequestAborted);
            return KeystoneResponse.Collection(context, "roles", rows.Select(r => RoleJson.Render(r, context)).Where(filter.Matches));
        });
        v3.MapGetHead("/roles/{role_id}", async (string role_id, HttpContext context, IdentityAuthorizer authz, RoleManager roles) =>
        {
            var role = await FindEnforcedAsync(context, authz, roles, role_id, IdentityPolicyNames.GetRole, IdentityPolicyNames.GetDomainRole);
            return KeystoneResponse.Entity("role", RoleJson.Render(role, context));
        });
        v3.MapPost("/roles", async (HttpContext context, IdentityAuthorizer authz, RoleManager roles) =>
        {
            var role = await ReadRoleAsync(context);
            authz.Enforce(context, IsTruthy(role["domain_id"]) ? IdentityPolicyNames.CreateDomainRole : IdentityPolicyNames.CreateRole);
            AssignmentSchemas.RoleCreate.Check(role);
            var row = await roles.CreateAsync(role, context.RequestAborted);
            return KeystoneResponse.Entity("role", RoleJson.Render(row, context), 201);
        });
        v3.MapPatch("/roles/{role_id}", async (string role_id, HttpContext context, IdentityAuthorizer authz, RoleManager roles) =>
        {
            await FindEnforcedAsync(context, authz, roles, role_id, IdentityPolicyNames.UpdateRole, IdentityPolicyNames.UpdateDomainRole);
            var changes = await ReadRoleAsync(context);
            AssignmentSchemas.RoleUpdate.Check(changes);
            if (changes["id"] is { } given && given.ToJsonString() != JsonValue.Create(role_id).ToJsonString())
                throw ApiException.BadRequest("Cannot change ID");
            var row = await roles.UpdateAsync(role_id, changes, context.RequestAborted);
            return KeystoneResponse.Entity("role", RoleJson.Render(row, context));
        });
        v3.MapDelete("/roles/{role_id}", async (string role_id, HttpContext context, IdentityAuthorizer authz, RoleManager roles) =>
        {
            await FindEnforcedAsync(context, authz, roles, role_id, IdentityPolicyNames.DeleteRole, IdentityPolicyNames.DeleteDomainRole);
            await roles.DeleteAsync(role_id, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>Keystone's pattern for role reads and writes: the global rule for global (or missing) roles, raising
    /// the 404 only after it passed; the domain rule, with the role as target, for domain-specific roles.</summary>
    private static async Task<RoleRow> FindEnforcedAsync(HttpContext context, IdentityAuthorizer authz, RoleManager roles,
        string roleId, string globalRule, string domainRule)
    {
        var role = await roles.FindAsync(roleId, context.RequestAborted);
        if (role is null || role.DomainId == RoleRow.GlobalDomain)
        {
            authz.Enforce(context, globalRule);
            return role ?? throw RoleManager.NotFound(roleId);
        }
        authz.Enforce(context, domainRule, new PolicyTarget().Set("role_id", roleId).Set("target.role", RoleJson.Target(role)));
        return role;
    }

    /// <summary>{"role": {…}}; Keystone reads a missing wrapper as {} (the schema then answers).</summary>
    private static async Task<JsonObject> ReadRoleAsync(HttpContext context)
    {
        var body = await KeystoneRequest.ReadObjectAsync(context);
        return body["role"] switch
        {
            null => [],
            JsonObject o => o,
            _ => throw ApiException.BadRequest("Invalid input for field 'role': the value must be an object."),
        };
    }

    /// <summary>Python truthiness of a JSON value (role.get('domain_id') decides which rule applies).</summary>
    private static bool IsTruthy(JsonNode? node) => node switch
    {
        null => false,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<double>(out var d) => d != 0,
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        _ => true,
    };
}
