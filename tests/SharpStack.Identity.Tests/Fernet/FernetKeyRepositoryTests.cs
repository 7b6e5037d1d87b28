using SharpStack.Identity.Fernet;

namespace SharpStack.Identity.Tests.Fernet;

public class FernetKeyRepositoryTests
{
    private static int[] Numbers(string dir) =>
        Directory.GetFiles(dir).Select(Path.GetFileName).Select(n => int.Parse(n!)).Order().ToArray();

    // Sequences recorded from keystone's own FernetUtils (setup, then six rotations) for each max_active_keys.
    [Theory]
    [InlineData(1, "0|0|0|0|0|0|0")]
    [InlineData(2, "0,1|0,2|0,3|0,4|0,5|0,6|0,7")]
    [InlineData(3, "0,1|0,1,2|0,2,3|0,3,4|0,4,5|0,5,6|0,6,7")]
    [InlineData(5, "0,1|0,1,2|0,1,2,3|0,1,2,3,4|0,2,3,4,5|0,3,4,5,6|0,4,5,6,7")]
    public void Setup_and_rotate_number_keys_like_keystone(int maxActiveKeys, string expected)
    {
        using var tmp = new TestFiles.TempDirectory();
        string dir = Path.Combine(tmp.Path, "keys");
        var repo = new FernetKeyRepository(dir, maxActiveKeys);
        var seen = new List<string>();

        Assert.True(repo.Setup());
        seen.Add(string.Join(',', Numbers(dir)));
        for (int i = 0; i < 6; i++)
        {
            repo.Rotate();
            seen.Add(string.Join(',', Numbers(dir)));
        }

        Assert.Equal(expected, string.Join('|', seen));
    }

    [Fact]
    public void Setup_uses_private_permissions_and_is_idempotent()
    {
        using var tmp = new TestFiles.TempDirectory();
        string dir = Path.Combine(tmp.Path, "keys");
        var repo = new FernetKeyRepository(dir);

        Assert.True(repo.Setup());
        var before = repo.LoadKeys().Select(k => k.Text).ToArray();
        Assert.False(repo.Setup());
        Assert.Equal(before, repo.LoadKeys().Select(k => k.Text).ToArray());

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
            foreach (var file in Directory.GetFiles(dir))
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        Assert.Equal(new[] { "0", "1" }, Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order().ToArray());
        foreach (var file in Directory.GetFiles(dir))
            Assert.Equal(44, File.ReadAllText(file).Length);
    }

    [Fact]
    public void Rotation_promotes_the_staged_key_and_loads_primary_first()
    {
        using var tmp = new TestFiles.TempDirectory();
        var repo = new FernetKeyRepository(tmp.Path);
        repo.Setup();
        string staged = File.ReadAllText(Path.Combine(tmp.Path, "0"));
        string oldPrimary = File.ReadAllText(Path.Combine(tmp.Path, "1"));

        repo.Rotate();

        Assert.Equal(staged, File.ReadAllText(Path.Combine(tmp.Path, "2")));
        var keys = repo.LoadKeys().Select(k => k.Text).ToArray();
        Assert.Equal(3, keys.Length);
        Assert.Equal(staged, keys[0]);
        Assert.Equal(oldPrimary, keys[1]);
        Assert.Equal(File.ReadAllText(Path.Combine(tmp.Path, "0")), keys[2]);
        Assert.DoesNotContain(Directory.GetFiles(tmp.Path), f => Path.GetFileName(f).Contains("tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Reload_picks_up_rotation_and_old_tokens_still_decrypt()
    {
        using var tmp = new TestFiles.TempDirectory();
        var repo = new FernetKeyRepository(tmp.Path);
        repo.Setup();
        var first = repo.Current;
        string token = first.Encrypt("before rotation"u8);

        Assert.False(repo.Reload());
        Assert.Same(first, repo.Current);

        repo.Rotate();
        Assert.Same(first, repo.Current);
        Assert.True(repo.Reload());
        Assert.NotSame(first, repo.Current);
        Assert.Equal("before rotation"u8.ToArray(), repo.Current.Decrypt(token));
        // The staged key of the first set is the primary now, and the unchanged key objects are reused.
        Assert.Same(first.Keys[1], repo.Current.Keys[0]);
    }

    [Fact]
    public void Ignores_non_numeric_and_empty_files()
    {
        using var tmp = new TestFiles.TempDirectory();
        var repo = new FernetKeyRepository(tmp.Path);
        repo.Setup();
        File.WriteAllText(Path.Combine(tmp.Path, "0.tmp"), "junk");
        File.WriteAllText(Path.Combine(tmp.Path, "README"), "junk");
        File.WriteAllText(Path.Combine(tmp.Path, "7"), "");

        Assert.Equal(2, repo.LoadKeys().Count);
        repo.Rotate();
        Assert.Equal(new[] { "0", "0.tmp", "1", "2", "7", "README" }, Directory.GetFiles(tmp.Path).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Invalid_or_missing_state_fails_loudly()
    {
        using var tmp = new TestFiles.TempDirectory();
        var repo = new FernetKeyRepository(tmp.Path);
        Assert.Empty(repo.LoadKeys());
        Assert.Throws<InvalidOperationException>(repo.Rotate);
        Assert.Throws<InvalidOperationException>(() => repo.Current);

        File.WriteAllText(Path.Combine(tmp.Path, "0"), "not a key");
        Assert.Throws<InvalidDataException>(repo.LoadKeys);
        Assert.Empty(new FernetKeyRepository(Path.Combine(tmp.Path, "missing")).LoadKeys());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FernetKeyRepository(tmp.Path, 0));
    }

    [Fact]
    public void Loads_the_reference_keystone_repository()
    {
        var repo = new FernetKeyRepository(TestFiles.PathOf("keystone-fernet-keys"));
        var keys = repo.LoadKeys();
        Assert.Equal(2, keys.Count);
        Assert.Equal(File.ReadAllText(TestFiles.PathOf("keystone-fernet-keys/1")), keys[0].Text);
    }

    [Fact]
    public void Credential_repositories_keep_three_keys()
    {
        Assert.Equal(3, FernetKeyRepository.ForCredentials("/nonexistent").MaxActiveKeys);
    }
}
