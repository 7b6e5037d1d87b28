using System.Text;

namespace SharpStack.Core.Configuration;

/// <summary>Reads the INI file and SHARPSTACK_* environment overrides, refusing anything unknown or malformed.</summary>
public static class ConfigLoader
{
    /// <summary>Environment overrides are named SHARPSTACK_&lt;SECTION&gt;__&lt;OPTION&gt;, e.g. SHARPSTACK_TOKEN__EXPIRATION.</summary>
    public const string EnvironmentPrefix = "SHARPSTACK_";

    public static SharpStackConfig Load(ConfigSchema schema, string? filePath, IReadOnlyDictionary<string, string> environment)
    {
        var raw = new Dictionary<Option, (string Value, string Source)>();
        if (filePath is not null)
        {
            var ini = IniFile.Load(filePath);
            CheckSections(schema, ini);
            foreach (var e in ini.Entries)
            {
                var option = ResolveOption(schema, e.Section, e.Key, $"{ini.Path}:{e.Line}");
                raw[option] = (e.Value, $"{ini.Path}:{e.Line}");
            }
        }
        foreach (var (name, value) in environment)
        {
            if (!name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = name[EnvironmentPrefix.Length..];
            var split = rest.IndexOf("__", StringComparison.Ordinal);
            if (split <= 0) continue; // SHARPSTACK_CONFIG_FILE and similar are not option overrides
            var section = rest[..split].ToLowerInvariant();
            if (section == "default") section = "DEFAULT";
            var key = rest[(split + 2)..].ToLowerInvariant();
            var option = ResolveOption(schema, section, key, $"environment variable {name}");
            raw[option] = (value, $"environment {name}");
        }

        var values = new Dictionary<Option, object?>();
        var sources = new Dictionary<Option, string>();
        foreach (var group in schema.Groups)
        {
            foreach (var option in group.Options)
            {
                string? text;
                string source;
                if (raw.TryGetValue(option, out var r))
                    (text, source) = r;
                else
                    (text, source) = (option.DefaultText, "default");
                if (text is null)
                {
                    values[option] = null;
                    sources[option] = source;
                    continue;
                }
                var expanded = Interpolate(schema, raw, option, text, source, depth: 0);
                if (!option.TryParse(expanded, out var value, out var error))
                    throw new ConfigException(Invalid(schema, option, text, source, error!));
                values[option] = value;
                sources[option] = source;
            }
        }
        return new SharpStackConfig(schema, filePath, values, sources);
    }

    private static void CheckSections(ConfigSchema schema, IniFile ini)
    {
        foreach (var (name, line) in ini.Sections)
        {
            if (schema.FindGroup(name) is not null) continue;
            var hint = Suggest.Closest(name, schema.Groups.Select(g => g.Name));
            throw new ConfigException(
                $"{ini.Path}:{line}: unknown section [{name}]" +
                (hint is not null ? $"; did you mean [{hint}]?" : $"; known sections: {string.Join(", ", schema.Groups.Select(g => g.Name).Order())}"));
        }
    }

    private static Option ResolveOption(ConfigSchema schema, string section, string key, string where)
    {
        var group = schema.FindGroup(section)
            ?? throw new ConfigException($"{where}: unknown section [{section}]" +
                (Suggest.Closest(section, schema.Groups.Select(g => g.Name)) is { } gs ? $"; did you mean [{gs}]?" : ""));
        var option = group.Options.FirstOrDefault(o => o.Name == key);
        if (option is not null) return option;

        var message = new StringBuilder($"{where}: unknown option '{key}' in [{section}]");
        var hint = Suggest.Closest(key, group.Options.Select(o => o.Name));
        var elsewhere = schema.Groups.Where(g => g != group).SelectMany(g => g.Options).FirstOrDefault(o => o.Name == key);
        if (hint is not null)
            message.Append($"; did you mean {hint}?");
        else if (elsewhere is not null)
            message.Append($"; '{key}' belongs in [{elsewhere.Group.Name}]");
        else if (group.Options.Count > 0)
            message.Append($"; options of [{section}]: {string.Join(", ", group.Options.Select(o => o.Name))}");
        throw new ConfigException(message.ToString());
    }

    private static string Interpolate(ConfigSchema schema, Dictionary<Option, (string Value, string Source)> raw,
        Option option, string text, string source, int depth)
    {
        if (!text.Contains('$')) return text;
        if (depth > 10)
            throw new ConfigException($"{source}: {option} refers to itself through $references");
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '$')
            {
                sb.Append(c);
                continue;
            }
            if (i + 1 < text.Length && text[i + 1] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }
            // A '$' not followed by a name (e.g. a regex ending in '$') is literal, as oslo.config leaves it.
            if (i + 1 >= text.Length || !(text[i + 1] == '{' || char.IsLetter(text[i + 1]) || text[i + 1] == '_'))
            {
                sb.Append('$');
                continue;
            }
            string name;
            if (i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i + 2);
                if (end < 0)
                    throw new ConfigException($"{source}: {option} = '{text}' has an unclosed ${{");
                name = text[(i + 2)..end];
                i = end;
            }
            else
            {
                var start = i + 1;
                var end = start;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) end++;
                name = text[start..end];
                i = end - 1;
            }
            var target = FindReference(schema, option.Group, name)
                ?? throw new ConfigException($"{source}: {option} = '{text}' refers to ${name}, which is not a known option");
            var (targetText, targetSource) = raw.TryGetValue(target, out var r) ? r : (target.DefaultText ?? "", "default");
            sb.Append(Interpolate(schema, raw, target, targetText, targetSource, depth + 1));
        }
        return sb.ToString();
    }

    private static Option? FindReference(ConfigSchema schema, OptionGroup group, string name)
    {
        var dot = name.IndexOf('.');
        if (dot > 0) return schema.FindOption(name[..dot], name[(dot + 1)..]);
        return group.Options.FirstOrDefault(o => o.Name == name) ?? schema.FindOption("DEFAULT", name);
    }

    private static string Invalid(ConfigSchema schema, Option option, string text, string source, string error)
    {
        var message = $"{source}: [{option.Group.Name}] {option.Name} = '{text}' is not valid: {error}";
        // A '#' typed for '$' (e.g. "#my_ip") is a classic: point at the fix.
        if (text.StartsWith('#') && FindReference(schema, option.Group, text[1..]) is not null)
            message += $"; did you mean '${text[1..]}'?";
        return message;
    }
}
