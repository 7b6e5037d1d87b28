using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Assignments;

/// <summary>The project tree as role-assignment expansion walks it (Keystone's list_project_parents,
/// list_projects_in_subtree and list_projects_in_domain), with Keystone's 404s for missing roots.</summary>
public sealed class ProjectTreeWalker(IdentityDb db)
{
    /// <summary>Keystone's get_project: any row of the project table (domains included).</summary>
    public async Task<ProjectRow> ProjectAsync(string id, CancellationToken ct) =>
        await db.Projects.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw ProjectNotFound(id);

    /// <summary>Ancestors from the parent up to the domain the tree hangs from.</summary>
    public async Task<List<string>> ParentsAsync(string projectId, CancellationToken ct)
    {
        var project = await ProjectAsync(projectId, ct);
        var parents = new List<string>();
        var seen = new HashSet<string> { project.Id };
        for (var parent = project.ParentId; parent is not null && seen.Add(parent);)
        {
            parents.Add(parent);
            parent = await db.Projects.Where(p => p.Id == parent).Select(p => p.ParentId).FirstOrDefaultAsync(ct);
        }
        return parents;
    }

    /// <summary>Every project below <paramref name="projectId"/>, level by level (the project itself excluded).</summary>
    public async Task<List<string>> SubtreeAsync(string projectId, CancellationToken ct)
    {
        await ProjectAsync(projectId, ct);
        var subtree = new List<string>();
        var seen = new HashSet<string> { projectId };
        var level = new List<string> { projectId };
        while (level.Count > 0)
        {
            var parents = level;
            var children = await db.Projects.Where(p => p.ParentId != null && parents.Contains(p.ParentId))
                .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
            level = children.Where(seen.Add).ToList();
            subtree.AddRange(level);
        }
        return subtree;
    }

    /// <summary>The projects owned by a domain (not the domain itself).</summary>
    public async Task<List<string>> InDomainAsync(string domainId, CancellationToken ct)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == domainId, ct))
            throw ApiException.NotFound($"Could not find domain: {domainId}.");
        return await db.Projects.Where(p => p.DomainId == domainId).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
    }

    public static ApiException ProjectNotFound(string id) => ApiException.NotFound($"Could not find project: {id}.");
}
