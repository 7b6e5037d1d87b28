using System.Text;
using SharpStack.Identity.Fernet;

namespace SharpStack.Identity.Tests.Fernet;

public class FernetCipherTests
{
    private static readonly FernetKey KeyA = FernetKey.Generate();
    private static readonly FernetKey KeyB = FernetKey.Generate();

    public static TheoryData<int> PythonVectorIndexes()
    {
        var data = new TheoryData<int>();
        int n = TestFiles.Json("fernet-vectors.json").GetProperty("tokens").GetArrayLength();
        for (int i = 0; i < n; i++)
            data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(PythonVectorIndexes))]
    public void Matches_pyca_cryptography_byte_for_byte(int index)
    {
        var v = TestFiles.Json("fernet-vectors.json").GetProperty("tokens")[index];
        var cipher = new FernetCipher(FernetKey.Parse(v.GetProperty("key").GetString()!));
        byte[] plaintext = Convert.FromHexString(v.GetProperty("plaintext").GetString()!);
        string expected = v.GetProperty("token").GetString()!;

        string ours = cipher.EncryptCore(plaintext, v.GetProperty("timestamp").GetInt64(),
            Convert.FromHexString(v.GetProperty("iv").GetString()!), padded: true);

        Assert.Equal(expected, ours);
        Assert.Equal(FernetStatus.Valid, cipher.TryDecrypt(expected, out byte[]? decrypted, out long ts));
        Assert.Equal(plaintext, decrypted);
        Assert.Equal(v.GetProperty("timestamp").GetInt64(), ts);
        // Keystone strips the padding; the unpadded form must decode too.
        Assert.Equal(plaintext, cipher.Decrypt(expected.TrimEnd('=')));
    }

    [Fact]
    public void Round_trips_and_stamps_the_time()
    {
        var cipher = new FernetCipher(KeyA);
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        string token = cipher.Encrypt("payload"u8, now);

        Assert.Equal(FernetStatus.Valid, cipher.TryDecrypt(token, out byte[]? plain, out long ts));
        Assert.Equal("payload"u8.ToArray(), plain);
        Assert.Equal(now.ToUnixTimeSeconds(), ts);
        Assert.True(FernetCipher.TryReadTimestamp(token, out var issued));
        Assert.Equal(now, issued);
    }

    [Fact]
    public void Large_plaintexts_use_the_pooled_path()
    {
        var cipher = new FernetCipher(KeyA);
        var big = Encoding.UTF8.GetBytes(new string('x', 5000));
        Assert.Equal(big, cipher.Decrypt(cipher.Encrypt(big)));
    }

    [Fact]
    public void Multi_key_encrypts_with_primary_and_decrypts_with_any()
    {
        var oldOnly = new FernetCipher(KeyB);
        var both = new FernetCipher(KeyA, KeyB);
        string fromOld = oldOnly.Encrypt("old"u8);
        string fromBoth = both.Encrypt("new"u8);

        Assert.Equal("old"u8.ToArray(), both.Decrypt(fromOld));
        Assert.Equal("new"u8.ToArray(), new FernetCipher(KeyA).Decrypt(fromBoth));
        Assert.Equal(FernetStatus.InvalidSignature, oldOnly.TryDecrypt(fromBoth, out _, out _));
    }

    [Fact]
    public void Every_tampered_byte_is_rejected()
    {
        var cipher = new FernetCipher(KeyA);
        string token = cipher.Encrypt("tamper me please"u8, padded: false);
        byte[] raw = UrlSafeBase64.TryDecode(token)!;
        for (int i = 0; i < raw.Length; i++)
        {
            var copy = (byte[])raw.Clone();
            copy[i] ^= 0x01;
            var status = cipher.TryDecrypt(UrlSafeBase64.EncodeUnpadded(copy), out byte[]? plain, out _);
            Assert.NotEqual(FernetStatus.Valid, status);
            Assert.Null(plain);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("gAAAAA")]
    [InlineData("not a token at all")]
    [InlineData("gAAAAABrAkOn!!!!")]
    [InlineData("====")]
    [InlineData("a")]
    [InlineData("gAAAAABrAkOnZHER6WAb+lRj3uRhDlLrjtJztUncoGDVG9/23X1OaeQty3dpEHLS3l")]
    public void Garbage_is_malformed_not_an_exception(string token)
    {
        var cipher = new FernetCipher(KeyA);
        Assert.Equal(FernetStatus.Malformed, cipher.TryDecrypt(token, out byte[]? plain, out _));
        Assert.Null(plain);
        var e = Assert.Throws<FernetException>(() => cipher.Decrypt(token));
        Assert.Equal(FernetStatus.Malformed, e.Status);
    }

    [Fact]
    public void Truncations_and_wrong_version_are_rejected()
    {
        var cipher = new FernetCipher(KeyA);
        string token = cipher.Encrypt("truncate"u8, padded: false);
        for (int len = 0; len < token.Length; len++)
            Assert.NotEqual(FernetStatus.Valid, cipher.TryDecrypt(token.AsSpan(0, len), out byte[]? _, out _));

        byte[] raw = UrlSafeBase64.TryDecode(token)!;
        raw[0] = 0x81;
        Assert.Equal(FernetStatus.Malformed, cipher.TryDecrypt(UrlSafeBase64.EncodeUnpadded(raw), out byte[]? _, out _));
    }

    [Fact]
    public void Ttl_is_enforced_only_when_asked()
    {
        var cipher = new FernetCipher(KeyA);
        var issued = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        string token = cipher.Encrypt("ttl"u8, issued);
        var ttl = TimeSpan.FromSeconds(100);

        Assert.Equal(FernetStatus.Valid, cipher.TryDecrypt(token, out byte[]? _, out _, ttl, issued.AddSeconds(100)));
        Assert.Equal(FernetStatus.Expired, cipher.TryDecrypt(token, out byte[]? _, out _, ttl, issued.AddSeconds(101)));
        Assert.Equal(FernetStatus.Valid, cipher.TryDecrypt(token, out byte[]? _, out _, ttl, issued.AddSeconds(-60)));
        Assert.Equal(FernetStatus.NotYetValid, cipher.TryDecrypt(token, out byte[]? _, out _, ttl, issued.AddSeconds(-61)));
        Assert.Equal(FernetStatus.Valid, cipher.TryDecrypt(token, out byte[]? _, out _));
    }

    [Fact]
    public void Span_api_reports_a_small_destination()
    {
        var cipher = new FernetCipher(KeyA);
        string token = cipher.Encrypt(new byte[40]);
        Span<byte> small = stackalloc byte[8];
        Assert.Equal(FernetStatus.DestinationTooSmall, cipher.TryDecrypt(token, small, out _, out _));
        Span<byte> exact = stackalloc byte[40];
        Assert.Equal(FernetStatus.Valid, cipher.TryDecrypt(token, exact, out int written, out _));
        Assert.Equal(40, written);
    }

    [Fact]
    public void Concurrent_use_is_safe()
    {
        var cipher = new FernetCipher(KeyA, KeyB);
        var tokens = Enumerable.Range(0, 64).Select(i => (i, cipher.Encrypt(BitConverter.GetBytes(i)))).ToArray();
        Parallel.For(0, 4000, n =>
        {
            var (i, token) = tokens[n % tokens.Length];
            Assert.Equal(i, BitConverter.ToInt32(cipher.Decrypt(token)));
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void Bad_keys_are_refused(string text)
    {
        Assert.False(FernetKey.TryParse(text, out _));
        Assert.Throws<FormatException>(() => FernetKey.Parse(text));
    }

    [Fact]
    public void Generated_keys_look_like_keystone_manage_keys()
    {
        var key = FernetKey.Generate();
        Assert.Equal(44, key.Text.Length);
        Assert.EndsWith("=", key.Text);
        Assert.True(FernetKey.TryParse(key.Text + "\n", out _));
        Assert.DoesNotContain(key.Text, key.ToString());
    }
}
