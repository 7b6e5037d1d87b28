using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Identity.Common;
using SharpStack.Identity.Revocation;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Users;

/// <summary>The rules of groups (Keystone's identity manager and SQL driver): names unique per domain, extra
/// attributes kept, memberships, and a group's assignments removed with it.</summary>
public sealed class GroupManager(IdentityDb db, IdentityRevision revision, Revoker revoker)
{
    // Keystone's group.name column is 64 characters although the schema allows 255.
    private const int NameColumnLength = 64;

    public async Task<GroupRow?> FindAsync(string id, CancellationToken ct) =>
        await db.Groups.FirstOrDefaultAsync(g => g.Id == id, ct);

    public async Task<GroupRow> GetAsync(string id, CancellationToken ct) =>
        await FindAsync(id, ct) ?? throw NotFound(id);

    /// <param name="domainIds">Exact domain_id filters (all must hold).</param>
    /// <param name="names">Exact name filters (all must hold).</param>
    public async Task<List<GroupRow>> ListAsync(IReadOnlyList<string> domainIds, IReadOnlyList<string> names, CancellationToken ct)
    {
        IQueryable<GroupRow> groups = db.Groups;
        foreach (var d in domainIds) groups = groups.Where(g => g.DomainId == d);
        foreach (var n in names) groups = groups.Where(g => g.Name == n);
        return await groups.OrderBy(g => g.Id).ToListAsync(ct);
    }

    /// <summary>The groups a user belongs to (404 for an unknown user).</summary>
    public async Task<List<GroupRow>> ListForUserAsync(string userId, IReadOnlyList<string> names, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) throw UserManager.NotFound(userId);
        var groups = db.Groups.Where(g => db.GroupMemberships.Any(m => m.UserId == userId && m.GroupId == g.Id));
        foreach (var n in names) groups = groups.Where(g => g.Name == n);
        return await groups.OrderBy(g => g.Id).ToListAsync(ct);
    }

    /// <param name="group">The validated request, its domain_id already filled in.</param>
    public async Task<GroupRow> CreateAsync(JsonObject group, CancellationToken ct)
    {
        var domainId = Text(group, "domain_id")!;
        if (!await db.Projects.AnyAsync(p => p.Id == domainId && p.IsDomain, ct))
            throw ApiException.NotFound($"Could not find domain: {domainId}.");
        var name = Text(group, "name")!.Trim();
        CheckLength(name);
        var row = new GroupRow
        {
            Id = Ids.New(),
            Name = name,
            DomainId = domainId,
            // Keystone defaults a missing description to "" (an explicit null stays null).
            Description = group.ContainsKey("description") ? Text(group, "description") : "",
            Extra = ExtraAttributes.Serialize(UserAttributes.GroupExtras(group)),
        };
        db.Groups.Add(row);
        await db.CommitAsync(revision, "group", ct, $"Duplicate entry found with name {name} at domain ID {domainId}");
        return row;
    }

    public async Task<GroupRow> UpdateAsync(string id, JsonObject changes, CancellationToken ct)
    {
        var row = await db.Groups.AsTracking().FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw NotFound(id);
        if (changes.ContainsKey("domain_id") && Text(changes, "domain_id") != row.DomainId)
            throw ApiException.BadRequest("Cannot change Domain ID");
        var name = Text(changes, "name")?.Trim();
        if (name is not null)
        {
            CheckLength(name);
            row.Name = name;
        }
        if (changes.ContainsKey("description")) row.Description = Text(changes, "description");
        var extra = ExtraAttributes.Parse(row.Extra);
        foreach (var (k, v) in UserAttributes.GroupExtras(changes)) extra[k] = v?.DeepClone();
        row.Extra = ExtraAttributes.Serialize(extra);
        var domain = Text(changes, "domain_id");
        await db.CommitAsync(revision, "group", ct,
            name is null ? "Duplicate entry"
            : domain is null ? $"Duplicate entry found with name {name}"
            : $"Duplicate entry found with name {name} at domain ID {domain}");
        return row;
    }

    /// <summary>Deletes the group, its memberships and its role assignments; if it had any role, its members'
    /// tokens are revoked (they may have carried the group's roles).</summary>
    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        if (!await db.Groups.AnyAsync(g => g.Id == id, ct)) throw NotFound(id);
        var (hadRoles, members) = await Transactions.RunAsync(db, async c =>
        {
            var hadRoles = await db.Assignments.AnyAsync(a => a.ActorId == id, c) || await db.SystemAssignments.AnyAsync(a => a.ActorId == id, c);
            var members = await db.GroupMemberships.Where(m => m.GroupId == id).Select(m => m.UserId).ToListAsync(c);
            await db.GroupMemberships.Where(m => m.GroupId == id).ExecuteDeleteAsync(c);
            await db.Assignments.Where(a => a.ActorId == id).ExecuteDeleteAsync(c);
            await db.SystemAssignments.Where(a => a.ActorId == id).ExecuteDeleteAsync(c);
            await db.Groups.Where(g => g.Id == id).ExecuteDeleteAsync(c);
            return (hadRoles, members);
        }, ct);
        await revision.BumpAsync(db, ct);
        if (hadRoles)
            foreach (var userId in members)
                await revoker.RevokeUserAsync(userId, ct);
    }

    /// <summary>Adds a user to a group (nothing happens if it already is a member).</summary>
    public async Task AddMemberAsync(string groupId, string userId, CancellationToken ct)
    {
        await RequireGroupAndUserAsync(groupId, userId, ct);
        if (await db.GroupMemberships.AnyAsync(m => m.GroupId == groupId && m.UserId == userId, ct)) return;
        db.GroupMemberships.Add(new GroupMembershipRow { GroupId = groupId, UserId = userId });
        try
        {
            await db.CommitAsync(revision, "group", ct);
        }
        catch (ApiException e) when (e.Status == 409)
        {
            // A concurrent request added the same membership: the outcome is what was asked.
        }
    }

    public async Task CheckMemberAsync(string groupId, string userId, CancellationToken ct)
    {
        await RequireGroupAndUserAsync(groupId, userId, ct);
        if (!await db.GroupMemberships.AnyAsync(m => m.GroupId == groupId && m.UserId == userId, ct))
            throw NotMember(groupId, userId);
    }

    /// <summary>Removes a user from a group and revokes the user's tokens (they may carry the group's roles).</summary>
    public async Task RemoveMemberAsync(string groupId, string userId, CancellationToken ct)
    {
        var removed = await db.GroupMemberships.Where(m => m.GroupId == groupId && m.UserId == userId).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            // Keystone explains a missing membership by the group or user that does not exist.
            await RequireGroupAndUserAsync(groupId, userId, ct);
            throw NotMember(groupId, userId);
        }
        await revision.BumpAsync(db, ct);
        await revoker.RevokeUserAsync(userId, ct);
    }

    public static ApiException NotFound(string id) => ApiException.NotFound($"Could not find group: {id}.");

    private async Task RequireGroupAndUserAsync(string groupId, string userId, CancellationToken ct)
    {
        if (!await db.Groups.AnyAsync(g => g.Id == groupId, ct)) throw NotFound(groupId);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) throw UserManager.NotFound(userId);
    }

    private static ApiException NotMember(string groupId, string userId) =>
        ApiException.NotFound($"User '{userId}' not found in group '{groupId}'");

    private static void CheckLength(string name)
    {
        if (name.Length > NameColumnLength)
            throw ApiException.BadRequest($"String length exceeded. The length of string '{name}' exceeds the limit of column name(CHAR({NameColumnLength})).");
    }

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
