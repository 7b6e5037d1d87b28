using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Auth;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Common;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Revocation;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Trusts;

/// <summary>A trust with its delegated role ids.</summary>
public sealed record TrustView(TrustRow Row, IReadOnlyList<string> RoleIds);

/// <summary>The rules of trusts (OS-TRUST): the trustor delegates roles they hold on a project to an existing
/// trustee, optionally with impersonation, expiry, a use count or redelegation; a trust that is deleted, expired,
/// used up or whose chain is broken reads as missing; deleting one revokes its tokens.</summary>
public sealed class TrustManager(IdentityDb db, IdentityRevision revision, EffectiveRoles effectiveRoles, DelegatedRoles delegatedRoles,
    Revoker revoker, SharpStackConfig config, TimeProvider time)
{
    /// <summary>Columns of the trust table; other request attributes are kept as extras and shown back.</summary>
    private static readonly HashSet<string> Attributes =
    [
        "id", "trustor_user_id", "trustee_user_id", "project_id", "impersonation", "expires_at", "remaining_uses",
        "deleted_at", "redelegated_trust_id", "redelegation_count", "roles", "allow_redelegation",
    ];

    public async Task<TrustView> CreateAsync(AuthContext caller, JsonObject body, CancellationToken ct)
    {
        var projectId = Text(body, "project_id");
        var roleSpecs = body["roles"] as JsonArray;
        if (!string.IsNullOrEmpty(projectId) && roleSpecs is not { Count: > 0 })
            throw DelegationGuards.ForbiddenAction("At least one role should be specified");
        var trustorId = Text(body, "trustor_user_id");
        if (caller.UserId != trustorId)
            throw DelegationGuards.ForbiddenAction("The authenticated user should match the trustor");
        var trusteeId = Text(body, "trustee_user_id")!;
        if (!await db.Users.AnyAsync(u => u.Id == trusteeId, ct))
            throw ApiException.NotFound($"Could not find user: {trusteeId}.");

        var roleIds = (await delegatedRoles.ResolveAsync(roleSpecs, ct)).Distinct().ToList();
        var trustorRoles = new HashSet<string>();
        if (!string.IsNullOrEmpty(projectId))
        {
            if (!await db.Projects.AnyAsync(p => p.Id == projectId, ct))
                throw ApiException.NotFound($"Could not find project: {projectId}.");
            trustorRoles = (await effectiveRoles.OnProjectAsync(trustorId, projectId, stripDomainRoles: false, ct)).Select(r => r.Id).ToHashSet();
        }
        var notHeld = roleIds.FirstOrDefault(id => !trustorRoles.Contains(id));
        if (notHeld is not null)
            throw ApiException.NotFound($"Could not find role: {notHeld}.");

        DateTime? expiresAt = null;
        if (body.TryGetPropertyValue("expires_at", out var expiresNode) && expiresNode is not null)
            expiresAt = ExpirationDates.ToMicroseconds(ExpirationDates.Parse(expiresNode.GetValue<string>(), time.GetUtcNow().UtcDateTime));

        TrustView? parent = null;
        if (caller.TrustId is { } parentId)
            parent = await GetAsync(parentId, ct);

        var row = new TrustRow
        {
            Id = Ids.New(),
            TrustorUserId = trustorId!,
            TrusteeUserId = trusteeId,
            ProjectId = string.IsNullOrEmpty(projectId) ? null : projectId,
            Impersonation = body["impersonation"]!.GetValue<bool>(),
            ExpiresAt = expiresAt,
            RemainingUses = JsonIntegers.Read(body, "remaining_uses"),
            Extra = ExtraAttributes.Serialize(Extras(body)),
        };
        ApplyRedelegation(row, body, parent);
        if (parent is not null)
        {
            foreach (var ancestor in await PedigreeAsync(parent.Row.Id, ct))
                ValidateRedelegation(ancestor, row, roleIds);
        }

        // Keystone's unique constraint (trustor, trustee, project, impersonation, expires_at); NULLs never collide.
        if (row.ProjectId is not null && row.ExpiresAt is not null && await db.Trusts.AnyAsync(t => t.TrustorUserId == row.TrustorUserId
                && t.TrusteeUserId == row.TrusteeUserId && t.ProjectId == row.ProjectId && t.Impersonation == row.Impersonation
                && t.ExpiresAt == row.ExpiresAt, ct))
            throw IdentityWrites.Conflict("trust", $"Duplicate entry found with ID {row.Id}");

        db.Trusts.Add(row);
        foreach (var roleId in roleIds)
            db.TrustRoles.Add(new TrustRoleRow { TrustId = row.Id, RoleId = roleId });
        await db.CommitAsync(revision, "trust", ct, $"Duplicate entry found with ID {row.Id}");
        return new TrustView(row, roleIds);
    }

    /// <summary>A usable trust: not deleted, expired or used up, with a valid redelegation chain (Keystone's get_trust).</summary>
    public async Task<TrustView> GetAsync(string id, CancellationToken ct)
    {
        var chain = await PedigreeAsync(id, ct);
        for (var i = 1; i < chain.Count; i++)
        {
            ValidateRedelegation(chain[i], chain[i - 1].Row, chain[i - 1].RoleIds);
            var trustee = await db.Users.FirstOrDefaultAsync(u => u.Id == chain[i].Row.TrusteeUserId, ct);
            if (trustee is null || !trustee.Enabled)
                throw ApiException.Forbidden();
        }
        return chain[0];
    }

    public Task<List<TrustRow>> ListAsync(string? trustorId, string? trusteeId, CancellationToken ct)
    {
        var query = db.Trusts.Where(t => t.DeletedAt == null);
        if (trustorId is not null) query = query.Where(t => t.TrustorUserId == trustorId);
        else if (trusteeId is not null) query = query.Where(t => t.TrusteeUserId == trusteeId);
        return query.OrderBy(t => t.Id).ToListAsync(ct);
    }

    /// <summary>Soft-deletes the trust (and, as Keystone does, its redelegations by the same trustor) and revokes its tokens.</summary>
    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        var trust = await LoadAsync(id, ct) ?? throw NotFound(id);
        var children = await db.Trusts.Where(t => t.DeletedAt == null && t.TrustorUserId == trust.TrustorUserId && t.RedelegatedTrustId == id)
            .Select(t => t.Id).ToListAsync(ct);
        foreach (var child in children)
        {
            if (await LoadAsync(child, ct) is not null)
                await DeleteAsync(child, ct);
        }
        var now = time.GetUtcNow().UtcDateTime;
        await db.Trusts.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.DeletedAt, now), ct);
        await revoker.RevokeTrustAsync(id, ct);
    }

    /// <summary>Keystone's create_trust rules for redelegation_count, allow_redelegation and remaining_uses.</summary>
    private void ApplyRedelegation(TrustRow row, JsonObject body, TrustView? parent)
    {
        var max = config.Get(IdentityOptions.MaxRedelegationCount);
        var requestedGiven = body.TryGetPropertyValue("redelegation_count", out var requestedNode);
        int? requested = requestedNode is null ? null : JsonIntegers.Read(body, "redelegation_count");
        var redelegatable = body["allow_redelegation"]?.GetValue<bool>() == true && requested != 0;
        if (!redelegatable)
        {
            requested = 0;
            requestedGiven = true;
        }
        else
        {
            if (requested is { } r && r > max)
                throw ApiException.Forbidden();
            if (row.RemainingUses is not null)
                throw ApiException.BadRequest("remaining_uses must not be set if redelegation is allowed");
        }
        row.RedelegationCount = requested;
        if (parent is not null)
        {
            row.RedelegatedTrustId = parent.Row.Id;
            var remaining = (parent.Row.RedelegationCount ?? 0) - 1;
            if (redelegatable && requested is { } asked && asked != 0 && asked != remaining)
                throw ApiException.Forbidden();
            if (!requestedGiven) row.RedelegationCount = remaining;
        }
        else if (!requestedGiven)
        {
            row.RedelegationCount = max;
        }
    }

    /// <summary>Keystone's _validate_redelegation: a redelegated trust stays within its parent (depth, no use count,
    /// no later expiry, a subset of the roles, no impersonation the parent lacks). Failures are a bare 403.</summary>
    private void ValidateRedelegation(TrustView parent, TrustRow child, IReadOnlyList<string> childRoles)
    {
        var max = config.Get(IdentityOptions.MaxRedelegationCount);
        var depth = parent.Row.RedelegationCount ?? 0;
        if (!(depth > 0 && depth <= max)) throw ApiException.Forbidden();
        if (child.RemainingUses is not null) throw ApiException.Forbidden();
        if (child.ExpiresAt is { } childExpiry)
        {
            if (parent.Row.ExpiresAt is { } parentExpiry && parentExpiry < childExpiry) throw ApiException.Forbidden();
        }
        else
        {
            child.ExpiresAt = parent.Row.ExpiresAt;
        }
        if (childRoles.Any(r => !parent.RoleIds.Contains(r))) throw ApiException.Forbidden();
        if (!parent.Row.Impersonation && child.Impersonation) throw ApiException.Forbidden();
    }

    /// <summary>The trust and its ancestors (each must be usable, else 404 naming it), child first.</summary>
    private async Task<List<TrustView>> PedigreeAsync(string id, CancellationToken ct)
    {
        var chain = new List<TrustView>();
        var seen = new HashSet<string>();
        for (string? current = id; current is not null && seen.Add(current);)
        {
            var row = await LoadAsync(current, ct) ?? throw NotFound(current);
            chain.Add(new TrustView(row, await db.TrustRoles.Where(r => r.TrustId == current).Select(r => r.RoleId).ToListAsync(ct)));
            current = row.RedelegatedTrustId;
        }
        return chain;
    }

    /// <summary>The trust row when not deleted, expired or used up.</summary>
    private async Task<TrustRow?> LoadAsync(string id, CancellationToken ct)
    {
        var row = await db.Trusts.FirstOrDefaultAsync(t => t.Id == id && t.DeletedAt == null, ct);
        if (row is null) return null;
        if (row.ExpiresAt is { } exp && time.GetUtcNow().UtcDateTime > exp) return null;
        if (row.RemainingUses is <= 0) return null;
        return row;
    }

    private static JsonObject Extras(JsonObject body)
    {
        var extra = new JsonObject();
        foreach (var (k, v) in body)
            if (!Attributes.Contains(k)) extra[k] = v?.DeepClone();
        return extra;
    }

    private static string? Text(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static ApiException NotFound(string id) => ApiException.NotFound($"Could not find trust: {id}.");
}
