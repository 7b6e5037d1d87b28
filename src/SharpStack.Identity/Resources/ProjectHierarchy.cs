using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Resources;

/// <summary>Walks the project tree as Keystone's SQL driver does: parents from the nearest up to the domain,
/// the subtree level by level, and the nested id maps of ?parents_as_ids and ?subtree_as_ids.</summary>
public sealed class ProjectHierarchy(IdentityDb db)
{
    /// <summary>The parents of <paramref name="project"/>, nearest first, ending with its domain (none for a domain).</summary>
    public async Task<List<ProjectRow>> ParentsAsync(ProjectRow project, CancellationToken ct)
    {
        var parents = new List<ProjectRow>();
        var seen = new HashSet<string> { project.Id };
        for (var parentId = project.ParentId; parentId is not null && parentId != ProjectRow.RootDomainId;)
        {
            var parent = await db.Projects.FirstOrDefaultAsync(p => p.Id == parentId, ct);
            // A missing parent or a cycle ends the walk (Keystone logs a cycle and stops).
            if (parent is null || !seen.Add(parent.Id)) break;
            parents.Add(parent);
            parentId = parent.ParentId;
        }
        return parents;
    }

    /// <summary>Every project below <paramref name="projectId"/>, level by level (children, then grandchildren, …).</summary>
    public async Task<List<ProjectRow>> SubtreeAsync(string projectId, CancellationToken ct)
    {
        var subtree = new List<ProjectRow>();
        var seen = new HashSet<string> { projectId };
        var level = new List<string> { projectId };
        while (level.Count > 0)
        {
            var current = level;
            var children = await db.Projects.Where(p => p.ParentId != null && current.Contains(p.ParentId))
                .OrderBy(p => p.Id).ToListAsync(ct);
            level = [];
            foreach (var child in children)
            {
                if (!seen.Add(child.Id)) continue;
                subtree.Add(child);
                level.Add(child.Id);
            }
        }
        return subtree;
    }

    public async Task<bool> IsLeafAsync(string projectId, CancellationToken ct) =>
        !await db.Projects.AnyAsync(p => p.ParentId == projectId, ct);

    /// <summary>{parent: {grandparent: {domain: null}}}; null for a project without parent (a domain).</summary>
    public static JsonNode? ParentsAsIds(ProjectRow project, IReadOnlyList<ProjectRow> parents)
    {
        JsonNode? result = null;
        // Build from the top down: the domain's entry is null, each child wraps its parent's map.
        for (var i = parents.Count - 1; i >= 0; i--)
            result = new JsonObject { [parents[i].Id] = result };
        return project.ParentId is null ? null : result ?? new JsonObject { [project.ParentId] = null };
    }

    /// <summary>{child: {grandchild: null}, …}; null for a leaf.</summary>
    public static JsonNode? SubtreeAsIds(string projectId, IReadOnlyList<ProjectRow> subtree)
    {
        var byParent = subtree.Where(p => p.ParentId is not null).ToLookup(p => p.ParentId!);
        return Build(projectId, new HashSet<string>());

        JsonObject? Build(string id, HashSet<string> seen)
        {
            if (!seen.Add(id) || !byParent[id].Any()) return null;
            var children = new JsonObject();
            foreach (var child in byParent[id]) children[child.Id] = Build(child.Id, seen);
            return children;
        }
    }
}
