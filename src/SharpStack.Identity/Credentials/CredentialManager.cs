using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Common;
using SharpStack.Identity.Fernet;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Credentials;

/// <summary>The rules of stored credentials: blobs encrypted at rest with the credential keys (key_hash names the
/// key), ec2 credentials identified by the SHA-256 of their access key, and the blob encodings Keystone uses, so the
/// credential table moves between Keystone and SharpStack unchanged.</summary>
public sealed class CredentialManager(IdentityDb db, IdentityRevision revision, CredentialEncryptor encryptor, SharpStackConfig config)
{
    public async Task<Credential?> FindAsync(string id, CancellationToken ct) =>
        await db.Credentials.FirstOrDefaultAsync(c => c.Id == id, ct) is { } row ? Decrypt(row) : null;

    public async Task<Credential> GetAsync(string id, CancellationToken ct) =>
        await FindAsync(id, ct) ?? throw NotFound(id);

    /// <summary>Credentials with the given exact user_id and type (either may be null for any).</summary>
    public async Task<List<Credential>> ListAsync(string? userId, string? type, CancellationToken ct)
    {
        var query = db.Credentials.AsQueryable();
        if (userId is not null) query = query.Where(c => c.UserId == userId);
        if (type is not null) query = query.Where(c => c.Type == type);
        var rows = await query.OrderBy(c => c.Id).ToListAsync(ct);
        return rows.Select(Decrypt).ToList();
    }

    /// <param name="credential">The validated request entity (keys normalized as Keystone's _normalize_dict does).</param>
    public async Task<Credential> CreateAsync(JsonObject credential, CancellationToken ct)
    {
        var type = credential["type"]!.GetValue<string>();
        var blob = credential["blob"]!.GetValue<string>();
        var id = Ids.New();
        if (Credential.IsEc2Type(type))
            id = Credential.HashAccessKey(Credential.ParseEc2Blob(blob)["access"]!.GetValue<string>());
        var encrypted = Encrypt(blob, type);
        var extra = Extra(credential);
        var userId = credential["user_id"]!.GetValue<string>();
        await AssertLimitNotExceededAsync(userId, ct);
        var row = new CredentialRow
        {
            Id = id,
            UserId = userId,
            ProjectId = credential["project_id"]?.GetValue<string>(),
            Type = type,
            EncryptedBlob = encrypted.EncryptedBlob,
            KeyHash = encrypted.KeyHash,
            Extra = ExtraAttributes.Serialize(extra),
        };
        db.Credentials.Add(row);
        await db.CommitAsync(revision, "credential", ct);
        return new Credential(row.Id, row.UserId, row.ProjectId, row.Type, JsonValue.Create(blob), extra);
    }

    /// <summary>Applies an update Keystone's API has checked (owner, id, ec2 blob keys). Any of blob, project_id, type
    /// and user_id may change, as the API reference documents; the result must still be a valid credential.</summary>
    /// <remarks>Keystone Zed accepted these fields; the reference cloud carries a security backport (LP#2159643,
    /// CVE-2026-90460) that narrows PATCH to the blob, because delegated tokens could rescope credentials in place.
    /// Here delegated tokens cannot reach credentials at all (<see cref="Delegation"/>), and the changed credential
    /// is validated and policy-checked like a new one, so a caller can change no more than it could create.</remarks>
    /// <summary>Replaces the blob (the only updatable field upstream since CVE-2026-90460).</summary>
    public async Task<Credential> UpdateAsync(Credential current, JsonObject changes, CancellationToken ct)
    {
        var row = await db.Credentials.AsTracking().FirstOrDefaultAsync(c => c.Id == current.Id, ct) ?? throw NotFound(current.Id);
        var newBlob = changes["blob"]!;
        // As Keystone: the encoding follows the type sent with the blob (none here), so a blob update of an ec2
        // credential is stored as plain text and read back as an object.
        var encrypted = Encrypt(newBlob.GetValue<string>(), null);
        (row.EncryptedBlob, row.KeyHash) = (encrypted.EncryptedBlob, encrypted.KeyHash);
        await db.CommitAsync(revision, "credential", ct);
        return new Credential(row.Id, row.UserId, row.ProjectId, row.Type, newBlob.DeepClone(), current.Extra);
    }

    /// <summary>[credential] user_limit: a user may hold at most that many credentials.</summary>
    private async Task AssertLimitNotExceededAsync(string userId, CancellationToken ct)
    {
        var limit = config.Get(IdentityOptions.CredentialUserLimit);
        if (limit >= 0 && await db.Credentials.CountAsync(c => c.UserId == userId, ct) >= limit)
            throw ApiException.Forbidden($"Unable to create additional credentials, maximum of {limit} already exceeded for user.");
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        if (await db.Credentials.Where(c => c.Id == id).ExecuteDeleteAsync(ct) == 0) throw NotFound(id);
        await revision.BumpAsync(db, ct);
    }

    /// <summary>Keystone deletes a user's credentials with the user; for the user manager to call.</summary>
    public static Task ForgetUserAsync(IdentityDb db, string userId, CancellationToken ct) =>
        db.Credentials.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);

    /// <summary>Keystone deletes a project's credentials with the project; for the resource manager to call.</summary>
    public static Task ForgetProjectAsync(IdentityDb db, string projectId, CancellationToken ct) =>
        db.Credentials.Where(c => c.ProjectId == projectId).ExecuteDeleteAsync(ct);

    /// <summary>Keystone's _encrypt_credential: an "ec2" blob (exact case) is stored as json.dumps of its text.</summary>
    private EncryptedCredential Encrypt(string blob, string? type) =>
        encryptor.Encrypt(type == Credential.Ec2 ? PythonJson.DumpsString(blob) : blob);

    /// <summary>Keystone's _decrypt_credential: an "ec2" blob is json.loads'ed; text that is not JSON (a 500 upstream)
    /// is shown as it is.</summary>
    private Credential Decrypt(CredentialRow row)
    {
        if (!encryptor.TryDecrypt(row.EncryptedBlob, out var plain))
            throw new ApiException(500, "An unexpected error prevented the server from fulfilling your request.");
        JsonNode? blob = JsonValue.Create(plain);
        if (row.Type == Credential.Ec2 && PythonJson.TryLoads(plain, out var loaded)) blob = loaded;
        return new Credential(row.Id, row.UserId, row.ProjectId, row.Type, blob, ExtraAttributes.Parse(row.Extra));
    }

    private static JsonObject Extra(JsonObject o)
    {
        var extra = new JsonObject();
        foreach (var (k, v) in o)
            if (k is not ("id" or "user_id" or "project_id" or "type" or "blob" or "encrypted_blob" or "key_hash" or "links"))
                extra[k] = v?.DeepClone();
        return extra;
    }

    public static ApiException NotFound(string id) => ApiException.NotFound($"Could not find credential: {id}.");
}
