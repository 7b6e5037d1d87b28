using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Configuration;
using SharpStack.Identity.Common;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;
using SharpStack.Identity.Tokens;

namespace SharpStack.Identity.Revocation;

/// <summary>The revocation events, held in memory and indexed by audit id, audit chain, user and project, so that
/// checking a token costs a few dictionary lookups however many events exist. New events are read incrementally
/// when the identity revision changes; events past every token's lifetime are dropped.</summary>
public sealed class RevocationList(IServiceScopeFactory scopes, IdentityRevision revision, SharpStackConfig config, TimeProvider time)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot _snapshot = Snapshot.Empty;

    /// <summary>True when an event revokes the token.</summary>
    public async ValueTask<bool> IsRevokedAsync(TokenData token, CancellationToken ct)
    {
        var snapshot = await CurrentAsync(ct);
        return snapshot.Matches(token);
    }

    private async ValueTask<Snapshot> CurrentAsync(CancellationToken ct)
    {
        var current = revision.Current;
        var snapshot = _snapshot;
        if (snapshot.Revision == current) return snapshot;
        await _refresh.WaitAsync(ct);
        try
        {
            snapshot = _snapshot;
            if (snapshot.Revision == current) return snapshot;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            var fresh = await db.RevocationEvents.Where(e => e.Id > snapshot.LastId).OrderBy(e => e.Id).ToListAsync(ct);
            var horizon = time.GetUtcNow().UtcDateTime
                - TimeSpan.FromSeconds(config.Get(IdentityOptions.Expiration) + config.Get(IdentityOptions.AllowExpiredWindow) + config.Get(IdentityOptions.RevokeExpirationBuffer));
            _snapshot = snapshot.With(fresh, current, horizon);
            return _snapshot;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>An immutable index of events; replaced whole on refresh so readers never lock.</summary>
    private sealed class Snapshot
    {
        public static readonly Snapshot Empty = new([], long.MinValue, 0);

        private readonly Dictionary<string, List<RevocationEventRow>> _byAudit = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<RevocationEventRow>> _byChain = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<RevocationEventRow>> _byUser = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<RevocationEventRow>> _byProject = new(StringComparer.Ordinal);
        private readonly List<RevocationEventRow> _other = [];
        private readonly List<RevocationEventRow> _all;

        private Snapshot(List<RevocationEventRow> all, long revision, long lastId)
        {
            _all = all;
            Revision = revision;
            LastId = lastId;
            foreach (var e in all) Index(e);
        }

        public long Revision { get; }
        public long LastId { get; }

        public Snapshot With(List<RevocationEventRow> fresh, long revision, DateTime horizon)
        {
            var kept = _all.Where(e => e.RevokedAt >= horizon).Concat(fresh.Where(e => e.RevokedAt >= horizon)).ToList();
            var lastId = fresh.Count > 0 ? fresh[^1].Id : LastId;
            return new Snapshot(kept, revision, lastId);
        }

        private void Index(RevocationEventRow e)
        {
            if (e.AuditId is { } a) Add(_byAudit, a, e);
            else if (e.AuditChainId is { } c) Add(_byChain, c, e);
            else if (e.UserId is { } u) Add(_byUser, u, e);
            else if (e.ProjectId is { } p) Add(_byProject, p, e);
            else _other.Add(e);
        }

        private static void Add(Dictionary<string, List<RevocationEventRow>> index, string key, RevocationEventRow e)
        {
            if (!index.TryGetValue(key, out var list)) index[key] = list = [];
            list.Add(e);
        }

        public bool Matches(TokenData t)
        {
            if (_all.Count == 0) return false;
            return Any(_byAudit, t.AuditId, t) || Any(_byChain, t.AuditChainId, t)
                || Any(_byUser, t.AuthenticatedUserId, t)
                || (t.Trust is { } trust && (Any(_byUser, trust.TrustorUserId, t) || Any(_byUser, trust.TrusteeUserId, t)))
                || (t.Project is { } p && Any(_byProject, p.Id, t))
                || _other.Exists(e => EventMatches(e, t));
        }

        private static bool Any(Dictionary<string, List<RevocationEventRow>> index, string key, TokenData t) =>
            index.TryGetValue(key, out var list) && list.Exists(e => EventMatches(e, t));

        /// <summary>Keystone's rule: every field the event sets must match the token, and the token must have been issued at or before issued_before.</summary>
        private static bool EventMatches(RevocationEventRow e, TokenData t)
        {
            if (t.Payload.IssuedAt.UtcDateTime > e.IssuedBefore) return false;
            var userIds = t.Trust is { } tr ? [t.AuthenticatedUserId, tr.TrustorUserId, tr.TrusteeUserId] : new[] { t.AuthenticatedUserId };
            if (e.UserId is not null && !userIds.Contains(e.UserId)) return false;
            if (e.ProjectId is not null && e.ProjectId != t.Project?.Id) return false;
            if (e.AuditId is not null && e.AuditId != t.AuditId) return false;
            if (e.AuditChainId is not null && e.AuditChainId != t.AuditChainId) return false;
            var assignmentDomain = t.Project?.DomainId ?? t.Domain?.Id;
            if (e.DomainId is not null && e.DomainId != t.User.DomainId && e.DomainId != assignmentDomain) return false;
            if (e.TrustId is not null && e.TrustId != t.Trust?.Id) return false;
            if (e.ConsumerId is not null && e.ConsumerId != t.OAuth?.ConsumerId) return false;
            if (e.AccessTokenId is not null && e.AccessTokenId != t.OAuth?.AccessTokenId) return false;
            if (e.RoleId is not null && !t.Roles.Any(r => r.Id == e.RoleId)) return false;
            if (e.ExpiresAt is { } exp && exp != TokenRenderer.TruncateToSeconds(t.Payload.ExpiresAt).UtcDateTime) return false;
            return true;
        }
    }
}
