using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Catalog;

/// <summary>OS-EP-FILTER project-endpoint associations: endpoints made visible to one project's catalog, directly or
/// through its endpoint groups.</summary>
public sealed class ProjectEndpointManager(IdentityDb db, IdentityRevision revision)
{
    public async Task CheckAsync(string projectId, string endpointId, CancellationToken ct)
    {
        await RequireEndpointAsync(endpointId, ct);
        await References.ProjectAsync(db, projectId, ct);
        if (!await db.ProjectEndpoints.AnyAsync(p => p.ProjectId == projectId && p.EndpointId == endpointId, ct))
            throw NotInProject(endpointId, projectId);
    }

    public async Task AddAsync(string projectId, string endpointId, CancellationToken ct)
    {
        await RequireEndpointAsync(endpointId, ct);
        await References.ProjectAsync(db, projectId, ct);
        db.ProjectEndpoints.Add(new ProjectEndpointRow { ProjectId = projectId, EndpointId = endpointId });
        await db.CommitAsync(revision, "project_endpoint", ct);
    }

    /// <summary>Keystone checks neither the project nor the endpoint here, only the association.</summary>
    public async Task RemoveAsync(string projectId, string endpointId, CancellationToken ct)
    {
        var deleted = await db.ProjectEndpoints.Where(p => p.ProjectId == projectId && p.EndpointId == endpointId).ExecuteDeleteAsync(ct);
        if (deleted == 0) throw NotInProject(endpointId, projectId);
        await revision.BumpAsync(db, ct);
    }

    /// <summary>The endpoints a project's catalog is narrowed to (enabled or not), direct associations first.</summary>
    public async Task<List<EndpointRow>> EndpointsForProjectAsync(string projectId, CancellationToken ct)
    {
        await References.ProjectAsync(db, projectId, ct);
        var ids = await EndpointFilter.EndpointIdsForProjectAsync(db, projectId, ct);
        return await db.Endpoints.Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(ct);
    }

    public async Task<List<ProjectRow>> ProjectsForEndpointAsync(string endpointId, CancellationToken ct)
    {
        await RequireEndpointAsync(endpointId, ct);
        var projectIds = await db.ProjectEndpoints.Where(p => p.EndpointId == endpointId).Select(p => p.ProjectId).ToListAsync(ct);
        return await db.Projects.Where(p => projectIds.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(ct);
    }

    /// <summary>What Keystone's project-deleted callback does for the catalog: the project's endpoint and endpoint-group
    /// associations go. For the resource manager to call when it deletes a project.</summary>
    public static async Task ForgetProjectAsync(IdentityDb db, string projectId, CancellationToken ct)
    {
        await db.ProjectEndpoints.Where(p => p.ProjectId == projectId).ExecuteDeleteAsync(ct);
        await db.ProjectEndpointGroups.Where(p => p.ProjectId == projectId).ExecuteDeleteAsync(ct);
    }

    private async Task RequireEndpointAsync(string endpointId, CancellationToken ct)
    {
        if (!await db.Endpoints.AnyAsync(e => e.Id == endpointId, ct)) throw EndpointManager.NotFound(endpointId);
    }

    private static ApiException NotInProject(string endpointId, string projectId) =>
        ApiException.NotFound($"Endpoint {endpointId} not found in project {projectId}");
}
