using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Auth;
using SharpStack.Core.Errors;
using SharpStack.Core.Policy;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Policies;

namespace SharpStack.Identity.Api;

/// <summary>GET /v3/role_assignments: query parsing, Keystone's checks on contradictory filters, policy (with the
/// caller's domain as target for domain-scoped tokens, whose answer is then narrowed to that domain), and
/// rendering; the listing itself is <see cref="RoleAssignmentLister"/>.</summary>
public static class RoleAssignmentsApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/role_assignments", async (HttpContext context, IdentityAuthorizer authz, RoleAssignmentLister lister, ProjectTreeWalker projects) =>
            IsTrue(context, "include_subtree")
                ? await ForTreeAsync(context, authz, lister, projects)
                : await ListAsync(context, authz, lister, projects));
    }

    private static async Task<IResult> ListAsync(HttpContext context, IdentityAuthorizer authz, RoleAssignmentLister lister, ProjectTreeWalker projects)
    {
        var caller = context.RequireAuth();
        var target = caller.DomainId is null ? null : new PolicyTarget().Set("target.domain_id", caller.DomainId);
        authz.Enforce(context, IdentityPolicyNames.ListRoleAssignments, target);
        var rendered = await RenderAsync(context, lister, includeSubtree: false);
        if (caller.DomainId is { } domainId)
        {
            // A domain-scoped caller sees only assignments on its domain and on the domain's projects.
            var kept = new List<JsonObject>();
            foreach (var a in rendered)
            {
                if (a["scope"]?["domain"]?["id"]?.GetValue<string>() == domainId)
                    kept.Add(a);
                else if (a["scope"]?["project"]?["id"]?.GetValue<string>() is { } projectId
                    && (await projects.ProjectAsync(projectId, context.RequestAborted)).DomainId == domainId)
                    kept.Add(a);
            }
            rendered = kept;
        }
        return KeystoneResponse.Collection(context, "role_assignments", rendered);
    }

    private static async Task<IResult> ForTreeAsync(HttpContext context, IdentityAuthorizer authz, RoleAssignmentLister lister, ProjectTreeWalker projects)
    {
        var projectId = First(context, "scope.project.id");
        PolicyTarget? target = null;
        if (!string.IsNullOrEmpty(projectId))
        {
            var project = await projects.ProjectAsync(projectId, context.RequestAborted);
            target = new PolicyTarget().Set("target.project", new Dictionary<string, object?>
            {
                ["id"] = project.Id,
                ["name"] = project.Name,
                ["domain_id"] = project.IsDomain ? null : project.DomainId,
                ["parent_id"] = project.ParentId,
                ["is_domain"] = project.IsDomain,
                ["enabled"] = project.Enabled,
            });
        }
        authz.Enforce(context, IdentityPolicyNames.ListRoleAssignmentsForTree, target);
        if (string.IsNullOrEmpty(projectId))
            throw ApiException.BadRequest("scope.project.id must be specified if include_subtree is also specified");
        return KeystoneResponse.Collection(context, "role_assignments", await RenderAsync(context, lister, includeSubtree: true));
    }

    private static async Task<List<JsonObject>> RenderAsync(HttpContext context, RoleAssignmentLister lister, bool includeSubtree)
    {
        var query = ParseQuery(context, includeSubtree);
        var refs = await lister.ListAsync(query, context.RequestAborted);
        return refs.Select(r => RoleAssignmentJson.Render(r, context)).ToList();
    }

    /// <summary>Reads the filters and refuses the combinations Keystone refuses (in Keystone's order).</summary>
    private static RoleAssignmentQuery ParseQuery(HttpContext context, bool includeSubtree)
    {
        string? Value(string name) => First(context, name) is { Length: > 0 } v ? v : null;
        var domainId = Value("scope.domain.id");
        var projectId = Value("scope.project.id");
        var system = Value("scope.system");
        var userId = Value("user.id");
        var groupId = Value("group.id");
        var effective = IsTrue(context, "effective");
        bool? inherited = context.Request.Query.ContainsKey("scope.OS-INHERIT:inherited_to")
            ? First(context, "scope.OS-INHERIT:inherited_to") == "projects"
            : null;

        if (domainId is not null && projectId is not null) throw ApiException.BadRequest("Specify a domain or project, not both");
        if (domainId is not null && system is not null) throw ApiException.BadRequest("Specify system or domain, not both");
        if (projectId is not null && system is not null) throw ApiException.BadRequest("Specify system or project, not both");
        if (userId is not null && groupId is not null) throw ApiException.BadRequest("Specify a user or group, not both");
        if (effective && groupId is not null)
            throw ApiException.BadRequest("Combining effective and group filter will always result in an empty list.");
        if (effective && inherited == true && domainId is not null)
            throw ApiException.BadRequest("Combining effective, domain and inherited filters will always result in an empty list.");

        return new RoleAssignmentQuery
        {
            RoleId = Value("role.id"),
            UserId = userId,
            GroupId = groupId,
            ProjectId = projectId,
            DomainId = domainId,
            // Only "all" selects the system; any other value is no filter at all.
            System = system == "all",
            Inherited = inherited,
            Effective = effective,
            IncludeSubtree = includeSubtree,
            IncludeNames = IsTrue(context, "include_names"),
        };
    }

    private static string? First(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var values) ? values.FirstOrDefault() ?? "" : null;

    /// <summary>Keystone's query_filter_is_true: present and not "0".</summary>
    private static bool IsTrue(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var values) && values.FirstOrDefault() != "0";
}
