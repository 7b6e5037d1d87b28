using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Tokens.Authentication;

/// <summary>Finds the users, domains and projects an authentication request names. Anything missing or disabled
/// is a plain 401 (the reason is logged, not told), as Keystone does.</summary>
public sealed class AuthLookup(IdentityDb db, IdentityReadCache cache)
{
    /// <summary>An enabled domain named by {"id": …} or {"name": …}.</summary>
    public async Task<ProjectRow> DomainAsync(JsonObject domain, CancellationToken ct)
    {
        var id = Text(domain, "id");
        var name = Text(domain, "name");
        var row = id is not null
            ? await cache.DomainAsync(id, ct)
            : name is not null
                ? await cache.DomainByNameAsync(name, ct)
                : throw ApiException.BadRequest("Invalid input for field domain: id or name must be present.");
        if (row is null || !row.Enabled) throw ApiException.Unauthorized();
        return row;
    }

    /// <summary>A user named by {"id": …} or {"name": …, "domain": {…}}.</summary>
    public async Task<UserRow> UserAsync(JsonObject user, CancellationToken ct)
    {
        var id = Text(user, "id");
        UserRow? row;
        if (id is not null)
        {
            row = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        }
        else
        {
            var name = Text(user, "name") ?? throw KeystoneRequest.Expecting("id or name", "user");
            if (user["domain"] is not JsonObject domain) throw KeystoneRequest.Expecting("domain", "user");
            var domainRow = await DomainAsync(domain, ct);
            row = await db.Users.FirstOrDefaultAsync(u => u.DomainId == domainRow.Id && u.Name == name, ct);
        }
        return row ?? throw ApiException.Unauthorized();
    }

    public async Task<bool> DomainEnabledAsync(string domainId, CancellationToken ct) =>
        await cache.DomainAsync(domainId, ct) is { Enabled: true };

    public static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
