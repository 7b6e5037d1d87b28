using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Assignments;

/// <summary>include_names: adds the names of each assignment's actor, target, role and their domains, as Keystone's
/// _get_names_from_role_assignments does (a vanished user or group gets empty names; a vanished project, domain or
/// role is a 404, as there).</summary>
public sealed class RoleAssignmentNamer(IdentityDb db)
{
    private readonly Dictionary<string, ProjectRow?> _projects = new();
    private readonly Dictionary<string, UserRow?> _users = new();
    private readonly Dictionary<string, GroupRow?> _groups = new();
    private readonly Dictionary<string, RoleRow?> _roles = new();

    public async Task<List<AssignmentRef>> NameAsync(List<AssignmentRef> refs, CancellationToken ct)
    {
        var result = new List<AssignmentRef>(refs.Count);
        foreach (var r in refs)
        {
            var role = await RoleAsync(r.RoleId, ct) ?? throw RoleManager.NotFound(r.RoleId);
            var names = new AssignmentNames { RoleName = role.Name };
            if (role.DomainId != RoleRow.GlobalDomain)
                names = names with { RoleDomainId = role.DomainId, RoleDomainName = (await DomainAsync(role.DomainId, ct)).Name };
            if (r.DomainId is not null)
                names = names with { DomainName = (await DomainAsync(r.DomainId, ct)).Name };
            if (r.ProjectId is not null)
            {
                var project = await ProjectAsync(r.ProjectId, ct) ?? throw ProjectTreeWalker.ProjectNotFound(r.ProjectId);
                var domain = await DomainAsync(project.IsDomain ? null : project.DomainId, ct);
                names = names with { ProjectName = project.Name, ProjectDomainId = project.DomainId, ProjectDomainName = domain.Name };
            }
            if (r.UserId is not null)
            {
                var user = await UserAsync(r.UserId, ct);
                names = user is null
                    ? names with { UserName = "", UserDomainId = "", UserDomainName = "" }
                    : names with { UserName = user.Name, UserDomainId = user.DomainId, UserDomainName = (await DomainAsync(user.DomainId, ct)).Name };
            }
            if (r.GroupId is not null)
            {
                var group = await GroupAsync(r.GroupId, ct);
                names = group is null
                    ? names with { GroupName = "", GroupDomainId = "", GroupDomainName = "" }
                    : names with { GroupName = group.Name, GroupDomainId = group.DomainId, GroupDomainName = (await DomainAsync(group.DomainId, ct)).Name };
            }
            result.Add(r with { Names = names });
        }
        return result;
    }

    /// <summary>Keystone's get_domain; a project acting as a domain has no domain (Keystone looks up "None").</summary>
    private async Task<ProjectRow> DomainAsync(string? id, CancellationToken ct)
    {
        var row = id is null ? null : await ProjectAsync(id, ct);
        return row is { IsDomain: true } ? row : throw ApiException.NotFound($"Could not find domain: {id ?? "None"}.");
    }

    private async Task<ProjectRow?> ProjectAsync(string id, CancellationToken ct)
    {
        if (!_projects.TryGetValue(id, out var row))
            _projects[id] = row = await db.Projects.FirstOrDefaultAsync(p => p.Id == id, ct);
        return row;
    }

    private async Task<UserRow?> UserAsync(string id, CancellationToken ct)
    {
        if (!_users.TryGetValue(id, out var row))
            _users[id] = row = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        return row;
    }

    private async Task<GroupRow?> GroupAsync(string id, CancellationToken ct)
    {
        if (!_groups.TryGetValue(id, out var row))
            _groups[id] = row = await db.Groups.FirstOrDefaultAsync(g => g.Id == id, ct);
        return row;
    }

    private async Task<RoleRow?> RoleAsync(string id, CancellationToken ct)
    {
        if (!_roles.TryGetValue(id, out var row))
            _roles[id] = row = await db.Roles.FirstOrDefaultAsync(r => r.Id == id, ct);
        return row;
    }
}
