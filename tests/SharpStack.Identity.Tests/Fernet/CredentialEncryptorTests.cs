using System.Security.Cryptography;
using System.Text;
using SharpStack.Identity.Fernet;

namespace SharpStack.Identity.Tests.Fernet;

public class CredentialEncryptorTests
{
    private static CredentialEncryptor ReferenceEncryptor() =>
        new(FernetKeyRepository.ForCredentials(TestFiles.PathOf("keystone-credential-keys")));

    [Fact]
    public void Decrypts_a_credential_stored_by_the_reference_keystone()
    {
        var stored = TestFiles.Json("keystone-reference-credential.json");
        var encryptor = ReferenceEncryptor();

        string plaintext = encryptor.Decrypt(stored.GetProperty("encrypted_blob").GetString()!);

        // ec2 blobs are json.dumps()'d by keystone before encryption, so the plaintext is a JSON string.
        Assert.Equal(stored.GetProperty("blob").GetString(), System.Text.Json.JsonSerializer.Deserialize<string>(plaintext));
        Assert.Equal(stored.GetProperty("key_hash").GetString(), encryptor.PrimaryKeyHash);
    }

    [Fact]
    public void Decrypts_blobs_made_by_python_with_any_key_including_the_null_key()
    {
        var encryptor = ReferenceEncryptor();
        foreach (var v in TestFiles.Json("fernet-vectors.json").GetProperty("credentials").EnumerateArray())
            Assert.Equal(v.GetProperty("plaintext").GetString(), encryptor.Decrypt(v.GetProperty("encrypted_blob").GetString()!));
    }

    [Fact]
    public void Key_hash_is_sha1_of_the_primary_key_file_text()
    {
        string primary = File.ReadAllText(TestFiles.PathOf("keystone-credential-keys/1"));
        string expected = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(primary)));

        var encrypted = ReferenceEncryptor().Encrypt("{\"secret\": \"x\"}");

        Assert.Equal(expected, encrypted.KeyHash);
        byte[] plain = new FernetCipher(FernetKey.Parse(primary)).Decrypt(encrypted.EncryptedBlob);
        Assert.Equal("{\"secret\": \"x\"}", Encoding.UTF8.GetString(plain));
    }

    [Fact]
    public void Falls_back_to_the_null_key_without_a_repository()
    {
        using var tmp = new TestFiles.TempDirectory();
        var encryptor = new CredentialEncryptor(FernetKeyRepository.ForCredentials(Path.Combine(tmp.Path, "none")));

        Assert.True(encryptor.UsesNullKey);
        var encrypted = encryptor.Encrypt("café");
        Assert.Equal(CredentialEncryptor.ComputeKeyHash(CredentialEncryptor.NullKey), encrypted.KeyHash);
        Assert.Equal("café", encryptor.Decrypt(encrypted.EncryptedBlob));

        // After setup, credentials made with the null key stay readable.
        var repo = FernetKeyRepository.ForCredentials(Path.Combine(tmp.Path, "none"));
        repo.Setup();
        var withKeys = new CredentialEncryptor(repo);
        Assert.False(withKeys.UsesNullKey);
        Assert.Equal("café", withKeys.Decrypt(encrypted.EncryptedBlob));
    }

    [Fact]
    public void Rotation_takes_effect_immediately_and_old_blobs_survive_one_rotation()
    {
        using var tmp = new TestFiles.TempDirectory();
        var repo = FernetKeyRepository.ForCredentials(tmp.Path);
        repo.Setup();
        var encryptor = new CredentialEncryptor(repo);
        var before = encryptor.Encrypt("secret");

        repo.Rotate();

        Assert.NotEqual(before.KeyHash, encryptor.PrimaryKeyHash);
        Assert.Equal("secret", encryptor.Decrypt(before.EncryptedBlob));
        Assert.Equal(encryptor.PrimaryKeyHash, encryptor.Encrypt("again").KeyHash);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("gAAAAABrAkO2dpmTbZBHlZWAwKmvUP-jCU8Cqae4xgEzAmkT3tgJVTHsU8F0WE7tQV0PwAJyrsu34J5fD_e4f6E6wGQlza2sstinLVNgN9M1QUS_M7U1T5lKON5BZk-EDGR2PszumUR_ZHDJd6BzfA2iWyLUfh-uwgGTm0oyt1X02LQfWd3RAdWXAN60eyMgD7MwCMgOIT7Sn8HYDKM6rOFP3NUz3-P2QA==")]
    public void Undecryptable_blobs_raise_a_credential_error(string blob)
    {
        var encryptor = ReferenceEncryptor();
        Assert.False(encryptor.TryDecrypt(blob, out _));
        Assert.Throws<CredentialEncryptionException>(() => encryptor.Decrypt(blob));
    }
}
