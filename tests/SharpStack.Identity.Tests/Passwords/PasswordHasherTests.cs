using System.Text;
using SharpStack.Identity.Passwords;

namespace SharpStack.Identity.Tests.Passwords;

public class PasswordHasherTests
{
    private static readonly PasswordHasher Verifier = new();

    public static TheoryData<int> PasslibVectorIndexes()
    {
        var data = new TheoryData<int>();
        int n = TestFiles.Json("password-vectors.json").GetProperty("vectors").GetArrayLength();
        for (int i = 0; i < n; i++)
            data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(PasslibVectorIndexes))]
    public void Verifies_passlib_hashes(int index)
    {
        var v = TestFiles.Json("password-vectors.json").GetProperty("vectors")[index];
        string password = v.GetProperty("password").GetString()!;
        string hash = v.GetProperty("hash").GetString()!;

        Assert.True(Verifier.Verify(password, hash), hash);
        // Change the first character: appending could vanish in the 72-byte / 4096-byte truncation.
        Assert.False(Verifier.Verify("#" + (password.Length > 0 ? password[1..] : ""), hash), hash);
    }

    [Fact]
    public void Verifies_the_reference_keystone_admin_password()
    {
        // bcrypt cost 12, read from the reference Keystone's password table; the password is "admin".
        string hash = File.ReadAllText(TestFiles.PathOf("keystone-reference-admin-password-hash.txt")).Trim();
        Assert.StartsWith("$2b$12$", hash);
        Assert.True(Verifier.Verify("admin", hash));
        Assert.False(Verifier.Verify("Admin", hash));
    }

    [Fact]
    public void Writes_passlib_pbkdf2_sha512_format()
    {
        var hasher = new PasswordHasher(new PasswordHasherOptions { Rounds = 1000 });
        string hash = hasher.Hash("correct horse");

        var parts = hash.Split('$');
        Assert.Equal(["", "pbkdf2-sha512", "1000"], parts[..3]);
        Assert.Equal(22, parts[3].Length); // 16 bytes of ab64 salt
        Assert.Equal(86, parts[4].Length); // 64 bytes of ab64 checksum
        Assert.DoesNotContain('+', hash);
        Assert.DoesNotContain('=', hash);
        Assert.True(hasher.Verify("correct horse", hash));
        Assert.False(hasher.Verify("correct horsf", hash));
        Assert.NotEqual(hash, hasher.Hash("correct horse"));
    }

    [Fact]
    public void Hashes_exactly_like_passlib_for_a_known_salt()
    {
        // /usr/bin/python3: pbkdf2_sha512.using(rounds=1000, salt=b'0123456789abcdef').hash(b'secret')
        Assert.Equal(
            "$pbkdf2-sha512$1000$MDEyMzQ1Njc4OWFiY2RlZg$vgFvU7zWIDgDAUi7d8ayt.cfRiPWVVWfv8iQRsGZaZviWzsSNgWYXEE5PmvI/VELMsOmEbqLz0PKuePNjOk41A",
            Pbkdf2Sha512.Hash("secret"u8, 1000, "0123456789abcdef"u8));

        // bcrypt.using(rounds=4, salt='abcdefghijklmnopqrstuu').hash(b'secret')
        var salt = new byte[16];
        Assert.True(BcryptBase64.TryDecode("abcdefghijklmnopqrstuu", salt));
        Assert.Equal("$2b$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW", Bcrypt.Hash("secret"u8, 4, salt));
    }

    [Fact]
    public void Defaults_follow_keystone_and_passlib()
    {
        Assert.Equal(25000, new PasswordHasher().EffectiveRounds);
        Assert.Equal(25000, new PasswordHasher(new PasswordHasherOptions { Rounds = 0 }).EffectiveRounds);
        Assert.Equal(12, new PasswordHasher(new PasswordHasherOptions { Algorithm = PasswordHashAlgorithm.Bcrypt }).EffectiveRounds);
        Assert.Equal(4096, new PasswordHasher().MaxPasswordBytes);
        Assert.Equal(72, new PasswordHasher(new PasswordHasherOptions { Algorithm = PasswordHashAlgorithm.Bcrypt }).MaxPasswordBytes);
        Assert.StartsWith("$pbkdf2-sha512$25000$", new PasswordHasher().Hash("x"));
        // Keystone treats salt_bytesize = 0 as unset, i.e. 16 bytes.
        Assert.Equal(22, new PasswordHasher(new PasswordHasherOptions { Rounds = 1, SaltSize = 0 }).Hash("x").Split('$')[3].Length);
        Assert.Equal(128, new PasswordHasher(new PasswordHasherOptions { Rounds = 1, SaltSize = 96 }).Hash("x").Split('$')[3].Length);
    }

    [Fact]
    public void Writes_bcrypt_when_configured()
    {
        var hasher = new PasswordHasher(new PasswordHasherOptions { Algorithm = PasswordHashAlgorithm.Bcrypt, Rounds = 4 });
        string hash = hasher.Hash("pässword");
        Assert.Matches(@"^\$2b\$04\$[./A-Za-z0-9]{53}$", hash);
        Assert.True(hasher.Verify("pässword", hash));
        Assert.True(Verifier.Verify("pässword", hash));
        Assert.False(hasher.Verify("password", hash));
    }

    [Fact]
    public void Truncates_long_passwords_like_keystone()
    {
        var pbkdf2 = new PasswordHasher(new PasswordHasherOptions { Rounds = 1 });
        string longPassword = new('p', 5000);
        string hash = pbkdf2.Hash(longPassword);
        Assert.True(pbkdf2.Verify(new string('p', 4096) + "different tail", hash));
        Assert.False(pbkdf2.Verify(new string('p', 4095), hash));

        // With bcrypt configured the limit is 72 bytes, cut byte-wise even inside a character.
        var bcrypt = new PasswordHasher(new PasswordHasherOptions { Algorithm = PasswordHashAlgorithm.Bcrypt, Rounds = 4 });
        string multiByte = new string('a', 71) + "é";
        Assert.Equal(72, bcrypt.PreparePassword(multiByte).Length);
        Assert.Equal(Encoding.UTF8.GetBytes(multiByte)[..72], bcrypt.PreparePassword(multiByte));
        string bh = bcrypt.Hash(new string('q', 100));
        Assert.True(bcrypt.Verify(new string('q', 72), bh));
    }

    [Fact]
    public void Strict_check_refuses_instead_of_truncating()
    {
        var strict = new PasswordHasher(new PasswordHasherOptions { MaxPasswordLength = 8, StrictPasswordCheck = true, Rounds = 1 });
        Assert.Throws<PasswordTooLongException>(() => strict.Hash("123456789"));
        Assert.Throws<PasswordTooLongException>(() => strict.Verify("123456789", strict.Hash("12345678")));
        Assert.True(strict.Verify("12345678", strict.Hash("12345678")));
    }

    [Fact]
    public void Null_inputs_do_not_verify()
    {
        Assert.False(Verifier.Verify(null, "$2b$04$abcdefghijklmnopqrstuuOfUsnyhqgHqEylZl0tSFo1UiNoUVFae"));
        Assert.False(Verifier.Verify("x", null));
    }

    [Theory]
    [InlineData("$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E")]
    [InlineData("$7$C6..../....SodiumChloride$kBGj9fHznVYFQMEn/qDCfrDevf9YDtcDdKvEqHJLV8D")]
    [InlineData("$2x$04$abcdefghijklmnopqrstuuOfUsnyhqgHqEylZl0tSFo1UiNoUVFae")]
    [InlineData("$1$saltsalt$2vnaRpHa6Jxjz5n83ok8Z0")]
    [InlineData("plaintext")]
    [InlineData("")]
    public void Unsupported_schemes_say_so(string hash)
    {
        Assert.Throws<UnsupportedPasswordHashException>(() => Verifier.Verify("x", hash));
        Assert.True(Verifier.NeedsRehash(hash));
    }

    [Theory]
    [InlineData("$pbkdf2-sha512$01000$c2FsdA$AAAA")]
    [InlineData("$pbkdf2-sha512$1000$c2FsdA$AAAA")]
    [InlineData("$pbkdf2-sha512$abc$c2FsdA$AAAA")]
    [InlineData("$pbkdf2-sha512$1000$c2FsdA")]
    [InlineData("$2b$04$tooshort")]
    [InlineData("$2b$03$abcdefghijklmnopqrstuuOfUsnyhqgHqEylZl0tSFo1UiNoUVFae")]
    [InlineData("$2b$04$abcdefghijklmnopqrstuuOfUsnyhqgHqEylZl0tSFo1UiNoUVFa!")]
    [InlineData("$6$salt$tooshort")]
    public void Malformed_hashes_raise_format_errors(string hash)
    {
        Assert.Throws<FormatException>(() => Verifier.Verify("x", hash));
    }

    [Fact]
    public void Needs_rehash_when_scheme_or_rounds_differ()
    {
        var hasher = new PasswordHasher(new PasswordHasherOptions { Rounds = 1000 });
        Assert.False(hasher.NeedsRehash(hasher.Hash("x")));
        Assert.True(new PasswordHasher(new PasswordHasherOptions { Rounds = 2000 }).NeedsRehash(hasher.Hash("x")));
        Assert.True(hasher.NeedsRehash(File.ReadAllText(TestFiles.PathOf("keystone-reference-admin-password-hash.txt")).Trim()));
        var bcrypt = new PasswordHasher(new PasswordHasherOptions { Algorithm = PasswordHashAlgorithm.Bcrypt, Rounds = 4 });
        Assert.False(bcrypt.NeedsRehash(bcrypt.Hash("x")));
    }

    [Fact]
    public void Bcrypt_refuses_nul_bytes_and_bad_costs()
    {
        Assert.Throws<ArgumentException>(() => Bcrypt.Hash("a\0b"u8, 4));
        Assert.False(Bcrypt.Verify("a\0b"u8, Bcrypt.Hash("a"u8, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bcrypt.Hash("a"u8, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasswordHasher(new PasswordHasherOptions { Algorithm = PasswordHashAlgorithm.Bcrypt, Rounds = 32 }));
        Assert.Equal(5, Bcrypt.GetCost(Bcrypt.Hash("a"u8, 5)));
    }
}
