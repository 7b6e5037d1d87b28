using System.Security.Cryptography;
using System.Text;

namespace SharpStack.Identity.Fernet;

/// <summary>An encrypted credential as Keystone stores it: the Fernet token and the hash of the key that made it.</summary>
public sealed record EncryptedCredential(string EncryptedBlob, string KeyHash);

/// <summary>
/// Encrypts credential blobs the way Keystone's fernet credential provider does, so the
/// credential table (encrypted_blob, key_hash) moves between Keystone and SharpStack unchanged.
/// </summary>
/// <remarks>
/// Like Keystone, keys are read from disk on every call (credential operations are rare, and a
/// credential_rotate must take effect immediately), and the all-zero "null key" is always
/// appended for decryption and used for encryption when the repository holds no keys.
/// The service layer does Keystone's ec2 handling (json.dumps of the blob) before calling us.
/// </remarks>
public sealed class CredentialEncryptor
{
    /// <summary>Keystone's NULL_KEY: URL-safe base64 of 32 zero bytes, used only to ease upgrades.</summary>
    public static readonly FernetKey NullKey = FernetKey.Parse(UrlSafeBase64.EncodePadded(new byte[FernetKey.RawLength]));

    private readonly FernetKeyRepository _repository;

    public CredentialEncryptor(FernetKeyRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        _repository = repository;
    }

    /// <summary>True when encryption would fall back to the null key (no usable credential keys).</summary>
    public bool UsesNullKey => LoadCipher().PrimaryKey == NullKey;

    /// <summary>Hash of the current primary key: what every up-to-date credential's key_hash equals.</summary>
    public string PrimaryKeyHash => ComputeKeyHash(LoadCipher().PrimaryKey);

    /// <summary>Keystone's primary_key_hash: hex SHA-1 of the key's text exactly as stored in its file.</summary>
    public static string ComputeKeyHash(FernetKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(key.Text)));
    }

    /// <summary>Encrypts the UTF-8 bytes of <paramref name="plaintext"/> with the primary key.</summary>
    public EncryptedCredential Encrypt(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var cipher = LoadCipher();
        string blob = cipher.Encrypt(Encoding.UTF8.GetBytes(plaintext));
        return new EncryptedCredential(blob, ComputeKeyHash(cipher.PrimaryKey));
    }

    /// <summary>Decrypts a stored blob with any known key.</summary>
    /// <exception cref="CredentialEncryptionException">No key decrypts it, or it is not UTF-8.</exception>
    public string Decrypt(string encryptedBlob) =>
        TryDecrypt(encryptedBlob, out var plaintext)
            ? plaintext
            : throw new CredentialEncryptionException("Credential could not be decrypted.");

    /// <summary>Non-throwing <see cref="Decrypt"/>.</summary>
    public bool TryDecrypt(string? encryptedBlob, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? plaintext)
    {
        plaintext = null;
        if (encryptedBlob is null)
            return false;
        if (LoadCipher().TryDecrypt(encryptedBlob, out byte[]? bytes, out _) != FernetStatus.Valid)
            return false;
        try
        {
            plaintext = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes!);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private FernetCipher LoadCipher()
    {
        var keys = new List<FernetKey>(_repository.LoadKeys()) { NullKey };
        return new FernetCipher(keys);
    }
}

