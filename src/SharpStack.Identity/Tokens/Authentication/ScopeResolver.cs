using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Tokens.Authentication;

/// <summary>The scope a new token gets.</summary>
public sealed record ResolvedScope(string? ProjectId = null, string? DomainId = null, bool System = false, TrustRow? Trust = null);

/// <summary>Resolves the requested scope to ids: a missing or disabled project or domain is a 401, as Keystone
/// answers; with no scope requested, the user's default project is used when it is usable.</summary>
public sealed class ScopeResolver(IdentityDb db, AuthLookup lookup, EffectiveRoles roles, TimeProvider time, ILogger<ScopeResolver> log)
{
    public async Task<ResolvedScope> ResolveAsync(ScopeRequest scope, string userId, CancellationToken ct) => scope switch
    {
        ScopeRequest.Unscoped => new ResolvedScope(),
        ScopeRequest.Default => await DefaultProjectAsync(userId, ct),
        ScopeRequest.System => new ResolvedScope(System: true),
        ScopeRequest.Domain d => new ResolvedScope(DomainId: (await lookup.DomainAsync(new() { ["id"] = d.Id, ["name"] = d.Name }, ct)).Id),
        ScopeRequest.Project p => new ResolvedScope(ProjectId: await ProjectAsync(p, ct)),
        ScopeRequest.Trust t => await TrustAsync(t.Id, userId, ct),
        _ => throw new InvalidOperationException("unknown scope"),
    };

    public async Task<string> ProjectAsync(ScopeRequest.Project p, CancellationToken ct)
    {
        ProjectRow? project;
        if (p.Name is not null)
        {
            if (p.DomainSpec is null) throw KeystoneRequest.Expecting("domain", "project");
            var domain = await lookup.DomainAsync(p.DomainSpec, ct);
            project = await db.Projects.FirstOrDefaultAsync(x => x.DomainId == domain.Id && x.Name == p.Name, ct);
        }
        else
        {
            project = await db.Projects.FirstOrDefaultAsync(x => x.Id == p.Id, ct);
            if (project is not null && !project.IsDomain && !await lookup.DomainEnabledAsync(project.DomainId, ct))
                throw ApiException.Unauthorized();
        }
        if (project is null)
        {
            log.LogInformation("Authentication refused: project {Project} not found", p.Id ?? p.Name);
            throw ApiException.Unauthorized();
        }
        if (!project.Enabled)
            throw ApiException.Unauthorized($"Project is disabled: {project.Id}");
        return project.Id;
    }

    private async Task<ResolvedScope> DefaultProjectAsync(string userId, CancellationToken ct)
    {
        var defaultProject = await db.Users.Where(u => u.Id == userId).Select(u => u.DefaultProjectId).FirstOrDefaultAsync(ct);
        if (defaultProject is null) return new ResolvedScope();
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == defaultProject, ct);
        // An unusable default project quietly gives an unscoped token, as upstream does.
        if (project is null || !project.Enabled || (!project.IsDomain && !await lookup.DomainEnabledAsync(project.DomainId, ct)))
            return new ResolvedScope();
        return (await roles.OnProjectAsync(userId, project.Id, ct: ct)).Count > 0 ? new ResolvedScope(ProjectId: project.Id) : new ResolvedScope();
    }

    private async Task<ResolvedScope> TrustAsync(string trustId, string userId, CancellationToken ct)
    {
        // A missing, expired or used-up trust is Keystone's TrustNotFound, answered as a plain 401 when authenticating.
        var trust = await db.Trusts.FirstOrDefaultAsync(t => t.Id == trustId && t.DeletedAt == null, ct);
        if (trust is null || (trust.ExpiresAt is { } exp && exp <= time.GetUtcNow().UtcDateTime) || trust.RemainingUses is <= 0)
            throw ApiException.Unauthorized();
        // Keystone's "User is not a trustee." is a security error: its text is not shown.
        if (trust.TrusteeUserId != userId)
            throw ApiException.Forbidden();
        if (trust.ProjectId is not null)
            await ProjectAsync(new ScopeRequest.Project(trust.ProjectId, null, null), ct);
        return new ResolvedScope(ProjectId: trust.ProjectId, Trust: trust);
    }
}
