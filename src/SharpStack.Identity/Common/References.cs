using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Common;

/// <summary>Existence checks of other areas' entities with Keystone's 404 texts, for APIs that only refer to them
/// (endpoint filters, EC2 credentials, limits). Reads the tables directly: same service, same database.</summary>
public static class References
{
    /// <summary>Keystone's resource_api.get_project: any project or domain row except the hidden root.</summary>
    public static async Task<ProjectRow> ProjectAsync(IdentityDb db, string? id, CancellationToken ct) =>
        id is null || id == ProjectRow.RootDomainId
            ? throw ProjectNotFound(id)
            : await db.Projects.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw ProjectNotFound(id);

    public static async Task<ProjectRow> DomainAsync(IdentityDb db, string id, CancellationToken ct) =>
        await db.Projects.FirstOrDefaultAsync(p => p.Id == id && p.IsDomain, ct)
        ?? throw ApiException.NotFound($"Could not find domain: {id}.");

    public static async Task<UserRow> UserAsync(IdentityDb db, string id, CancellationToken ct) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct)
        ?? throw ApiException.NotFound($"Could not find user: {id}.");

    /// <summary>Python prints a missing id as None.</summary>
    private static ApiException ProjectNotFound(string? id) => ApiException.NotFound($"Could not find project: {id ?? "None"}.");
}
