namespace SharpStack.Core.Policy;

/// <summary>An API operation a rule protects (for documentation and sample files).</summary>
public readonly record struct PolicyOperation(string Method, string Path);

/// <summary>
/// The previous default of a rule (oslo's <c>DeprecatedRule</c>). While
/// <see cref="PolicyOptions.EnforceNewDefaults"/> is false and the operator has not overridden the rule,
/// the effective check is <c>new or old</c>. If <see cref="Name"/> differs from the new rule's name
/// (a rename) and the operator's file overrides the old name, that override is used for the new name.
/// </summary>
public sealed class DeprecatedRule
{
    public DeprecatedRule(string name, string checkString)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(checkString);
        Name = name;
        CheckString = checkString;
        Check = PolicyParser.Parse(checkString);
    }

    public string Name { get; }

    public string CheckString { get; }

    public PolicyCheck Check { get; }

    public string? Reason { get; init; }

    /// <summary>Release in which the old default was deprecated, e.g. "S" (Stein) or "T" (Train).</summary>
    public string? Since { get; init; }
}

/// <summary>
/// A rule registered in code (oslo's <c>RuleDefault</c>/<c>DocumentedRuleDefault</c>). The check string is
/// parsed when the object is created, so a broken default fails fast at startup.
/// </summary>
public sealed class RuleDefault
{
    private readonly IReadOnlyList<string> _scopeTypes = [];

    public RuleDefault(string name, string checkString)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(checkString);
        Name = name;
        CheckString = checkString;
        try
        {
            Check = PolicyParser.Parse(checkString);
        }
        catch (PolicyParseException ex)
        {
            throw ex.WithLocation(name, null, null);
        }
    }

    public string Name { get; }

    public string CheckString { get; }

    public PolicyCheck Check { get; }

    public string? Description { get; init; }

    /// <summary>
    /// Token scopes the operation is meant for (<see cref="PolicyScopes"/>). Empty means "not checked".
    /// </summary>
    public IReadOnlyList<string> ScopeTypes
    {
        get => _scopeTypes;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Distinct(StringComparer.Ordinal).Count() != value.Count)
            {
                throw new ArgumentException($"scope_types of {Name} must be unique", nameof(value));
            }
            _scopeTypes = [.. value];
        }
    }

    public IReadOnlyList<PolicyOperation> Operations { get; init; } = [];

    public DeprecatedRule? DeprecatedRule { get; init; }

    /// <summary>The rule itself is going away (oslo's <c>deprecated_for_removal</c>).</summary>
    public bool DeprecatedForRemoval { get; init; }

    public string? DeprecatedReason { get; init; }

    public string? DeprecatedSince { get; init; }

    public bool AllowsScope(string tokenScope)
    {
        var scopes = _scopeTypes;
        for (var i = 0; i < scopes.Count; i++)
        {
            if (string.Equals(scopes[i], tokenScope, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    public override string ToString() => $"\"{Name}\": \"{CheckString}\"";
}
