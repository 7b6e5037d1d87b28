namespace SharpStack.Core.Configuration;

/// <summary>Every option the program knows, across all services, so that one file can be checked whole.</summary>
public sealed class ConfigSchema
{
    private readonly Dictionary<string, OptionGroup> _groups = new(StringComparer.Ordinal);

    public ConfigSchema(IEnumerable<OptionGroup> groups)
    {
        foreach (var g in groups)
        {
            if (!_groups.TryAdd(g.Name, g) && !ReferenceEquals(_groups[g.Name], g))
                throw new InvalidOperationException($"option group [{g.Name}] declared twice");
        }
    }

    public IReadOnlyCollection<OptionGroup> Groups => _groups.Values;

    public OptionGroup? FindGroup(string name) => _groups.GetValueOrDefault(name);

    public Option? FindOption(string section, string name) =>
        FindGroup(section)?.Options.FirstOrDefault(o => o.Name == name);
}
