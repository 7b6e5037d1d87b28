using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Resources;

namespace SharpStack.Identity.Api;

/// <summary>/v3/projects/{id}/tags[/{tag}]: thin HTTP over <see cref="ProjectTagManager"/>.</summary>
public static class ProjectTagsApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/projects/{project_id}/tags", async (string project_id, HttpContext context, IdentityAuthorizer authz, ProjectManager projects, ProjectTagManager tags) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListProjectTags, await ProjectsApi.TargetAsync(projects, project_id, context));
            return Tags(context, await tags.ListAsync(project_id, context.RequestAborted));
        });
        v3.MapPut("/projects/{project_id}/tags", async (string project_id, HttpContext context, IdentityAuthorizer authz, ProjectManager projects, ProjectTagManager tags) =>
        {
            var body = await KeystoneBody.ReadMemberAsync(context, "tags");
            authz.Enforce(context, IdentityPolicyNames.UpdateProjectTags, await ProjectsApi.TargetAsync(projects, project_id, context));
            ResourceSchemas.TagsUpdate.Check(body);
            var list = body!.AsArray().Select(t => t!.GetValue<string>());
            return Tags(context, await tags.ReplaceAsync(project_id, list, context.RequestAborted));
        });
        v3.MapDelete("/projects/{project_id}/tags", async (string project_id, HttpContext context, IdentityAuthorizer authz, ProjectManager projects, ProjectTagManager tags) =>
        {
            authz.Enforce(context, IdentityPolicyNames.DeleteProjectTags, await ProjectsApi.TargetAsync(projects, project_id, context));
            await tags.ReplaceAsync(project_id, [], context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapGetHead("/projects/{project_id}/tags/{value}", async (string project_id, string value, HttpContext context, IdentityAuthorizer authz, ProjectManager projects, ProjectTagManager tags) =>
        {
            authz.Enforce(context, IdentityPolicyNames.GetProjectTag, await ProjectsApi.TargetAsync(projects, project_id, context));
            await tags.CheckAsync(project_id, value, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapPut("/projects/{project_id}/tags/{value}", async (string project_id, string value, HttpContext context, IdentityAuthorizer authz, ProjectManager projects, ProjectTagManager tags) =>
        {
            authz.Enforce(context, IdentityPolicyNames.CreateProjectTag, await ProjectsApi.TargetAsync(projects, project_id, context));
            await tags.AddAsync(project_id, value, context.RequestAborted);
            // Upstream's Location leaves out "projects/"; clients ignore it, and it is copied as it is.
            context.Response.Headers.Location = $"{KeystoneResponse.BaseUrl(context)}/v3/{project_id}/tags/{value}";
            return Results.StatusCode(201);
        });
        v3.MapDelete("/projects/{project_id}/tags/{value}", async (string project_id, string value, HttpContext context, IdentityAuthorizer authz, ProjectManager projects, ProjectTagManager tags) =>
        {
            authz.Enforce(context, IdentityPolicyNames.DeleteProjectTag, await ProjectsApi.TargetAsync(projects, project_id, context));
            await tags.RemoveAsync(project_id, value, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>Keystone's tag list body: the tags and a "self" link to the API root.</summary>
    private static IResult Tags(HttpContext context, IEnumerable<string> tags) => new SharpStack.Core.Http.JsonBodyResult(new JsonObject
    {
        ["links"] = new JsonObject { ["self"] = KeystoneResponse.BaseUrl(context) + "/v3" },
        ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)t).ToArray()),
    }, 200);
}
