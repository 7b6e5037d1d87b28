using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Core.Policy;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Api;

/// <summary>The policy targets of the grant routes, built as Keystone's three builders do: the projects API (role,
/// actor, project; missing ones are 404s), the domains and system APIs (domain, role, actor; 404s) and the OS-INHERIT
/// API (missing entities leave an empty target and the grant call decides). Revocations tolerate a missing actor.</summary>
public sealed class GrantPolicyTargets(IdentityDb db)
{
    /// <summary>How missing entities are treated while building the target.</summary>
    public enum Style
    {
        /// <summary>keystone/api/projects.py: role, then actor, then project, each missing one a 404.</summary>
        Projects,

        /// <summary>keystone/api/domains.py and system.py: domain, then role, then actor, each missing one a 404.</summary>
        Domains,

        /// <summary>keystone/api/os_inherit.py: nothing is a 404; a missing entity is an empty target.</summary>
        Inherit,
    }

    /// <param name="targetId">The project or domain id; null for system grants.</param>
    public async Task<PolicyTarget> BuildAsync(Style style, string? roleId, string actorId, bool actorIsGroup,
        string? targetId, bool targetIsDomain, bool allowMissingActor, CancellationToken ct)
    {
        var target = new PolicyTarget();
        // The path's variables come first, as Keystone puts view args into the policy dict.
        if (targetId is not null) target.Set(targetIsDomain ? "domain_id" : "project_id", targetId);
        target.Set(actorIsGroup ? "group_id" : "user_id", actorId);
        if (roleId is not null) target.Set("role_id", roleId);

        var lenient = style == Style.Inherit;
        if (style == Style.Domains && targetId is not null) await AddTargetAsync(target, targetId, targetIsDomain, lenient, ct);
        if (roleId is not null) await AddRoleAsync(target, roleId, lenient, ct);
        await AddActorAsync(target, actorId, actorIsGroup, lenient, allowMissingActor, ct);
        if (style != Style.Domains && targetId is not null) await AddTargetAsync(target, targetId, targetIsDomain, lenient, ct);
        return target;
    }

    private async Task AddRoleAsync(PolicyTarget target, string roleId, bool lenient, CancellationToken ct)
    {
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Id == roleId, ct);
        if (role is null && !lenient) throw RoleManager.NotFound(roleId);
        target.Set("target.role", role is null ? Empty : RoleJson.Target(role));
    }

    private async Task AddActorAsync(PolicyTarget target, string actorId, bool isGroup, bool lenient, bool allowMissing, CancellationToken ct)
    {
        if (isGroup)
        {
            var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == actorId, ct);
            if (group is not null)
                target.Set("target.group", new Dictionary<string, object?>
                {
                    ["id"] = group.Id, ["name"] = group.Name, ["domain_id"] = group.DomainId, ["description"] = group.Description,
                });
            else if (allowMissing) return;
            else if (lenient) target.Set("target.group", Empty);
            else throw ApiException.NotFound($"Could not find group: {actorId}.");
            return;
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == actorId, ct);
        if (user is not null)
            target.Set("target.user", new Dictionary<string, object?>
            {
                ["id"] = user.Id, ["name"] = user.Name, ["domain_id"] = user.DomainId, ["enabled"] = user.Enabled,
            });
        else if (allowMissing) return;
        else if (lenient) target.Set("target.user", Empty);
        else throw ApiException.NotFound($"Could not find user: {actorId}.");
    }

    private async Task AddTargetAsync(PolicyTarget target, string id, bool isDomain, bool lenient, CancellationToken ct)
    {
        var row = await db.Projects.FirstOrDefaultAsync(p => p.Id == id && (!isDomain || p.IsDomain), ct);
        if (row is null)
        {
            if (!lenient)
                throw ApiException.NotFound(isDomain ? $"Could not find domain: {id}." : $"Could not find project: {id}.");
            target.Set(isDomain ? "target.domain" : "target.project", Empty);
            return;
        }
        if (isDomain)
        {
            target.Set("target.domain", new Dictionary<string, object?>
            {
                ["id"] = row.Id, ["name"] = row.Name, ["description"] = row.Description, ["enabled"] = row.Enabled,
            });
            return;
        }
        target.Set("target.project", new Dictionary<string, object?>
        {
            ["id"] = row.Id,
            ["name"] = row.Name,
            ["domain_id"] = row.IsDomain ? null : row.DomainId,
            ["description"] = row.Description,
            ["enabled"] = row.Enabled,
            ["parent_id"] = row.ParentId,
            ["is_domain"] = row.IsDomain,
        });
    }

    private static Dictionary<string, object?> Empty => [];
}
