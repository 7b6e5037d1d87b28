using System.Globalization;

namespace SharpStack.Identity.Fernet;

/// <summary>
/// A keystone-manage compatible Fernet key directory (tokens, receipts or credentials): files named
/// by integers, "0" is the staged key, the highest number is the primary, the rest are secondary.
/// Setup and rotation follow keystone's fernet_utils numbering exactly so either tool can manage it.
/// </summary>
public sealed class FernetKeyRepository
{
    /// <summary>Default of Keystone's [fernet_tokens]/[fernet_receipts] max_active_keys.</summary>
    public const int DefaultMaxActiveKeys = 3;

    /// <summary>Credential repositories have no option: keystone hard-codes MAX_ACTIVE_KEYS = 3.</summary>
    public const int CredentialMaxActiveKeys = 3;

    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode KeyFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly object _reloadLock = new();
    private volatile FernetCipher? _current;

    public FernetKeyRepository(string path, int maxActiveKeys = DefaultMaxActiveKeys)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxActiveKeys, 1);
        Path = path;
        MaxActiveKeys = maxActiveKeys;
    }

    /// <summary>A repository for credential encryption keys (/etc/keystone/credential-keys layout).</summary>
    public static FernetKeyRepository ForCredentials(string path) => new(path, CredentialMaxActiveKeys);

    public string Path { get; }

    public int MaxActiveKeys { get; }

    /// <summary>True once a staged key exists, which is keystone's own "already initialized" test.</summary>
    public bool IsInitialized => File.Exists(KeyPath(0));

    /// <summary>
    /// Keys as last loaded (loading them on first use). Swapped atomically by <see cref="Reload"/>,
    /// so readers never see a half-built key set.
    /// </summary>
    public FernetCipher Current => _current ?? LoadCurrent();

    /// <summary>
    /// Equivalent of fernet_setup / credential_setup: creates the directory (0700) if needed and,
    /// unless a staged key already exists, writes key 0 and rotates once, leaving keys 0 and 1.
    /// </summary>
    /// <returns>False when the repository was already initialized (nothing is changed).</returns>
    public bool Setup()
    {
        if (!Directory.Exists(Path))
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(Path);
            else
                Directory.CreateDirectory(Path, DirectoryMode);
        }
        if (IsInitialized)
            return false;
        WriteKeyAtomically(0, FernetKey.Generate());
        Rotate();
        return true;
    }

    /// <summary>
    /// Equivalent of fernet_rotate: the staged key becomes the new primary (highest number + 1),
    /// a fresh staged key 0 is written, and the oldest non-staged keys beyond
    /// <see cref="MaxActiveKeys"/> - 1 are deleted. Does not reload <see cref="Current"/>.
    /// </summary>
    public void Rotate()
    {
        var existing = ListKeyFiles();
        if (!existing.ContainsKey(0))
            throw new InvalidOperationException($"Key repository {Path} has no staged key 0; run setup first.");

        // Write the next staged key under a temporary name first, so a crash at any point leaves
        // either the old staged key or the new one, never a partial file.
        var next = FernetKey.Generate();
        string temp = WriteTemp(next);
        int newPrimary = MaxKeyNumber(existing) + 1;
        File.Move(KeyPath(0), KeyPath(newPrimary));
        File.Move(temp, KeyPath(0), overwrite: true);

        existing.Remove(0);
        existing[newPrimary] = KeyPath(newPrimary);
        // Same purge rule as keystone: keep at most MaxActiveKeys - 1 non-staged keys, oldest go first.
        var numbers = new List<int>(existing.Keys);
        numbers.Sort();
        for (int i = 0; i < numbers.Count - (MaxActiveKeys - 1); i++)
            File.Delete(existing[numbers[i]]);
    }

    /// <summary>Reads every key from disk, primary (highest number) first and staged key 0 last.</summary>
    /// <returns>An empty list when the directory is missing or holds no keys.</returns>
    public IReadOnlyList<FernetKey> LoadKeys()
    {
        var files = ListKeyFiles();
        var numbers = new List<int>(files.Keys);
        numbers.Sort();
        numbers.Reverse();
        var keys = new List<FernetKey>(numbers.Count);
        foreach (int n in numbers)
        {
            string text = File.ReadAllText(files[n]);
            if (!FernetKey.TryParse(text, out var key))
                throw new InvalidDataException($"Fernet key file {files[n]} does not hold a valid key.");
            keys.Add(key);
        }
        return keys;
    }

    /// <summary>
    /// Re-reads the directory and swaps <see cref="Current"/> if the key set changed. Cheap when
    /// nothing changed; callers decide when to call it (timer, file watcher, after a rotation).
    /// </summary>
    /// <returns>True when the key set changed.</returns>
    public bool Reload()
    {
        lock (_reloadLock)
        {
            var loaded = LoadKeys();
            if (loaded.Count == 0)
                throw new InvalidOperationException($"Key repository {Path} holds no keys; run setup first.");
            var previous = _current;
            if (previous is not null && SameKeys(previous.Keys, loaded))
                return false;
            _current = new FernetCipher(Reuse(previous, loaded));
            return true;
        }
    }

    /// <summary>Numbered key files with non-empty content, as keystone lists them (other names are ignored).</summary>
    public SortedDictionary<int, string> ListKeyFiles()
    {
        var result = new SortedDictionary<int, string>();
        if (!Directory.Exists(Path))
            return result;
        foreach (string file in Directory.EnumerateFiles(Path))
        {
            string name = System.IO.Path.GetFileName(file);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
                continue;
            // Keystone skips empty key files (with a warning) rather than failing.
            if (new FileInfo(file).Length == 0)
                continue;
            result[number] = file;
        }
        return result;
    }

    private FernetCipher LoadCurrent()
    {
        Reload();
        return _current!;
    }

    private string KeyPath(int number) => System.IO.Path.Combine(Path, number.ToString(CultureInfo.InvariantCulture));

    private void WriteKeyAtomically(int number, FernetKey key) =>
        File.Move(WriteTemp(key), KeyPath(number), overwrite: true);

    private string WriteTemp(FernetKey key)
    {
        // Unique, non-numeric name: ignored by loaders (ours and keystone's) if a crash strands it.
        string temp = System.IO.Path.Combine(Path, $"0.tmp.{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = KeyFileMode;
        using (var stream = new FileStream(temp, options))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(key.Text));
            stream.Flush(flushToDisk: true);
        }
        return temp;
    }

    private static int MaxKeyNumber(SortedDictionary<int, string> files)
    {
        int max = 0;
        foreach (int n in files.Keys)
            max = Math.Max(max, n);
        return max;
    }

    private static bool SameKeys(IReadOnlyList<FernetKey> a, IReadOnlyList<FernetKey> b)
    {
        if (a.Count != b.Count)
            return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].Text != b[i].Text)
                return false;
        }
        return true;
    }

    // Keep FernetKey objects that did not change so their warmed-up AES pools survive a reload.
    private static List<FernetKey> Reuse(FernetCipher? previous, IReadOnlyList<FernetKey> loaded)
    {
        var result = new List<FernetKey>(loaded.Count);
        foreach (var key in loaded)
        {
            FernetKey chosen = key;
            if (previous is not null)
            {
                foreach (var old in previous.Keys)
                {
                    if (old.Text == key.Text)
                    {
                        chosen = old;
                        break;
                    }
                }
            }
            result.Add(chosen);
        }
        return result;
    }
}
