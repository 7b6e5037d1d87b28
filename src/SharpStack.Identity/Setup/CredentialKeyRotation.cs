using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Configuration;
using SharpStack.Core.Hosting;
using SharpStack.Identity.Fernet;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Setup;

/// <summary>Rotates credential keys without stranding stored credentials: every blob is re-encrypted with the
/// primary key before and after the rotation (keystone-manage credential_migrate + credential_rotate in one step).</summary>
public static class CredentialKeyRotation
{
    public static async Task<string> RotateAsync(IServiceProvider services, CancellationToken ct)
    {
        var context = services.GetRequiredService<ServiceContext>();
        var repo = KeySetup.Open(context.Config, context.DataDir, KeyRepositoryKind.Credential);
        if (!repo.IsInitialized)
            throw new ConfigException($"the credential key repository {repo.Path} has no keys: run `sharpstack manage credential setup` first");
        var before = await ReencryptAsync(services, repo, ct);
        repo.Rotate();
        var after = await ReencryptAsync(services, repo, ct);
        return $"Rotated the credential keys in {repo.Path}; re-encrypted {Math.Max(before, after)} stored credential(s) with the new primary key.";
    }

    /// <summary>Re-encrypts every credential not already encrypted with the primary key; returns how many changed.</summary>
    public static async Task<int> ReencryptAsync(IServiceProvider services, FernetKeyRepository repo, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var encryptor = new CredentialEncryptor(repo);
        var primary = encryptor.PrimaryKeyHash;
        var rows = await db.Credentials.AsTracking().Where(c => c.KeyHash != primary).ToListAsync(ct);
        foreach (var row in rows)
        {
            var plain = encryptor.Decrypt(row.EncryptedBlob);
            var encrypted = encryptor.Encrypt(plain);
            row.EncryptedBlob = encrypted.EncryptedBlob;
            row.KeyHash = encrypted.KeyHash;
        }
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }
}
