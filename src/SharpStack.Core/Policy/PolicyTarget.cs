namespace SharpStack.Core.Policy;

/// <summary>
/// Builds the target dict of an authorization the way keystone does: nested values are flattened
/// to dotted keys (<c>target.user.domain_id</c>), lists and scalars are kept as they are.
/// </summary>
/// <example>
/// <code>
/// var target = new PolicyTarget()
///     .Set("user_id", userIdFromPath)
///     .Set("target.user", new Dictionary&lt;string, object?&gt; { ["id"] = user.Id, ["domain_id"] = user.DomainId });
/// enforcer.Authorize("identity:get_user", creds, target);
/// </code>
/// </example>
public sealed class PolicyTarget : Dictionary<string, object?>
{
    public static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    public PolicyTarget()
        : base(StringComparer.Ordinal)
    {
    }

    /// <summary>Adds <paramref name="value"/> under <paramref name="key"/>, flattening nested mappings.</summary>
    public PolicyTarget Set(string key, object? value, bool flatten = true)
    {
        if (flatten && ValueWalker.IsMapping(value))
        {
            Flatten(this, key, value);
        }
        else
        {
            this[key] = value;
        }
        return this;
    }

    /// <summary>keystone's <c>flatten_dict</c>: <c>{"a": {"b": 1}}</c> becomes <c>{"a.b": 1}</c>.</summary>
    public static PolicyTarget Flatten(IEnumerable<KeyValuePair<string, object?>> nested)
    {
        ArgumentNullException.ThrowIfNull(nested);
        var result = new PolicyTarget();
        foreach (var (key, value) in nested)
        {
            result.Set(key, value);
        }
        return result;
    }

    private static void Flatten(PolicyTarget into, string prefix, object? value)
    {
        switch (value)
        {
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var (k, v) in pairs)
                {
                    Recurse(into, prefix + "." + k, v);
                }
                break;
            case System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Object } obj:
                foreach (var p in obj.EnumerateObject())
                {
                    Recurse(into, prefix + "." + p.Name, p.Value);
                }
                break;
            case System.Collections.IDictionary legacy:
                foreach (System.Collections.DictionaryEntry e in legacy)
                {
                    Recurse(into, prefix + "." + e.Key, e.Value);
                }
                break;
        }
    }

    private static void Recurse(PolicyTarget into, string key, object? value)
    {
        if (ValueWalker.IsMapping(value))
        {
            Flatten(into, key, value);
        }
        else
        {
            into[key] = value;
        }
    }
}
