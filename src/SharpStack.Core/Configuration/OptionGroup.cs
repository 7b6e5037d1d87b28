using System.Net;

namespace SharpStack.Core.Configuration;

/// <summary>The options of one INI section, declared in code by the service that owns them.</summary>
public sealed class OptionGroup
{
    private readonly List<Option> _options = [];

    public OptionGroup(string name, string help)
    {
        Name = name;
        Help = help;
    }

    public string Name { get; }
    public string Help { get; }
    public IReadOnlyList<Option> Options => _options;

    private Option<T> Add<T>(Option<T> option)
    {
        if (_options.Any(o => o.Name == option.Name))
            throw new InvalidOperationException($"option {option} declared twice");
        _options.Add(option);
        return option;
    }

    public Option<string> String(string name, string defaultValue, string help, bool secret = false) =>
        Add(new Option<string>(this, name, defaultValue, help, "a string", raw => (true, raw, null)) { Secret = secret });

    /// <summary>A string option with no default: reads as null when unset.</summary>
    public Option<string?> OptionalString(string name, string help, bool secret = false) =>
        Add(new Option<string?>(this, name, null, help, "a string", raw => (true, raw, null)) { Secret = secret });

    public Option<int> Integer(string name, int defaultValue, string help, int? min = null, int? max = null)
    {
        var form = (min, max) switch
        {
            (null, null) => "an integer",
            ({ } lo, null) => $"an integer >= {lo}",
            (null, { } hi) => $"an integer <= {hi}",
            ({ } lo, { } hi) => $"an integer from {lo} to {hi}",
        };
        return Add(new Option<int>(this, name, defaultValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            help, form, raw => OptionParsers.Int(raw, min, max)));
    }

    /// <summary>An integer option that may be left unset (null).</summary>
    public Option<int?> OptionalInteger(string name, string help, int? min = null, int? max = null)
    {
        var form = min is { } lo ? $"an integer >= {lo}" : "an integer";
        return Add(new Option<int?>(this, name, null, help, form, raw =>
        {
            var (ok, v, err) = OptionParsers.Int(raw, min, max);
            return (ok, ok ? v : null, err);
        }));
    }

    /// <summary>A 64-bit integer (sizes in bytes).</summary>
    public Option<long> Long(string name, long defaultValue, string help, long? min = null) =>
        Add(new Option<long>(this, name, defaultValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            help, min is { } lo ? $"an integer >= {lo}" : "an integer", raw => OptionParsers.Long(raw, min)));

    public Option<double> Float(string name, double defaultValue, string help, double? min = null, double? max = null) =>
        Add(new Option<double>(this, name, defaultValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            help, min is null ? "a number" : $"a number >= {min}", raw => OptionParsers.Float(raw, min, max)));

    public Option<bool> Boolean(string name, bool defaultValue, string help) =>
        Add(new Option<bool>(this, name, defaultValue ? "true" : "false", help, "true or false", OptionParsers.Bool));

    public Option<int> Port(string name, int defaultValue, string help) =>
        Add(new Option<int>(this, name, defaultValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            help, "a port number from 0 to 65535", raw => OptionParsers.Int(raw, 0, 65535)));

    public Option<string> Choice(string name, string defaultValue, IReadOnlyList<string> choices, string help) =>
        Add(new Option<string>(this, name, defaultValue, help, "one of: " + string.Join(", ", choices),
            raw => choices.Contains(raw.Trim()) ? (true, raw.Trim(), null) : (false, raw, null)));

    public Option<IReadOnlyList<string>> List(string name, IReadOnlyList<string> defaultValue, string help) =>
        Add(new Option<IReadOnlyList<string>>(this, name, string.Join(",", defaultValue), help,
            "a comma-separated list", raw => (true, OptionParsers.List(raw), null)));

    /// <summary>An IP address (v4 or v6). The default may interpolate another option, e.g. "$my_ip".</summary>
    public Option<IPAddress> IpAddress(string name, string defaultValue, string help) =>
        Add(new Option<IPAddress>(this, name, defaultValue, help, "an IP address such as 192.0.2.10 or 2001:db8::10",
            raw => IPAddress.TryParse(raw.Trim(), out var ip) && !raw.Contains('%')
                ? (true, ip, null)
                : (false, IPAddress.None, null)));

    /// <summary>A filesystem path; an empty value reads as unset.</summary>
    public Option<string?> Path(string name, string? defaultValue, string help) =>
        Add(new Option<string?>(this, name, defaultValue, help, "a filesystem path",
            raw => raw.Trim().Length == 0 ? (true, null, null)
                : raw.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0 ? (false, null, null)
                : (true, raw.Trim(), null)));

    /// <summary>An absolute http(s) URL; an empty value reads as unset.</summary>
    public Option<Uri?> Url(string name, string? defaultValue, string help) =>
        Add(new Option<Uri?>(this, name, defaultValue, help, "an absolute http:// or https:// URL",
            raw => raw.Trim().Length == 0 ? (true, null, null)
                : Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var u) && (u.Scheme == "http" || u.Scheme == "https")
                    ? (true, u, null)
                    : (false, null, null)));
}
