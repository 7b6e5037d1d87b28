using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Identity.Common;
using SharpStack.Identity.Revocation;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Resources;

/// <summary>Deletes projects and domains as Keystone does: a project only when it is a leaf and not immutable; a
/// domain only when disabled and not immutable, with everything in it (its projects, groups, users, identity
/// providers, configuration and role assignments). Tokens scoped to deleted projects are revoked afterwards.</summary>
public sealed class ProjectDeleter(
    IdentityDb db, IdentityRevision revision, ProjectHierarchy hierarchy, ProjectCleanup cleanup, DomainContents contents, Revoker revoker)
{
    /// <summary>DELETE /v3/projects/{id}: a project acting as a domain is deleted as a domain.</summary>
    public async Task DeleteProjectAsync(ProjectRow project, CancellationToken ct)
    {
        if (project.IsDomain)
        {
            await DeleteDomainAsync(project, ct);
            return;
        }
        ResourceOptions.CheckDelete(project, "project");
        if (!await hierarchy.IsLeafAsync(project.Id, ct))
            throw ApiException.Forbidden($"Cannot delete the project {project.Id} since it is not a leaf in the hierarchy. Use the cascade option if you want to delete a whole subtree.");
        await Transactions.RunAsync(db, async c =>
        {
            await db.Projects.Where(p => p.Id == project.Id).ExecuteDeleteAsync(c);
            await cleanup.RunAsync([project.Id], c);
        }, ct);
        await revision.BumpAsync(db, ct);
        await revoker.RevokeProjectAsync(project.Id, ct);
    }

    public async Task DeleteDomainAsync(ProjectRow domain, CancellationToken ct)
    {
        ResourceOptions.CheckDelete(domain, "domain");
        // Deleting only disabled domains avoids accidents, and means no token of the domain's users still works.
        if (domain.Enabled)
            throw ApiException.Forbidden("Cannot delete a domain that is enabled, please disable it first.");

        var projects = await db.Projects.Where(p => p.DomainId == domain.Id && !p.IsDomain).OrderBy(p => p.Id).ToListAsync(ct);
        var order = LeavesFirst(domain.Id, projects);
        // Upstream finds an immutable project while deleting, after removing the ones before it; checking first
        // refuses with the same error and leaves the domain whole.
        foreach (var project in order) ResourceOptions.CheckDelete(project, "project");

        // Keystone's order: the domain's projects, then (on "domain deleted") its groups and users, then the domain.
        var projectIds = projects.Select(p => p.Id).ToList();
        await Transactions.RunAsync(db, async c =>
        {
            await db.Projects.Where(p => p.DomainId == domain.Id && !p.IsDomain).ExecuteDeleteAsync(c);
            await cleanup.RunAsync(projectIds, c);
        }, ct);
        await revision.BumpAsync(db, ct);
        foreach (var id in order.Select(p => p.Id)) await revoker.RevokeProjectAsync(id, ct);

        await contents.DeleteAsync(domain.Id, ct);

        await Transactions.RunAsync(db, async c =>
        {
            await db.Projects.Where(p => p.Id == domain.Id).ExecuteDeleteAsync(c);
            await cleanup.RunAsync([domain.Id], c);
            await db.DomainConfigs.Where(x => x.DomainId == domain.Id).ExecuteDeleteAsync(c);
            await db.Assignments.Where(a => a.TargetId == domain.Id
                    && (a.Type == AssignmentType.UserDomain || a.Type == AssignmentType.GroupDomain))
                .ExecuteDeleteAsync(c);
        }, ct);
        await revision.BumpAsync(db, ct);
        await revoker.RevokeProjectAsync(domain.Id, ct);
    }

    /// <summary>Keystone's traversal of a domain's projects: from each top-level project, children before parents.</summary>
    private static List<ProjectRow> LeavesFirst(string domainId, List<ProjectRow> projects)
    {
        var children = projects.Where(p => p.ParentId is not null).ToLookup(p => p.ParentId!);
        var order = new List<ProjectRow>();
        var seen = new HashSet<string>();
        foreach (var root in children[domainId]) Visit(root);
        return order;

        void Visit(ProjectRow project)
        {
            if (!seen.Add(project.Id)) return;
            foreach (var child in children[project.Id]) Visit(child);
            order.Add(project);
        }
    }
}
