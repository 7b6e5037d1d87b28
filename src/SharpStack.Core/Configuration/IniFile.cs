namespace SharpStack.Core.Configuration;

/// <summary>One "key = value" line of an INI file, with where it was found.</summary>
public sealed record IniEntry(string Section, string Key, string Value, int Line);

/// <summary>An oslo.config-style INI file: [sections], key = value (or key: value), # and ; comments,
/// indented continuation lines, quotes around a whole value stripped, repeated keys kept in order.</summary>
public sealed class IniFile
{
    private IniFile(string path, IReadOnlyList<IniEntry> entries, IReadOnlyList<(string Name, int Line)> sections)
    {
        Path = path;
        Entries = entries;
        Sections = sections;
    }

    public string Path { get; }
    public IReadOnlyList<IniEntry> Entries { get; }
    public IReadOnlyList<(string Name, int Line)> Sections { get; }

    public static IniFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the configuration file: {e.Message}");
        }
        return Parse(text, path);
    }

    public static IniFile Parse(string text, string path = "<string>")
    {
        var entries = new List<IniEntry>();
        var sections = new List<(string, int)>();
        string? section = null;
        IniEntry? last = null;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNo = i + 1;
            var raw = lines[i];
            var line = raw.Trim();
            if (line.Length == 0)
            {
                last = null;
                continue;
            }
            if (line[0] is '#' or ';')
                continue;
            if (char.IsWhiteSpace(raw[0]) && last is not null)
            {
                // A continuation line extends the previous value, as oslo.config's parser does.
                last = last with { Value = last.Value + "\n" + line };
                entries[^1] = last;
                continue;
            }
            if (line[0] == '[')
            {
                if (!line.EndsWith(']') || line.Length < 3)
                    throw new ConfigException($"{path}:{lineNo}: malformed section header '{line}' (expected [section])");
                section = line[1..^1].Trim();
                sections.Add((section, lineNo));
                last = null;
                continue;
            }
            var sep = IndexOfSeparator(line);
            if (sep < 0)
                throw new ConfigException($"{path}:{lineNo}: '{line}' is not an option assignment (expected name = value)");
            var key = line[..sep].Trim();
            if (key.Length == 0)
                throw new ConfigException($"{path}:{lineNo}: an assignment has no option name");
            if (section is null)
                throw new ConfigException($"{path}:{lineNo}: '{key}' appears before any [section] header (options belong in a section such as [DEFAULT])");
            var value = Unquote(line[(sep + 1)..].Trim());
            last = new IniEntry(section, key, value, lineNo);
            entries.Add(last);
        }
        return new IniFile(path, entries, sections);
    }

    private static int IndexOfSeparator(string line)
    {
        var eq = line.IndexOf('=');
        var colon = line.IndexOf(':');
        if (eq < 0) return colon;
        if (colon < 0) return eq;
        return Math.Min(eq, colon);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\'' ? value[1..^1] : value;
}
