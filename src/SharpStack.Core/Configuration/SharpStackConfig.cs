namespace SharpStack.Core.Configuration;

/// <summary>The validated configuration: a typed value for every known option, and where each came from.</summary>
public sealed class SharpStackConfig
{
    private readonly Dictionary<Option, object?> _values;
    private readonly Dictionary<Option, string> _sources;

    internal SharpStackConfig(ConfigSchema schema, string? filePath, Dictionary<Option, object?> values, Dictionary<Option, string> sources)
    {
        Schema = schema;
        FilePath = filePath;
        _values = values;
        _sources = sources;
    }

    public ConfigSchema Schema { get; }

    /// <summary>The file the configuration was read from, or null when running on defaults.</summary>
    public string? FilePath { get; }

    public T Get<T>(Option<T> option) =>
        _values.TryGetValue(option, out var v)
            ? (T)v!
            : throw new InvalidOperationException($"option {option} is not part of this configuration's schema");

    /// <summary>"default", "file.conf:12" or "environment SHARPSTACK_…".</summary>
    public string SourceOf(Option option) => _sources.GetValueOrDefault(option, "default");

    /// <summary>The value formatted for display, secrets masked.</summary>
    public string Display(Option option)
    {
        var v = _values.GetValueOrDefault(option);
        if (option.Secret && v is not null) return "****";
        return v switch
        {
            null => "(unset)",
            bool b => b ? "true" : "false",
            IEnumerable<string> list => string.Join(",", list),
            _ => v.ToString() ?? "",
        };
    }

    /// <summary>A configuration of defaults only (plus overrides), for tests and tools.</summary>
    public static SharpStackConfig Defaults(ConfigSchema schema, IReadOnlyDictionary<string, string>? overrides = null) =>
        ConfigLoader.Load(schema, filePath: null, environment: overrides ?? new Dictionary<string, string>());
}
