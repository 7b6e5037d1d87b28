using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Auth;
using SharpStack.Core.Errors;
using SharpStack.Core.Policy;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Common;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Resources;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Api;

/// <summary>/v3/projects: thin HTTP over <see cref="ProjectManager"/> and <see cref="ProjectDeleter"/>.</summary>
public static class ProjectsApi
{
    private static readonly string[] Filters = ["domain_id", "enabled", "name", "parent_id", "is_domain"];

    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/projects", ListAsync);
        v3.MapGetHead("/projects/{project_id}", GetAsync);
        v3.MapPost("/projects", async (HttpContext context, IdentityAuthorizer authz, ProjectManager projects) =>
        {
            var body = await KeystoneBody.ReadMemberAsync(context, "project");
            var caller = authz.Enforce(context, IdentityPolicyNames.CreateProject, ResourceTargets.Requested(context, body));
            ResourceSchemas.ProjectCreate.Check(body);
            var view = await projects.CreateAsync(body!.AsObject(), caller.DomainId, context.RequestAborted);
            return KeystoneResponse.Entity("project", ProjectJson.Render(view.Row, context, view.Tags), 201);
        });
        v3.MapPatch("/projects/{project_id}", async (string project_id, HttpContext context, IdentityAuthorizer authz, ProjectManager projects) =>
        {
            var body = await KeystoneBody.ReadMemberAsync(context, "project");
            authz.Enforce(context, IdentityPolicyNames.UpdateProject, await TargetAsync(projects, project_id, context));
            ResourceSchemas.ProjectUpdate.Check(body);
            var changes = body!.AsObject();
            KeystoneBody.RequireMatchingId(changes, project_id);
            var view = await projects.UpdateAsync(project_id, changes, context.RequestAborted);
            var rendered = ProjectJson.Render(view.Row, context, view.Tags);
            // Keystone's update answers with the extra attributes a second time, under "extra".
            rendered["extra"] = ExtraAttributes.Parse(view.Row.Extra);
            return KeystoneResponse.Entity("project", rendered);
        });
        v3.MapDelete("/projects/{project_id}", async (string project_id, HttpContext context, IdentityAuthorizer authz, ProjectManager projects, ProjectDeleter deleter) =>
        {
            authz.Enforce(context, IdentityPolicyNames.DeleteProject, await TargetAsync(projects, project_id, context));
            await deleter.DeleteProjectAsync(await projects.GetAsync(project_id, context.RequestAborted), context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>The policy target of a project URL; a missing project is reported after enforcement, as upstream.</summary>
    internal static async Task<PolicyTarget> TargetAsync(ProjectManager projects, string projectId, HttpContext context)
    {
        var row = await projects.FindAsync(projectId, context.RequestAborted);
        var view = row is null ? null : new ProjectView(row, await projects.TagsAsync(projectId, context.RequestAborted));
        return ResourceTargets.Project(context, view);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IdentityAuthorizer authz, ProjectManager projects, ProjectTagFilter tagFilter, IdentityDb db)
    {
        var caller = context.RequireAuth();
        // A domain-scoped caller is authorized against, and sees only, its own domain.
        var target = caller.DomainId is { } scoped ? new PolicyTarget().Set("target.domain_id", scoped) : null;
        authz.Enforce(context, IdentityPolicyNames.ListProjects, target);
        var query = context.Request.Query;
        var filter = ListFilter.FromQuery(context, Filters);
        var tagFilters = ProjectTagFilter.Names.Where(n => query.ContainsKey(n)).ToDictionary(n => n, n => query[n][0] ?? "");
        var tagged = await tagFilter.MatchingIdsAsync(tagFilters, context.RequestAborted);
        var rows = (await projects.ListAllAsync(context.RequestAborted))
            .Where(p => query.ContainsKey("is_domain") || !p.IsDomain)
            .Where(p => tagged is null || tagged.Contains(p.Id))
            .ToList();
        var rendered = (await ProjectJson.RenderManyAsync(db, rows, context))
            .Where(filter.Matches)
            .Where(p => caller.DomainId is null || ProjectManager.Text(p["domain_id"]) == caller.DomainId);
        return KeystoneResponse.Collection(context, "projects", rendered);
    }

    private static async Task<IResult> GetAsync(string project_id, HttpContext context, IdentityAuthorizer authz, ProjectManager projects,
        ProjectHierarchy hierarchy, AccessibleTargets targets, ProjectLimits limits, IdentityDb db)
    {
        var caller = authz.Enforce(context, IdentityPolicyNames.GetProject, await TargetAsync(projects, project_id, context));
        var ct = context.RequestAborted;
        var row = await projects.GetAsync(project_id, ct);
        var rendered = ProjectJson.Render(row, context, await projects.TagsAsync(project_id, ct));
        var parentsAsList = IsTrue(context, "parents_as_list");
        var parentsAsIds = IsTrue(context, "parents_as_ids");
        var subtreeAsList = IsTrue(context, "subtree_as_list");
        var subtreeAsIds = IsTrue(context, "subtree_as_ids");
        var includeLimits = IsTrue(context, "include_limits");
        if (parentsAsList && parentsAsIds)
            throw ApiException.BadRequest("Cannot use parents_as_list and parents_as_ids query params at the same time.");
        if (subtreeAsList && subtreeAsIds)
            throw ApiException.BadRequest("Cannot use subtree_as_list and subtree_as_ids query params at the same time.");

        var links = rendered["links"]!;
        rendered.Remove("links");
        if (parentsAsList || parentsAsIds)
        {
            var parents = await hierarchy.ParentsAsync(row, ct);
            rendered["parents"] = parentsAsIds
                ? ProjectHierarchy.ParentsAsIds(row, parents)
                : await ListedAsync(parents, caller, context, db, targets, limits, includeLimits);
        }
        if (subtreeAsList || subtreeAsIds)
        {
            var subtree = await hierarchy.SubtreeAsync(row.Id, ct);
            rendered["subtree"] = subtreeAsIds
                ? ProjectHierarchy.SubtreeAsIds(row.Id, subtree)
                : await ListedAsync(subtree, caller, context, db, targets, limits, includeLimits);
        }
        rendered["links"] = links;
        return KeystoneResponse.Entity("project", rendered);
    }

    /// <summary>?parents_as_list / ?subtree_as_list: only projects the caller has a role on, each as {"project": …}.</summary>
    private static async Task<JsonArray> ListedAsync(List<ProjectRow> rows, AuthContext caller, HttpContext context,
        IdentityDb db, AccessibleTargets targets, ProjectLimits limits, bool includeLimits)
    {
        var ct = context.RequestAborted;
        // Keystone's list_projects_for_user: every project with an effective assignment, disabled ones included.
        var visible = (await targets.AssignedProjectsAsync(caller.UserId, ct)).Select(p => p.Id).ToHashSet();
        var shown = rows.Where(r => visible.Contains(r.Id)).ToList();
        var byProject = includeLimits ? await limits.ByProjectAsync(shown.Select(r => r.Id).ToList(), ct) : null;
        var result = new JsonArray();
        foreach (var project in await ProjectJson.RenderManyAsync(db, shown, context))
        {
            if (byProject is not null)
            {
                var link = project["links"]!;
                project.Remove("links");
                project["limits"] = new JsonArray(byProject[project["id"]!.GetValue<string>()].Select(l => (JsonNode?)l).ToArray());
                project["links"] = link;
            }
            result.Add(new JsonObject { ["project"] = project });
        }
        return result;
    }

    /// <summary>Keystone's query_filter_is_true: present and not "0".</summary>
    private static bool IsTrue(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var value) && value[0] != "0";
}
