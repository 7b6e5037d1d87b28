using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Auth;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Common;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;
using SharpStack.Identity.Tokens.Authentication;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.ApplicationCredentials;

/// <summary>An application credential with its roles and access rules, as the API shows it.</summary>
public sealed record ApplicationCredentialView(ApplicationCredentialRow Row, IReadOnlyList<RoleRow> Roles, IReadOnlyList<AccessRuleRow> AccessRules);

/// <summary>The rules of application credentials: created by their owner for the token's project with a subset of
/// the token's roles (by default all of them), secret generated or given and kept only as a hash, names unique per
/// user, access rules reused when identical; deleting one ends its tokens (they no longer validate).</summary>
public sealed class ApplicationCredentialManager(IdentityDb db, IdentityRevision revision, UserPasswords passwords,
    EffectiveRoles effectiveRoles, DelegatedRoles delegatedRoles, VerifiedSecrets verified, SharpStackConfig config, TimeProvider time)
{
    /// <summary>Attributes the application credential model accepts; anything else is Keystone's TypeError 400.</summary>
    private static readonly HashSet<string> ModelAttributes =
    [
        "id", "name", "secret", "description", "expires_at", "unrestricted", "roles", "access_rules",
        "user_id", "project_id", "system", "internal_id", "secret_hash",
    ];

    /// <summary>Creates an application credential for the caller; returns it with the clear secret.</summary>
    public async Task<(ApplicationCredentialView View, string Secret)> CreateAsync(AuthContext caller, JsonObject body, CancellationToken ct)
    {
        var userId = caller.UserId;
        var projectId = caller.ProjectId;
        var secret = body["secret"] is JsonValue s && s.TryGetValue<string>(out var given) && given.Length > 0
            ? given : ApplicationCredentialSecrets.Generate();

        List<string> roleIds;
        if (body["roles"] is JsonArray { Count: > 0 } requested)
        {
            roleIds = await delegatedRoles.ResolveAsync(requested, ct);
            // Only roles in the caller's token: a trustee or another credential must not widen what it was given.
            if (roleIds.Any(id => !caller.RoleIds.Contains(id)))
                throw Invalid("Cannot create an application credential with unassigned role");
        }
        else
        {
            roleIds = caller.RoleIds.ToList();
        }
        roleIds = roleIds.Distinct().ToList();

        DateTime? expiresAt = null;
        if (body["expires_at"] is JsonValue e && e.TryGetValue<string>(out var expiry) && expiry.Length > 0)
            expiresAt = ExpirationDates.ToMicroseconds(ExpirationDates.Parse(expiry, time.GetUtcNow().UtcDateTime));

        var limit = config.Get(IdentityOptions.ApplicationCredentialUserLimit);
        if (limit >= 0 && await db.ApplicationCredentials.CountAsync(a => a.UserId == userId, ct) >= limit)
            throw ApiException.Forbidden($"Unable to create additional application credentials, maximum of {limit} already exceeded for user.");
        if (projectId is not null)
        {
            var held = (await effectiveRoles.OnProjectAsync(userId, projectId, ct: ct)).Select(r => r.Id).ToHashSet();
            var missing = roleIds.FirstOrDefault(id => !held.Contains(id));
            if (missing is not null)
                throw Invalid($"Could not find role assignment with role: {missing}, user or group: {userId}, project, domain, or system: {projectId}.");
        }
        var unknown = body.Select(p => p.Key).FirstOrDefault(k => !ModelAttributes.Contains(k));
        if (unknown is not null)
            throw ApiException.BadRequest($"'{unknown}' is an invalid keyword argument for ApplicationCredentialModel");

        var name = body["name"]!.GetValue<string>();
        var secretHash = passwords.Hasher.Hash(secret);
        var createdAt = time.GetUtcNow().UtcDateTime;
        var (row, rules) = await Transactions.RunAsync(db, async c =>
        {
            if (await db.ApplicationCredentials.AnyAsync(a => a.UserId == userId && a.Name == name, c))
                throw Duplicate(name);
            // Built here, not before: a retried unit needs a fresh entity (the first attempt's got a generated key).
            var row = new ApplicationCredentialRow
            {
                Id = Ids.New(),
                Name = name,
                SecretHash = secretHash,
                Description = body["description"]?.GetValue<string>(),
                UserId = userId,
                ProjectId = projectId,
                ExpiresAt = expiresAt,
                Unrestricted = body["unrestricted"]?.GetValue<bool>(),
                CreatedAt = createdAt,
            };
            db.ApplicationCredentials.Add(row);
            await SaveAsync(name, c);
            foreach (var roleId in roleIds)
                db.ApplicationCredentialRoles.Add(new ApplicationCredentialRoleRow { ApplicationCredentialId = row.InternalId, RoleId = roleId });
            var rules = new List<AccessRuleRow>();
            foreach (var spec in (body["access_rules"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var rule = await FindOrAddAccessRuleAsync(userId, spec, c);
                if (rules.Any(r => r.InternalId == rule.InternalId)) continue;
                rules.Add(rule);
                db.ApplicationCredentialAccessRules.Add(new ApplicationCredentialAccessRuleRow { ApplicationCredentialId = row.InternalId, AccessRuleId = rule.InternalId });
            }
            await SaveAsync(name, c);
            return (row, rules);
        }, ct);
        db.ChangeTracker.Clear();
        await revision.BumpAsync(db, ct);
        return (new ApplicationCredentialView(row, await delegatedRoles.RowsAsync(roleIds, ct), rules), secret);
    }

    public async Task<ApplicationCredentialRow?> FindAsync(string id, CancellationToken ct) =>
        await db.ApplicationCredentials.FirstOrDefaultAsync(a => a.Id == id, ct);

    public async Task<ApplicationCredentialView> GetAsync(string id, CancellationToken ct)
    {
        var row = await FindAsync(id, ct) ?? throw NotFound(id);
        return (await ViewsAsync([row], ct))[0];
    }

    public async Task<List<ApplicationCredentialView>> ListAsync(string userId, CancellationToken ct)
    {
        var rows = await db.ApplicationCredentials.Where(a => a.UserId == userId).OrderBy(a => a.InternalId).ToListAsync(ct);
        return await ViewsAsync(rows, ct);
    }

    /// <summary>Deletes the credential; its tokens stop validating (the credential is gone) and its verified secret is forgotten.</summary>
    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        var row = await FindAsync(id, ct) ?? throw NotFound(id);
        await DeleteRowsAsync([row.InternalId], ct);
        verified.Forget(row.Id);
        await revision.BumpAsync(db, ct);
    }

    public Task<List<AccessRuleRow>> ListAccessRulesAsync(string userId, CancellationToken ct) =>
        db.AccessRules.Where(r => r.UserId == userId).OrderBy(r => r.InternalId).ToListAsync(ct);

    /// <summary>An access rule of <paramref name="userId"/> (another user's rule reads as missing).</summary>
    public async Task<AccessRuleRow> GetAccessRuleAsync(string userId, string id, CancellationToken ct) =>
        await db.AccessRules.FirstOrDefaultAsync(r => r.Id == id && r.UserId == userId, ct) ?? throw AccessRuleNotFound(id);

    /// <summary>Deletes an access rule no application credential uses (403 otherwise, as Keystone).</summary>
    public async Task DeleteAccessRuleAsync(string userId, string id, CancellationToken ct)
    {
        var rule = await GetAccessRuleAsync(userId, id, ct);
        if (await db.ApplicationCredentialAccessRules.AnyAsync(l => l.AccessRuleId == rule.InternalId, ct))
            throw ApiException.Forbidden("May not delete access rule in use");
        await db.AccessRules.Where(r => r.InternalId == rule.InternalId).ExecuteDeleteAsync(ct);
        await revision.BumpAsync(db, ct);
    }

    private async Task DeleteRowsAsync(List<long> internalIds, CancellationToken ct)
    {
        if (internalIds.Count == 0) return;
        await Transactions.RunAsync(db, async c =>
        {
            await db.ApplicationCredentialRoles.Where(r => internalIds.Contains(r.ApplicationCredentialId)).ExecuteDeleteAsync(c);
            await db.ApplicationCredentialAccessRules.Where(r => internalIds.Contains(r.ApplicationCredentialId)).ExecuteDeleteAsync(c);
            await db.ApplicationCredentials.Where(a => internalIds.Contains(a.InternalId)).ExecuteDeleteAsync(c);
        }, ct);
    }

    /// <summary>Keystone's lookup: the rule with the given id (ids are global, as upstream), else the user's identical
    /// rule, else a new one.</summary>
    private async Task<AccessRuleRow> FindOrAddAccessRuleAsync(string userId, JsonObject spec, CancellationToken ct)
    {
        var id = spec["id"]?.GetValue<string>();
        var service = spec["service"]?.GetValue<string>();
        var path = spec["path"]?.GetValue<string>();
        var method = spec["method"]?.GetValue<string>();
        AccessRuleRow? rule = null;
        if (id is not null)
            rule = db.AccessRules.Local.FirstOrDefault(r => r.Id == id) ?? await db.AccessRules.AsTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        rule ??= db.AccessRules.Local.FirstOrDefault(r => r.UserId == userId && r.Service == service && r.Path == path && r.Method == method)
            ?? await db.AccessRules.AsTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Service == service && r.Path == path && r.Method == method, ct);
        if (rule is not null) return rule;
        rule = new AccessRuleRow { Id = id ?? Ids.New(), Service = service, Path = path, Method = method, UserId = userId };
        db.AccessRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return rule;
    }

    private async Task<List<ApplicationCredentialView>> ViewsAsync(List<ApplicationCredentialRow> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.InternalId).ToList();
        var roleLinks = await db.ApplicationCredentialRoles.Where(r => ids.Contains(r.ApplicationCredentialId)).ToListAsync(ct);
        var roles = (await delegatedRoles.RowsAsync(roleLinks.Select(r => r.RoleId).Distinct().ToList(), ct)).ToDictionary(r => r.Id);
        var ruleLinks = await (from link in db.ApplicationCredentialAccessRules
                               join rule in db.AccessRules on link.AccessRuleId equals rule.InternalId
                               where ids.Contains(link.ApplicationCredentialId)
                               select new { link.ApplicationCredentialId, Rule = rule }).ToListAsync(ct);
        return rows.Select(r => new ApplicationCredentialView(r,
            roleLinks.Where(l => l.ApplicationCredentialId == r.InternalId && roles.ContainsKey(l.RoleId)).Select(l => roles[l.RoleId]).ToList(),
            ruleLinks.Where(l => l.ApplicationCredentialId == r.InternalId).Select(l => l.Rule).OrderBy(x => x.InternalId).ToList())).ToList();
    }

    private async Task SaveAsync(string name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            throw Duplicate(name);
        }
    }

    private static ApiException Duplicate(string name) =>
        IdentityWrites.Conflict("application_credential", $"Duplicate entry found with name {name}");

    private static ApiException Invalid(string detail) => ApiException.BadRequest($"Invalid application credential: {detail}");

    public static ApiException NotFound(string id) => ApiException.NotFound($"Could not find Application Credential: {id}.");

    private static ApiException AccessRuleNotFound(string id) => ApiException.NotFound($"Could not find Access Rule: {id}.");
}
