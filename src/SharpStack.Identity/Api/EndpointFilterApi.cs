using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Catalog;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Resources;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Api;

/// <summary>/v3/OS-EP-FILTER: endpoint groups and project associations, thin HTTP over
/// <see cref="EndpointGroupManager"/> and <see cref="ProjectEndpointManager"/>.</summary>
public static class EndpointFilterApi
{
    private const string Groups = "/OS-EP-FILTER/endpoint_groups";

    public static void Map(RouteGroupBuilder v3)
    {
        MapGroups(v3);
        MapGroupProjects(v3);
        MapProjectEndpoints(v3);
    }

    private static void MapGroups(RouteGroupBuilder v3)
    {
        v3.MapGetHead(Groups, async (HttpContext context, IdentityAuthorizer authz, EndpointGroupManager groups) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListEndpointGroups, PolicyTargets.FromRoute(context));
            var filter = ListFilter.FromQuery(context, "name");
            var rows = await groups.ListAsync(context.RequestAborted);
            return KeystoneResponse.Collection(context, "endpoint_groups", rows.Select(g => Render(g, context)).Where(filter.Matches));
        });
        v3.MapGetHead(Groups + "/{endpoint_group_id}", async (string endpoint_group_id, HttpContext context, IdentityAuthorizer authz, EndpointGroupManager groups) =>
        {
            authz.Enforce(context, IdentityPolicyNames.GetEndpointGroup, PolicyTargets.FromRoute(context));
            return KeystoneResponse.Entity("endpoint_group", Render(await groups.GetAsync(endpoint_group_id, context.RequestAborted), context));
        });
        v3.MapPost(Groups, async (HttpContext context, IdentityAuthorizer authz, EndpointGroupManager groups) =>
        {
            authz.Enforce(context, IdentityPolicyNames.CreateEndpointGroup, PolicyTargets.FromRoute(context));
            var group = await KeystoneBody.ReadObjectAsync(context, "endpoint_group", CatalogSchemas.EndpointGroupCreate, emptyWhenMissing: true);
            return KeystoneResponse.Entity("endpoint_group", Render(await groups.CreateAsync(group, context.RequestAborted), context), 201);
        });
        v3.MapPatch(Groups + "/{endpoint_group_id}", async (string endpoint_group_id, HttpContext context, IdentityAuthorizer authz, EndpointGroupManager groups) =>
        {
            authz.Enforce(context, IdentityPolicyNames.UpdateEndpointGroup, PolicyTargets.FromRoute(context));
            var group = await KeystoneBody.ReadObjectAsync(context, "endpoint_group", CatalogSchemas.EndpointGroupUpdate, emptyWhenMissing: true);
            return KeystoneResponse.Entity("endpoint_group", Render(await groups.UpdateAsync(endpoint_group_id, group, context.RequestAborted), context));
        });
        v3.MapDelete(Groups + "/{endpoint_group_id}", async (string endpoint_group_id, HttpContext context, IdentityAuthorizer authz, EndpointGroupManager groups) =>
        {
            authz.Enforce(context, IdentityPolicyNames.DeleteEndpointGroup, PolicyTargets.FromRoute(context));
            await groups.DeleteAsync(endpoint_group_id, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapGetHead(Groups + "/{endpoint_group_id}/endpoints", async (string endpoint_group_id, HttpContext context, IdentityAuthorizer authz, EndpointGroupManager groups) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListEndpointsAssociatedWithEndpointGroup, PolicyTargets.FromRoute(context));
            var endpoints = await groups.EndpointsAsync(endpoint_group_id, context.RequestAborted);
            return KeystoneResponse.Collection(context, "endpoints", endpoints.Select(e => EndpointsApi.Render(e, context)));
        });
    }

    private static void MapGroupProjects(RouteGroupBuilder v3)
    {
        v3.MapGetHead(Groups + "/{endpoint_group_id}/projects",
            async (string endpoint_group_id, HttpContext context, IdentityAuthorizer authz, EndpointGroupManager groups, IdentityDb db) =>
            {
                authz.Enforce(context, IdentityPolicyNames.ListProjectsAssociatedWithEndpointGroup, PolicyTargets.FromRoute(context));
                var projects = await groups.ProjectsAsync(endpoint_group_id, context.RequestAborted);
                return KeystoneResponse.Collection(context, "projects", await ProjectJson.RenderManyAsync(db, projects, context));
            });
        v3.MapGetHead(Groups + "/{endpoint_group_id}/projects/{project_id}",
            async (string endpoint_group_id, string project_id, HttpContext context, IdentityAuthorizer authz, EndpointGroupManager groups) =>
            {
                authz.Enforce(context, IdentityPolicyNames.GetEndpointGroupInProject, PolicyTargets.FromRoute(context));
                var association = await groups.GetProjectAssociationAsync(endpoint_group_id, project_id, context.RequestAborted);
                return KeystoneResponse.Entity("project_endpoint_group", new JsonObject
                {
                    ["endpoint_group_id"] = association.EndpointGroupId,
                    ["project_id"] = association.ProjectId,
                    // Keystone's link here is a bare path, not a URL.
                    ["links"] = new JsonObject { ["self"] = $"{Groups}/{association.EndpointGroupId}/projects/{association.ProjectId}" },
                });
            });
        v3.MapPut(Groups + "/{endpoint_group_id}/projects/{project_id}",
            async (string endpoint_group_id, string project_id, HttpContext context, IdentityAuthorizer authz, EndpointGroupManager groups) =>
            {
                authz.Enforce(context, IdentityPolicyNames.AddEndpointGroupToProject, PolicyTargets.FromRoute(context));
                await groups.AddProjectAsync(endpoint_group_id, project_id, context.RequestAborted);
                return Results.NoContent();
            });
        v3.MapDelete(Groups + "/{endpoint_group_id}/projects/{project_id}",
            async (string endpoint_group_id, string project_id, HttpContext context, IdentityAuthorizer authz, EndpointGroupManager groups) =>
            {
                authz.Enforce(context, IdentityPolicyNames.RemoveEndpointGroupFromProject, PolicyTargets.FromRoute(context));
                await groups.RemoveProjectAsync(endpoint_group_id, project_id, context.RequestAborted);
                return Results.NoContent();
            });
        v3.MapGetHead("/OS-EP-FILTER/projects/{project_id}/endpoint_groups",
            async (string project_id, HttpContext context, IdentityAuthorizer authz, EndpointGroupManager groups) =>
            {
                authz.Enforce(context, IdentityPolicyNames.ListEndpointGroupsForProject, PolicyTargets.FromRoute(context));
                var rows = await groups.ForProjectAsync(project_id, context.RequestAborted);
                return KeystoneResponse.Collection(context, "endpoint_groups", rows.Select(g => Render(g, context)));
            });
    }

    private static void MapProjectEndpoints(RouteGroupBuilder v3)
    {
        const string Member = "/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}";
        v3.MapGetHead(Member, async (string project_id, string endpoint_id, HttpContext context, IdentityAuthorizer authz, ProjectEndpointManager associations) =>
        {
            authz.Enforce(context, IdentityPolicyNames.CheckEndpointInProject, PolicyTargets.FromRoute(context));
            await associations.CheckAsync(project_id, endpoint_id, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapPut(Member, async (string project_id, string endpoint_id, HttpContext context, IdentityAuthorizer authz, ProjectEndpointManager associations) =>
        {
            authz.Enforce(context, IdentityPolicyNames.AddEndpointToProject, PolicyTargets.FromRoute(context));
            await associations.AddAsync(project_id, endpoint_id, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapDelete(Member, async (string project_id, string endpoint_id, HttpContext context, IdentityAuthorizer authz, ProjectEndpointManager associations) =>
        {
            authz.Enforce(context, IdentityPolicyNames.RemoveEndpointFromProject, PolicyTargets.FromRoute(context));
            await associations.RemoveAsync(project_id, endpoint_id, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapGetHead("/OS-EP-FILTER/projects/{project_id}/endpoints",
            async (string project_id, HttpContext context, IdentityAuthorizer authz, ProjectEndpointManager associations) =>
            {
                authz.Enforce(context, IdentityPolicyNames.ListEndpointsForProject, PolicyTargets.FromRoute(context));
                var endpoints = await associations.EndpointsForProjectAsync(project_id, context.RequestAborted);
                return KeystoneResponse.Collection(context, "endpoints", endpoints.Select(e => EndpointsApi.Render(e, context)));
            });
        v3.MapGetHead("/OS-EP-FILTER/endpoints/{endpoint_id}/projects",
            async (string endpoint_id, HttpContext context, IdentityAuthorizer authz, ProjectEndpointManager associations, IdentityDb db) =>
            {
                authz.Enforce(context, IdentityPolicyNames.ListProjectsForEndpoint, PolicyTargets.FromRoute(context));
                var projects = await associations.ProjectsForEndpointAsync(endpoint_id, context.RequestAborted);
                return KeystoneResponse.Collection(context, "projects", await ProjectJson.RenderManyAsync(db, projects, context));
            });
    }

    public static JsonObject Render(EndpointGroupRow g, HttpContext context)
    {
        JsonNode? filters;
        try
        {
            filters = JsonNode.Parse(g.Filters);
        }
        catch (System.Text.Json.JsonException)
        {
            filters = new JsonObject();
        }
        var o = new JsonObject
        {
            ["id"] = g.Id,
            ["name"] = g.Name,
            ["description"] = g.Description,
            ["filters"] = filters,
        };
        return o.WithSelfLink(context, "OS-EP-FILTER/endpoint_groups/" + g.Id);
    }
}
