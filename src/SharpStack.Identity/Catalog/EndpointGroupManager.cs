using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Catalog;

/// <summary>OS-EP-FILTER endpoint groups: named filters over endpoints (service_id, region_id, interface) and the
/// projects whose catalogs they feed.</summary>
public sealed class EndpointGroupManager(IdentityDb db, IdentityRevision revision)
{
    private static readonly string[] FilterKeys = ["service_id", "region_id", "interface"];

    public async Task<EndpointGroupRow> GetAsync(string id, CancellationToken ct) =>
        await db.EndpointGroups.FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw NotFound(id);

    public Task<List<EndpointGroupRow>> ListAsync(CancellationToken ct) => db.EndpointGroups.OrderBy(g => g.Id).ToListAsync(ct);

    public async Task<EndpointGroupRow> CreateAsync(JsonObject group, CancellationToken ct)
    {
        if (group["filters"] is not JsonObject { Count: > 0 })
            throw ApiException.BadRequest("filters field is required and cannot be empty");
        RequireValidFilters(group);
        RequireKnownAttributes(group);
        var row = new EndpointGroupRow
        {
            Id = Ids.New(),
            Name = group["name"]!.GetValue<string>(),
            Description = group["description"]?.GetValue<string>(),
            Filters = group["filters"]!.ToJsonString(),
        };
        db.EndpointGroups.Add(row);
        await db.CommitAsync(revision, "endpoint_group", ct);
        return row;
    }

    /// <summary>Unlike create, an update may empty the filters (Keystone checks only their keys here).</summary>
    public async Task<EndpointGroupRow> UpdateAsync(string id, JsonObject changes, CancellationToken ct)
    {
        if (changes.ContainsKey("filters")) RequireValidFilters(changes);
        KeystoneBody.RequireMatchingId(changes, id);
        var row = await db.EndpointGroups.AsTracking().FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw NotFound(id);
        RequireKnownAttributes(changes);
        if (changes["name"] is { } name) row.Name = name.GetValue<string>();
        if (changes.ContainsKey("description")) row.Description = changes["description"]?.GetValue<string>();
        if (changes["filters"] is { } filters) row.Filters = filters.ToJsonString();
        await db.CommitAsync(revision, "endpoint_group", ct);
        return row;
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        if (!await db.EndpointGroups.AnyAsync(g => g.Id == id, ct)) throw NotFound(id);
        await Transactions.RunAsync(db, async c =>
        {
            await db.ProjectEndpointGroups.Where(p => p.EndpointGroupId == id).ExecuteDeleteAsync(c);
            await db.EndpointGroups.Where(g => g.Id == id).ExecuteDeleteAsync(c);
        }, ct);
        await revision.BumpAsync(db, ct);
    }

    /// <summary>Every endpoint (enabled or not) the group's filters select.</summary>
    public async Task<List<EndpointRow>> EndpointsAsync(string id, CancellationToken ct)
    {
        var group = await GetAsync(id, ct);
        var endpoints = await db.Endpoints.OrderBy(e => e.Id).ToListAsync(ct);
        return endpoints.Where(e => EndpointFilter.Matches(group, e)).ToList();
    }

    /// <summary>The projects the group is associated with. Keystone does not check that the group exists here.</summary>
    public async Task<List<ProjectRow>> ProjectsAsync(string id, CancellationToken ct)
    {
        var projectIds = await db.ProjectEndpointGroups.Where(p => p.EndpointGroupId == id).Select(p => p.ProjectId).ToListAsync(ct);
        return await db.Projects.Where(p => projectIds.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(ct);
    }

    public async Task<List<EndpointGroupRow>> ForProjectAsync(string projectId, CancellationToken ct)
    {
        await References.ProjectAsync(db, projectId, ct);
        var groupIds = await db.ProjectEndpointGroups.Where(p => p.ProjectId == projectId).Select(p => p.EndpointGroupId).ToListAsync(ct);
        return await db.EndpointGroups.Where(g => groupIds.Contains(g.Id)).OrderBy(g => g.Id).ToListAsync(ct);
    }

    public async Task<ProjectEndpointGroupRow> GetProjectAssociationAsync(string id, string projectId, CancellationToken ct)
    {
        await References.ProjectAsync(db, projectId, ct);
        await GetAsync(id, ct);
        return await db.ProjectEndpointGroups.FirstOrDefaultAsync(p => p.EndpointGroupId == id && p.ProjectId == projectId, ct)
            ?? throw ApiException.NotFound("Endpoint Group Project Association not found");
    }

    public async Task AddProjectAsync(string id, string projectId, CancellationToken ct)
    {
        await References.ProjectAsync(db, projectId, ct);
        await GetAsync(id, ct);
        db.ProjectEndpointGroups.Add(new ProjectEndpointGroupRow { EndpointGroupId = id, ProjectId = projectId });
        await db.CommitAsync(revision, "project_endpoint_group", ct);
    }

    public async Task RemoveProjectAsync(string id, string projectId, CancellationToken ct)
    {
        await GetProjectAssociationAsync(id, projectId, ct);
        await db.ProjectEndpointGroups.Where(p => p.EndpointGroupId == id && p.ProjectId == projectId).ExecuteDeleteAsync(ct);
        await revision.BumpAsync(db, ct);
    }

    private static void RequireValidFilters(JsonObject group)
    {
        if (group["filters"] is not JsonObject filters) return;
        foreach (var (key, _) in filters)
            if (!FilterKeys.Contains(key))
                throw KeystoneRequest.Expecting(string.Join(" or ", FilterKeys), "endpoint_group");
    }

    /// <summary>Endpoint groups have no extra column: Keystone's model constructor refuses any other attribute.</summary>
    private static void RequireKnownAttributes(JsonObject group)
    {
        foreach (var (key, _) in group)
            if (key is not ("id" or "name" or "description" or "filters"))
                throw ApiException.BadRequest($"'{key}' is an invalid keyword argument for EndpointGroup");
    }

    public static ApiException NotFound(string id) => ApiException.NotFound($"Could not find Endpoint Group: {id}.");
}
