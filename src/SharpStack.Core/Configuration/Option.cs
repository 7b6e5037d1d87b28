using System.Globalization;

namespace SharpStack.Core.Configuration;

/// <summary>One configuration option: its section, name, type, default and help text.</summary>
public abstract class Option
{
    protected Option(OptionGroup group, string name, string? defaultText, string help)
    {
        Group = group;
        Name = name;
        DefaultText = defaultText;
        Help = help;
    }

    public OptionGroup Group { get; }
    public string Name { get; }

    /// <summary>The default as written in a config file (may use $interpolation); null means unset.</summary>
    public string? DefaultText { get; }
    public string Help { get; }

    /// <summary>True for passwords and keys: never printed in full.</summary>
    public bool Secret { get; init; }

    /// <summary>How a valid value looks, for error messages and docs ("an integer from 1 to 65535").</summary>
    public abstract string ExpectedForm { get; }

    /// <summary>Parses a raw (already interpolated) value; returns an error text describing the problem when it is not valid.</summary>
    public abstract bool TryParse(string raw, out object? value, out string? error);

    public override string ToString() => $"[{Group.Name}] {Name}";
}

/// <summary>A typed option; read it with <see cref="SharpStackConfig.Get{T}(Option{T})"/>.</summary>
public sealed class Option<T> : Option
{
    private readonly Func<string, (bool Ok, T Value, string? Error)> _parse;

    internal Option(OptionGroup group, string name, string? defaultText, string help, string expectedForm,
        Func<string, (bool Ok, T Value, string? Error)> parse)
        : base(group, name, defaultText, help)
    {
        ExpectedForm = expectedForm;
        _parse = parse;
    }

    public override string ExpectedForm { get; }

    public override bool TryParse(string raw, out object? value, out string? error)
    {
        var (ok, v, err) = _parse(raw);
        value = v;
        error = ok ? null : err ?? $"expected {ExpectedForm}";
        return ok;
    }
}

/// <summary>Parsers shared by the option factories.</summary>
internal static class OptionParsers
{
    public static (bool, bool, string?) Bool(string raw) => raw.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => (true, true, null),
        "false" or "no" or "off" or "0" => (true, false, null),
        _ => (false, false, null),
    };

    public static (bool, int, string?) Int(string raw, int? min, int? max)
    {
        if (!int.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            return (false, 0, null);
        if ((min is { } lo && v < lo) || (max is { } hi && v > hi))
            return (false, v, null);
        return (true, v, null);
    }

    public static (bool, long, string?) Long(string raw, long? min)
    {
        if (!long.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            return (false, 0, null);
        return min is { } lo && v < lo ? (false, v, null) : (true, v, null);
    }

    public static (bool, double, string?) Float(string raw, double? min, double? max)
    {
        if (!double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            return (false, 0, null);
        if ((min is { } lo && v < lo) || (max is { } hi && v > hi))
            return (false, v, null);
        return (true, v, null);
    }

    public static IReadOnlyList<string> List(string raw)
    {
        var s = raw.Trim();
        // oslo.config accepts both "a,b" and "[a,b]" for list options.
        if (s.StartsWith('[') && s.EndsWith(']')) s = s[1..^1];
        return s.Length == 0
            ? []
            : s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }
}
