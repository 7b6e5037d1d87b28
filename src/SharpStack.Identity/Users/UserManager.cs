using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Identity.Common;
using SharpStack.Identity.Revocation;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Users;

/// <summary>The rules of users (Keystone's identity manager and SQL driver): names unique per domain, extra
/// attributes and options kept, passwords set by administrators, tokens revoked when a user is disabled, given
/// a new password or deleted, and everything the user owns removed with it.</summary>
public sealed class UserManager(IdentityDb db, IdentityRevision revision, UserPasswords passwords, PasswordRules rules,
    Revoker revoker, SharpStackConfig config)
{
    public async Task<UserRow?> FindAsync(string id, CancellationToken ct) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);

    public async Task<UserView> GetAsync(string id, CancellationToken ct) =>
        await ViewAsync(await FindAsync(id, ct) ?? throw NotFound(id), ct);

    /// <summary>The users matching the query, read one by one (for lists of any size); the latest password's expiry
    /// comes with each row. Queries filtering on password expiry use <see cref="ListAsync"/>.</summary>
    public async IAsyncEnumerable<UserView> StreamAsync(UserListQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (query.FederatedOnly || query.PasswordExpiry.Count > 0)
        {
            foreach (var user in await ListAsync(query, ct)) yield return user;
            yield break;
        }
        var now = passwords.Now();
        var rows = Filter(query)
            .OrderBy(u => u.Id)
            .Select(u => new { Row = u, Expires = db.Passwords.Where(p => p.UserId == u.Id).OrderByDescending(p => p.Id).Select(p => p.ExpiresAt).FirstOrDefault() })
            .AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(ct))
            yield return new UserView(r.Row, UserState.IsEnabled(r.Row, config, now), r.Expires);
    }

    private IQueryable<UserRow> Filter(UserListQuery query)
    {
        IQueryable<UserRow> users = db.Users;
        if (query.GroupId is { } groupId)
            users = users.Where(u => db.GroupMemberships.Any(m => m.GroupId == groupId && m.UserId == u.Id));
        foreach (var domainId in query.DomainIds) users = users.Where(u => u.DomainId == domainId);
        foreach (var name in query.Names) users = users.Where(u => u.Name == name);
        foreach (var enabled in query.Enabled) users = users.Where(u => u.Enabled == enabled);
        return users;
    }

    public async Task<List<UserView>> ListAsync(UserListQuery query, CancellationToken ct)
    {
        // No federated (shadow) users are stored, so a federated filter matches nobody.
        if (query.FederatedOnly) return [];
        var users = Filter(query);
        var rows = await users.OrderBy(u => u.Id).ToListAsync(ct);
        var history = (await db.Passwords.Where(p => users.Any(u => u.Id == p.UserId))
                .Select(p => new { p.UserId, p.Id, p.ExpiresAt }).ToListAsync(ct))
            .ToLookup(p => p.UserId);
        if (query.PasswordExpiry.Count > 0)
            rows = rows.Where(r => history[r.Id].Any(p => query.PasswordExpiry.All(f => f.Matches(p.ExpiresAt)))).ToList();
        var now = passwords.Now();
        return rows.Select(r => new UserView(r, UserState.IsEnabled(r, config, now),
            history[r.Id].OrderByDescending(p => p.Id).FirstOrDefault()?.ExpiresAt)).ToList();
    }

    /// <param name="user">The validated request, its domain_id already filled in.</param>
    public async Task<UserView> CreateAsync(JsonObject user, CancellationToken ct)
    {
        var hasPassword = user.ContainsKey("password");
        var password = Text(user, "password");
        if (hasPassword) rules.CheckFormat(password);
        var name = Text(user, "name")!.Trim();
        var domainId = Text(user, "domain_id")!;
        if (!await db.Projects.AnyAsync(p => p.Id == domainId && p.IsDomain, ct))
            throw ApiException.NotFound($"Could not find domain: {domainId}.");
        var defaultProject = Text(user, "default_project_id");
        await EnsureNotDomainAsync(defaultProject, ct);
        var extra = UserAttributes.UserExtras(user);
        if (user["federated"] is JsonArray { Count: > 0 } federated)
        {
            await FederatedObjects.ValidateAsync(db, federated, ct);
            extra["federated"] = federated.DeepClone();
        }

        var now = passwords.Now();
        var enabled = user["enabled"] is JsonValue e ? e.GetValue<bool>() : true;
        var row = new UserRow
        {
            Id = Ids.New(),
            Name = name,
            DomainId = domainId,
            Enabled = enabled,
            DefaultProjectId = defaultProject,
            Extra = ExtraAttributes.Serialize(extra),
            Options = UserOptions.Merge(null, user["options"] as JsonObject),
            CreatedAt = now,
            LastActiveAt = enabled ? UserState.ActivityDay(config, now) : null,
        };
        db.Users.Add(row);
        PasswordRow? current = null;
        if (hasPassword) current = await passwords.StageAdminSetAsync(db, row, password, creating: true, ct);
        await db.CommitAsync(revision, "user", ct, $"Duplicate entry found with name {name} at domain ID {domainId}");
        return new UserView(row, UserState.IsEnabled(row, config, now), current?.ExpiresAt);
    }

    /// <param name="changes">The validated request (ids already checked against the path).</param>
    public async Task<UserView> UpdateAsync(string id, JsonObject changes, CancellationToken ct)
    {
        var row = await db.Users.AsTracking().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw NotFound(id);
        var now = passwords.Now();
        var wasEnabled = UserState.IsEnabled(row, config, now);
        if (changes.ContainsKey("domain_id") && Text(changes, "domain_id") != row.DomainId)
            throw ApiException.BadRequest("Cannot change Domain ID");
        var hasPassword = changes.ContainsKey("password");
        var password = Text(changes, "password");
        if (hasPassword) rules.CheckFormat(password);
        if (Text(changes, "name") is { } name) row.Name = name.Trim();
        if (changes.ContainsKey("id") && Text(changes, "id") != id)
            throw ApiException.BadRequest("Cannot change user ID");
        var defaultProject = Text(changes, "default_project_id");
        await EnsureNotDomainAsync(defaultProject, ct);
        if (changes.ContainsKey("default_project_id")) row.DefaultProjectId = defaultProject;

        var extra = ExtraAttributes.Parse(row.Extra);
        foreach (var (k, v) in UserAttributes.UserExtras(changes)) extra[k] = v?.DeepClone();
        if (changes["federated"] is JsonArray { Count: > 0 } federated)
        {
            await FederatedObjects.ValidateAsync(db, federated, ct);
            extra["federated"] = federated.DeepClone();
        }
        row.Extra = ExtraAttributes.Serialize(extra);
        row.Options = UserOptions.Merge(row.Options, changes["options"] as JsonObject);

        // Keystone writes "enabled" back on every update (the computed value unless one is given); setting it true
        // restarts the inactivity clock and clears failed authentications.
        var enabled = changes["enabled"] is JsonValue e ? e.GetValue<bool>() : wasEnabled;
        row.Enabled = enabled;
        if (enabled)
        {
            row.LastActiveAt = UserState.ActivityDay(config, now) ?? row.LastActiveAt;
            row.FailedAuthCount = 0;
            row.FailedAuthAt = null;
        }
        PasswordRow? staged = null;
        if (hasPassword) staged = await passwords.StageAdminSetAsync(db, row, password, creating: false, ct);
        await db.CommitAsync(revision, "user", ct, ConflictDetails(changes));
        db.ChangeTracker.Clear();

        // Disabling the user or giving it a new password ends its tokens.
        if ((changes["enabled"] is JsonValue d && !d.GetValue<bool>() && wasEnabled) || password is not null)
            await revoker.RevokeUserAsync(id, ct);
        var expires = staged is not null ? staged.ExpiresAt
            : await db.Passwords.Where(p => p.UserId == id).OrderByDescending(p => p.Id).Select(p => p.ExpiresAt).FirstOrDefaultAsync(ct);
        return new UserView(row, UserState.IsEnabled(row, config, now), expires);
    }

    /// <summary>Deletes the user with its memberships, passwords, role assignments, credentials, application
    /// credentials and access rules; trusts it gave or received are deleted; its tokens are revoked.</summary>
    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, ct)) throw NotFound(id);
        var now = passwords.Now();
        await Transactions.RunAsync(db, async c =>
        {
            await db.GroupMemberships.Where(m => m.UserId == id).ExecuteDeleteAsync(c);
            await db.Passwords.Where(p => p.UserId == id).ExecuteDeleteAsync(c);
            await db.Assignments.Where(a => a.ActorId == id).ExecuteDeleteAsync(c);
            await db.SystemAssignments.Where(a => a.ActorId == id).ExecuteDeleteAsync(c);
            await db.Credentials.Where(x => x.UserId == id).ExecuteDeleteAsync(c);
            var appCreds = db.ApplicationCredentials.Where(a => a.UserId == id).Select(a => a.InternalId);
            await db.ApplicationCredentialRoles.Where(r => appCreds.Contains(r.ApplicationCredentialId)).ExecuteDeleteAsync(c);
            await db.ApplicationCredentialAccessRules.Where(r => appCreds.Contains(r.ApplicationCredentialId)).ExecuteDeleteAsync(c);
            await db.ApplicationCredentials.Where(a => a.UserId == id).ExecuteDeleteAsync(c);
            await db.AccessRules.Where(r => r.UserId == id).ExecuteDeleteAsync(c);
            // Keystone soft-deletes trusts.
            await db.Trusts.Where(t => (t.TrustorUserId == id || t.TrusteeUserId == id) && t.DeletedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.DeletedAt, now), c);
            await db.Users.Where(u => u.Id == id).ExecuteDeleteAsync(c);
        }, ct);
        await revision.BumpAsync(db, ct);
        await revoker.RevokeUserAsync(id, ct);
    }

    public async Task<UserView> ViewAsync(UserRow row, CancellationToken ct)
    {
        var expires = await db.Passwords.Where(p => p.UserId == row.Id).OrderByDescending(p => p.Id).Select(p => p.ExpiresAt).FirstOrDefaultAsync(ct);
        return new UserView(row, UserState.IsEnabled(row, config, passwords.Now()), expires);
    }

    public static ApiException NotFound(string id) => ApiException.NotFound($"Could not find user: {id}.");

    /// <summary>Keystone's default project may not be a domain (a missing project is accepted).</summary>
    private async Task EnsureNotDomainAsync(string? projectId, CancellationToken ct)
    {
        if (projectId is not null && await db.Projects.AnyAsync(p => p.Id == projectId && p.IsDomain, ct))
            throw ApiException.BadRequest($"User's default project ID cannot be a domain ID: {projectId}");
    }

    /// <summary>Keystone's conflict text names what the request named: the name, and the domain when given.</summary>
    private static string ConflictDetails(JsonObject changes)
    {
        var name = Text(changes, "name")?.Trim();
        var domain = Text(changes, "domain_id");
        return name is null ? "Duplicate entry"
            : domain is null ? $"Duplicate entry found with name {name}"
            : $"Duplicate entry found with name {name} at domain ID {domain}";
    }

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
