using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Assignments;

/// <summary>The rules of roles: names unique within a domain (or among global roles), the immutable option,
/// domain_id fixed at creation, and deletion that takes the role's assignments and inference rules with it.</summary>
public sealed class RoleManager(IdentityDb db, IdentityRevision revision)
{
    public async Task<RoleRow> GetAsync(string id, CancellationToken ct) =>
        await FindAsync(id, ct) ?? throw NotFound(id);

    public Task<RoleRow?> FindAsync(string id, CancellationToken ct) =>
        db.Roles.FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>Every role (<paramref name="globalOnly"/>: only global ones), in Keystone's storage order (by id).</summary>
    public Task<List<RoleRow>> ListAsync(bool globalOnly, CancellationToken ct) =>
        db.Roles.Where(r => !globalOnly || r.DomainId == RoleRow.GlobalDomain).OrderBy(r => r.Id).ToListAsync(ct);

    /// <summary>The roles among <paramref name="ids"/> that exist, by id (Keystone's list_roles_from_ids).</summary>
    public async Task<List<RoleRow>> ListByIdsAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : await db.Roles.Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id).ToListAsync(ct);

    public async Task<RoleRow> CreateAsync(JsonObject request, CancellationToken ct)
    {
        // Keystone normalizes attribute names of a new role (':' and '-' become '_').
        var role = new JsonObject();
        foreach (var (k, v) in request)
            role[k.Replace(':', '_').Replace('-', '_')] = v?.DeepClone();
        var name = role["name"]!.GetValue<string>();
        var domainId = DomainIdFrom(role["domain_id"]);
        foreach (var (k, v) in role)
            if (v is JsonValue value && value.TryGetValue<string>(out var text)) CheckLength(k, text);
        var options = new JsonObject();
        if (role["options"] is JsonObject requested)
            foreach (var (k, v) in requested)
                if (v is not null) options[k] = v.DeepClone();
        var row = new RoleRow
        {
            Id = Ids.New(),
            Name = name,
            DomainId = domainId ?? RoleRow.GlobalDomain,
            Description = role["description"]?.GetValue<string>(),
            Options = ExtraAttributes.Serialize(options),
            Extra = ExtraAttributes.Serialize(Extra(role)),
        };
        var details = ConflictDetails(name, domainId);
        if (await db.Roles.AnyAsync(r => r.Name == row.Name && r.DomainId == row.DomainId, ct))
            throw IdentityWrites.Conflict("role", details);
        db.Roles.Add(row);
        await db.CommitAsync(revision, "role", ct, details);
        return row;
    }

    public async Task<RoleRow> UpdateAsync(string id, JsonObject changes, CancellationToken ct)
    {
        var row = await db.Roles.AsTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound(id);
        if (RoleJson.IsImmutable(row) && !OnlyClearsImmutable(changes))
            throw ApiException.Forbidden($"Unable to update immutable role resource: `{id}. Set resource option \"immutable\" to false first.");
        if (changes.ContainsKey("domain_id") && DomainIdFrom(changes["domain_id"]) != RoleJson.DomainIdOf(row))
            throw ApiException.BadRequest("Update of `domain_id` is not allowed.");

        if (changes["name"] is { } name) row.Name = name.GetValue<string>();
        if (changes.ContainsKey("description")) row.Description = changes["description"]?.GetValue<string>();
        CheckLength("description", row.Description);
        if (changes["options"] is JsonObject requested)
        {
            // Options merge: a null value removes the option, options not mentioned stay.
            var options = ExtraAttributes.Parse(row.Options);
            foreach (var (k, v) in requested)
            {
                if (v is null) options.Remove(k);
                else options[k] = v.DeepClone();
            }
            row.Options = ExtraAttributes.Serialize(options);
        }
        var extra = ExtraAttributes.Parse(row.Extra);
        foreach (var (k, v) in Extra(changes)) extra[k] = v?.DeepClone();
        row.Extra = ExtraAttributes.Serialize(extra);

        var details = changes["name"] is { } newName
            ? ConflictDetails(newName.GetValue<string>(), changes.ContainsKey("domain_id") ? DomainIdFrom(changes["domain_id"]) : null)
            : "Duplicate entry";
        if (changes["name"] is not null && await db.Roles.AnyAsync(r => r.Id != id && r.Name == row.Name && r.DomainId == row.DomainId, ct))
        {
            db.ChangeTracker.Clear();
            throw IdentityWrites.Conflict("role", details);
        }
        await db.CommitAsync(revision, "role", ct, details);
        return row;
    }

    /// <summary>Deletes the role with its assignments (project, domain and system), its inference rules, and, as
    /// Keystone does, the application credentials of users who held it directly on a project.</summary>
    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        var row = await GetAsync(id, ct);
        if (RoleJson.IsImmutable(row))
            throw ApiException.Forbidden($"Unable to delete immutable role resource: `{id}. Set resource option \"immutable\" to false first.");

        await Transactions.RunAsync(db, async c =>
        {
            var holders = await db.Assignments.Where(a => a.RoleId == id && a.Type == AssignmentType.UserProject)
                .Select(a => new { a.ActorId, a.TargetId }).Distinct().ToListAsync(c);
            foreach (var h in holders)
            {
                var credentials = await db.ApplicationCredentials.Where(x => x.UserId == h.ActorId && x.ProjectId == h.TargetId)
                    .Select(x => x.InternalId).ToListAsync(c);
                if (credentials.Count == 0) continue;
                await db.ApplicationCredentialRoles.Where(r => credentials.Contains(r.ApplicationCredentialId)).ExecuteDeleteAsync(c);
                await db.ApplicationCredentialAccessRules.Where(r => credentials.Contains(r.ApplicationCredentialId)).ExecuteDeleteAsync(c);
                await db.ApplicationCredentials.Where(x => credentials.Contains(x.InternalId)).ExecuteDeleteAsync(c);
            }
            await db.Assignments.Where(a => a.RoleId == id).ExecuteDeleteAsync(c);
            await db.SystemAssignments.Where(a => a.RoleId == id).ExecuteDeleteAsync(c);
            await db.ImpliedRoles.Where(i => i.PriorRoleId == id || i.ImpliedRoleId == id).ExecuteDeleteAsync(c);
            await db.Roles.Where(r => r.Id == id).ExecuteDeleteAsync(c);
        }, ct);
        // Tokens are not revoked: like Keystone, validation recomputes a token's roles, so the role simply disappears
        // from them (and a token left without roles on its scope stops validating).
        await revision.BumpAsync(db, ct);
    }

    public static ApiException NotFound(string id) => ApiException.NotFound($"Could not find role: {id}.");

    /// <summary>Keystone refuses values longer than their column (role.name and description 255, domain_id 64).</summary>
    private static void CheckLength(string column, string? value)
    {
        var limit = column switch
        {
            "name" or "description" => 255,
            "domain_id" => 64,
            _ => int.MaxValue,
        };
        if (value is not null && value.Length > limit)
            throw StringLengthExceeded(value, column, limit);
    }

    /// <summary>Keystone's StringLengthExceeded (400).</summary>
    public static ApiException StringLengthExceeded(string value, string column, int limit) =>
        ApiException.BadRequest($"String length exceeded. The length of string '{value}' exceeds the limit of column {column}(CHAR({limit})).");

    /// <summary>An immutable role accepts only {"options": {"immutable": false|null}}.</summary>
    private static bool OnlyClearsImmutable(JsonObject changes) =>
        changes.Count == 1
        && changes["options"] is JsonObject options
        && options.ContainsKey("immutable")
        && (options["immutable"] is null || options["immutable"] is JsonValue v && v.TryGetValue<bool>(out var b) && !b);

    /// <summary>domain_id is outside the schema: Keystone stores whatever scalar it gets in a string column (MySQL
    /// turns true into "1"); an object or array, which crashes Keystone, is a 400 here.</summary>
    private static string? DomainIdFrom(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "1" : "0",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => v.ToJsonString(),
        _ => throw ApiException.BadRequest($"Invalid input for field 'domain_id': {node.ToJsonString()} is not of type 'string'"),
    };

    /// <summary>Keystone's handle_conflicts wording.</summary>
    private static string ConflictDetails(string name, string? domainId) =>
        string.IsNullOrEmpty(domainId)
            ? $"Duplicate entry found with name {name}"
            : $"Duplicate entry found with name {name} at domain ID {domainId}";

    private static JsonObject Extra(JsonObject o)
    {
        var extra = new JsonObject();
        foreach (var (k, v) in o)
            if (!RoleJson.Attributes.Contains(k))
                extra[k] = v?.DeepClone();
        return extra;
    }
}
