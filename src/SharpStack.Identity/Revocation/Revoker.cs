using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Identity.Common;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Revocation;

/// <summary>Records revocation events (token delete, user disabled or password changed, project deleted, trust or
/// consumer deleted) and prunes the ones no token can still match.</summary>
public sealed class Revoker(IdentityDb db, IdentityRevision revision, SharpStackConfig config, TimeProvider time)
{
    public Task RevokeAuditIdAsync(string auditId, CancellationToken ct = default) => AddAsync(new() { AuditId = auditId }, ct);

    public Task RevokeAuditChainAsync(string auditChainId, string? projectId, string? domainId, CancellationToken ct = default) =>
        AddAsync(new() { AuditChainId = auditChainId, ProjectId = projectId, DomainId = domainId }, ct);

    /// <summary>Every token of the user issued until now (password change, disable, delete, role removed).</summary>
    public Task RevokeUserAsync(string userId, CancellationToken ct = default) => AddAsync(new() { UserId = userId }, ct);

    public Task RevokeProjectAsync(string projectId, CancellationToken ct = default) => AddAsync(new() { ProjectId = projectId }, ct);

    public Task RevokeDomainAsync(string domainId, CancellationToken ct = default) => AddAsync(new() { DomainId = domainId }, ct);

    public Task RevokeTrustAsync(string trustId, CancellationToken ct = default) => AddAsync(new() { TrustId = trustId }, ct);

    public Task RevokeConsumerAsync(string consumerId, CancellationToken ct = default) => AddAsync(new() { ConsumerId = consumerId }, ct);

    private async Task AddAsync(RevocationEventRow e, CancellationToken ct)
    {
        // Whole seconds, as Keystone: tokens carry issued_at in whole seconds, so one issued in the same second is revoked too.
        var exact = time.GetUtcNow().UtcDateTime;
        var now = new DateTime(exact.Ticks - exact.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        e.IssuedBefore = now;
        e.RevokedAt = now;
        db.RevocationEvents.Add(e);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var horizon = now - TimeSpan.FromSeconds(config.Get(IdentityOptions.Expiration) + config.Get(IdentityOptions.AllowExpiredWindow) + config.Get(IdentityOptions.RevokeExpirationBuffer));
        await db.RevocationEvents.Where(r => r.RevokedAt < horizon).ExecuteDeleteAsync(ct);
        await revision.BumpAsync(db, ct);
    }
}
