using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Limits;

/// <summary>Keystone's _assert_resource_exist for unified limits: the service, region, project and domain a limit
/// names must exist (400 "Expecting to find service_id in limit"), and a project that is a domain makes it a domain limit.</summary>
public static class LimitReferences
{
    /// <param name="target">"registered_limit" or "limit", for the error text.</param>
    public static async Task AssertExistAsync(IdentityDb db, JsonObject limit, string target, CancellationToken ct)
    {
        if (limit["service_id"]?.GetValue<string>() is { } serviceId && !await db.Services.AnyAsync(s => s.Id == serviceId, ct))
            throw KeystoneRequest.Expecting("service_id", target);
        if (limit["region_id"]?.GetValue<string>() is { } regionId && !await db.Regions.AnyAsync(r => r.Id == regionId, ct))
            throw KeystoneRequest.Expecting("region_id", target);
        if (limit["project_id"]?.GetValue<string>() is { } projectId)
        {
            var project = projectId == ProjectRow.RootDomainId ? null : await db.Projects.FirstOrDefaultAsync(p => p.Id == projectId, ct);
            if (project is null) throw KeystoneRequest.Expecting("project_id", target);
            if (project.IsDomain)
            {
                limit.Remove("project_id");
                limit["domain_id"] = projectId;
            }
        }
        if (limit["domain_id"]?.GetValue<string>() is { } domainId && !await db.Projects.AnyAsync(p => p.Id == domainId && p.IsDomain, ct))
            throw KeystoneRequest.Expecting("domain_id", target);
    }
}
