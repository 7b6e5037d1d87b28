using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.Tokens.Authentication;

/// <summary>The "application_credential" method: by id, or by name and user; the secret is checked against its hash.
/// A secret once verified is remembered as an HMAC under a per-process random key, so repeated authentications
/// skip the deliberately slow hash (the credential's hash must still be the same one).</summary>
public sealed class ApplicationCredentialMethod(IdentityDb db, AuthLookup lookup, UserPasswords passwords, SharpStackConfig config,
    TimeProvider time, VerifiedSecrets verified) : IAuthMethod
{
    public string Name => "application_credential";

    public async Task<AuthMethodResult> AuthenticateAsync(JsonObject data, AuthRequest request, CancellationToken ct)
    {
        if (request.HasExplicitScope)
            throw ApiException.Unauthorized("Error authenticating with application credential: Application credentials cannot request a scope.");
        var secret = AuthLookup.Text(data, "secret") ?? throw Api.Http.KeystoneRequest.Expecting("secret", "application credential");
        var row = await FindAsync(data, ct);
        if (row.ExpiresAt is { } exp && exp <= time.GetUtcNow().UtcDateTime)
            throw ApiException.Unauthorized();
        if (!verified.Check(row.Id, row.SecretHash, secret))
        {
            if (!passwords.Hasher.Verify(secret, row.SecretHash))
                throw ApiException.Unauthorized();
            verified.Remember(row.Id, row.SecretHash, secret);
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == row.UserId, ct) ?? throw ApiException.Unauthorized();
        if (!UserState.IsEnabled(user, config, time.GetUtcNow().UtcDateTime) || !await lookup.DomainEnabledAsync(user.DomainId, ct))
            throw ApiException.Unauthorized();
        return new AuthMethodResult
        {
            UserId = row.UserId,
            ApplicationCredentialId = row.Id,
            ApplicationCredentialProjectId = row.ProjectId,
            ApplicationCredentialSystem = row.System is not null,
        };
    }

    private async Task<ApplicationCredentialRow> FindAsync(JsonObject data, CancellationToken ct)
    {
        if (AuthLookup.Text(data, "id") is { } id)
            return await db.ApplicationCredentials.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw ApiException.NotFound($"Could not find Application Credential: {id}.");
        var name = AuthLookup.Text(data, "name") ?? throw Api.Http.KeystoneRequest.Expecting("name or ID", "application credential");
        if (data["user"] is not JsonObject userSpec) throw Api.Http.KeystoneRequest.Expecting("user", "application credential");
        var user = await lookup.UserAsync(userSpec, ct);
        var rows = await db.ApplicationCredentials.Where(a => a.UserId == user.Id && a.Name == name).ToListAsync(ct);
        // Keystone's Unauthorized hides its detail ("Could not find application credential: …") from the client.
        return rows.Count == 1 ? rows[0] : throw ApiException.Unauthorized();
    }
}

/// <summary>Secrets already verified against a stored hash, kept as HMACs under a random per-process key.</summary>
public sealed class VerifiedSecrets
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (string Hash, byte[] Mac)> _entries = new(StringComparer.Ordinal);

    public bool Check(string id, string storedHash, string secret) =>
        _entries.TryGetValue(id, out var e) && e.Hash == storedHash && CryptographicOperations.FixedTimeEquals(e.Mac, Mac(secret));

    public void Remember(string id, string storedHash, string secret)
    {
        if (_entries.Count > 100_000) _entries.Clear();
        _entries[id] = (storedHash, Mac(secret));
    }

    public void Forget(string id) => _entries.TryRemove(id, out _);

    private byte[] Mac(string secret) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(secret));
}
