using System.Collections;
using System.Text.Json;

namespace SharpStack.Core.Policy;

/// <summary>
/// A parsed policy expression (a node of the check tree). Instances are immutable and can be shared
/// between threads and evaluated any number of times. <see cref="ToString"/> renders the canonical
/// form oslo.policy prints for the same tree (<c>(a and b)</c>, <c>not x</c>, <c>@</c>, <c>!</c>).
/// </summary>
public abstract class PolicyCheck
{
    private protected PolicyCheck()
    {
    }

    /// <summary>Always allows (<c>@</c>, and the empty check string).</summary>
    public static PolicyCheck Always { get; } = new TrueCheck();

    /// <summary>Always denies (<c>!</c>).</summary>
    public static PolicyCheck Never { get; } = new FalseCheck();

    internal abstract bool Evaluate(ref PolicyEvaluation eval);

    /// <summary>Evaluates this expression alone; <c>rule:</c> references resolve against <paramref name="rules"/>.</summary>
    public bool Evaluate(
        PolicyCredentials credentials,
        IReadOnlyDictionary<string, object?> target,
        IReadOnlyDictionary<string, PolicyCheck>? rules = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(target);
        var table = rules is null ? RuleTable.Empty : new RuleTable(rules, null, null);
        var eval = new PolicyEvaluation(credentials, target, table);
        return Evaluate(ref eval);
    }

    /// <summary>Names referenced with <c>rule:</c> anywhere in this tree.</summary>
    public IEnumerable<string> ReferencedRules()
    {
        var stack = new Stack<PolicyCheck>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case RuleCheck r:
                    yield return r.RuleName;
                    break;
                case NotCheck n:
                    stack.Push(n.Operand);
                    break;
                case CompoundCheck c:
                    for (var i = c.Operands.Count - 1; i >= 0; i--) stack.Push(c.Operands[i]);
                    break;
            }
        }
    }

    public abstract override string ToString();
}

/// <summary>Evaluation state threaded through a check tree; lives on the stack.</summary>
internal ref struct PolicyEvaluation
{
    public const int MaxRuleDepth = 64;

    public PolicyEvaluation(PolicyCredentials credentials, IReadOnlyDictionary<string, object?> target, RuleTable rules)
    {
        Credentials = credentials;
        Target = target;
        Rules = rules;
        Depth = 0;
    }

    public readonly PolicyCredentials Credentials;
    public readonly IReadOnlyDictionary<string, object?> Target;
    public readonly RuleTable Rules;
    public int Depth;
}

/// <summary>The rules a <c>rule:</c> check can reach, plus oslo's default-rule fallback.</summary>
internal sealed class RuleTable
{
    public static readonly RuleTable Empty = new(new Dictionary<string, PolicyCheck>(), null, null);

    private readonly IReadOnlyDictionary<string, PolicyCheck> _rules;
    private readonly string? _defaultRule;
    private readonly Action<string, string?>? _onMissing;

    /// <param name="onMissing">Called with the missing name and the default rule used instead (or null).</param>
    public RuleTable(IReadOnlyDictionary<string, PolicyCheck> rules, string? defaultRule, Action<string, string?>? onMissing)
    {
        _rules = rules;
        _defaultRule = string.IsNullOrEmpty(defaultRule) ? null : defaultRule;
        _onMissing = onMissing;
    }

    public IReadOnlyDictionary<string, PolicyCheck> Rules => _rules;

    /// <summary>
    /// oslo's <c>Rules.__missing__</c>: an unknown name falls back to the default rule (normally
    /// "default") when that rule exists; otherwise the lookup fails and the check is false.
    /// </summary>
    public bool TryResolve(string name, out PolicyCheck check)
    {
        if (_rules.TryGetValue(name, out check!))
        {
            return true;
        }
        if (_defaultRule is not null && _rules.TryGetValue(_defaultRule, out check!))
        {
            _onMissing?.Invoke(name, _defaultRule);
            return true;
        }
        _onMissing?.Invoke(name, null);
        check = PolicyCheck.Never;
        return false;
    }
}

internal sealed class TrueCheck : PolicyCheck
{
    internal override bool Evaluate(ref PolicyEvaluation eval) => true;

    public override string ToString() => "@";
}

internal sealed class FalseCheck : PolicyCheck
{
    internal override bool Evaluate(ref PolicyEvaluation eval) => false;

    public override string ToString() => "!";
}

/// <summary><c>not X</c>.</summary>
public sealed class NotCheck : PolicyCheck
{
    internal NotCheck(PolicyCheck operand) => Operand = operand;

    public PolicyCheck Operand { get; }

    internal override bool Evaluate(ref PolicyEvaluation eval) => !Operand.Evaluate(ref eval);

    public override string ToString() => "not " + Operand;
}

/// <summary>Base of <see cref="AndCheck"/> and <see cref="OrCheck"/>.</summary>
public abstract class CompoundCheck : PolicyCheck
{
    private protected readonly PolicyCheck[] Items;

    private protected CompoundCheck(PolicyCheck[] items) => Items = items;

    public IReadOnlyList<PolicyCheck> Operands => Items;

    private protected string Join(string op) => "(" + string.Join(op, (IEnumerable<PolicyCheck>)Items) + ")";
}

/// <summary>All operands must pass (evaluated left to right, short-circuit).</summary>
public sealed class AndCheck : CompoundCheck
{
    internal AndCheck(PolicyCheck[] items) : base(items)
    {
    }

    internal override bool Evaluate(ref PolicyEvaluation eval)
    {
        foreach (var item in Items)
        {
            if (!item.Evaluate(ref eval)) return false;
        }
        return true;
    }

    public override string ToString() => Join(" and ");
}

/// <summary>Any operand passes (evaluated left to right, short-circuit).</summary>
public sealed class OrCheck : CompoundCheck
{
    internal OrCheck(PolicyCheck[] items) : base(items)
    {
    }

    internal override bool Evaluate(ref PolicyEvaluation eval)
    {
        foreach (var item in Items)
        {
            if (item.Evaluate(ref eval)) return true;
        }
        return false;
    }

    public override string ToString() => Join(" or ");
}

/// <summary><c>rule:NAME</c>: evaluates another rule of the enforcer.</summary>
public sealed class RuleCheck : PolicyCheck
{
    internal RuleCheck(string ruleName) => RuleName = ruleName;

    public string RuleName { get; }

    internal override bool Evaluate(ref PolicyEvaluation eval)
    {
        if (!eval.Rules.TryResolve(RuleName, out var check))
        {
            return false;
        }
        if (eval.Depth >= PolicyEvaluation.MaxRuleDepth)
        {
            // A cycle (reported at load time) or absurd nesting: fail closed instead of overflowing.
            return false;
        }
        eval.Depth++;
        try
        {
            return check.Evaluate(ref eval);
        }
        finally
        {
            eval.Depth--;
        }
    }

    public override string ToString() => "rule:" + RuleName;
}

/// <summary><c>role:NAME</c>: the credentials carry the role, compared case-insensitively.</summary>
public sealed class RoleCheck : PolicyCheck
{
    private readonly MatchTemplate _match;

    internal RoleCheck(MatchTemplate match) => _match = match;

    public string Match => _match.Raw;

    internal override bool Evaluate(ref PolicyEvaluation eval)
    {
        if (!_match.TryResolve(eval.Target, out var role))
        {
            return false;
        }
        return eval.Credentials.HasRole(role);
    }

    public override string ToString() => "role:" + _match.Raw;
}

/// <summary>
/// <c>kind:match</c> for any other kind. The match (after <c>%(key)s</c> substitution from the target) is
/// compared with the credentials value at the dotted path <c>kind</c>, or with <c>str(kind)</c> when
/// the kind is a Python literal such as <c>True</c>, <c>None</c>, <c>'admin'</c> or <c>42</c>.
/// </summary>
public sealed class GenericCheck : PolicyCheck
{
    private readonly MatchTemplate _match;
    private readonly string? _literal;
    private readonly CredentialPath? _path;

    internal GenericCheck(string kind, MatchTemplate match, string? literal)
    {
        Kind = kind;
        _match = match;
        _literal = literal;
        _path = literal is null ? new CredentialPath(kind) : null;
    }

    public string Kind { get; }

    public string Match => _match.Raw;

    /// <summary>str() of the literal kind, or null when the kind is a credentials path.</summary>
    public string? LiteralValue => _literal;

    internal override bool Evaluate(ref PolicyEvaluation eval)
    {
        if (!_match.TryResolve(eval.Target, out var match))
        {
            return false;
        }
        if (_literal is not null)
        {
            return string.Equals(match, _literal, StringComparison.Ordinal);
        }
        return _path!.Matches(eval.Credentials, match);
    }

    public override string ToString() => Kind + ":" + _match.Raw;
}

/// <summary>Helpers to walk dictionaries, JSON and lists the way Python indexes dicts.</summary>
internal static class ValueWalker
{
    public static bool IsMapping(object? value) => value switch
    {
        null or string => false,
        Dictionary<string, object?> => true,
        JsonElement e => e.ValueKind == JsonValueKind.Object,
        IReadOnlyDictionary<string, object?> => true,
        IDictionary<string, object?> => true,
        IDictionary => true,
        _ => false,
    };

    public static bool IsList(object? value) => value switch
    {
        null or string => false,
        JsonElement e => e.ValueKind == JsonValueKind.Array,
        IEnumerable when !IsMapping(value) => true,
        _ => false,
    };

    public static bool TryGetMember(object? container, string key, out object? value)
    {
        switch (container)
        {
            case Dictionary<string, object?> d: // the common case, checked first: no interface dispatch
                return d.TryGetValue(key, out value);
            case IReadOnlyDictionary<string, object?> ro:
                return ro.TryGetValue(key, out value);
            case IDictionary<string, object?> rw:
                return rw.TryGetValue(key, out value);
            case JsonElement { ValueKind: JsonValueKind.Object } obj:
                if (obj.TryGetProperty(key, out var prop))
                {
                    value = prop;
                    return true;
                }
                break;
            case IDictionary legacy when legacy.Contains(key):
                value = legacy[key];
                return true;
        }
        value = null;
        return false;
    }

    /// <summary>
    /// Python's <c>_find_in_dict</c> from position <paramref name="pos"/> onwards, where
    /// <paramref name="value"/> has just been obtained by indexing: lists fan out, then the remaining
    /// segments are looked up, and the leaf is compared with <c>str()</c>.
    /// </summary>
    public static bool FindAfterIndex(object? value, SegmentTable segments, int pos, string match)
    {
        if (value is string s)
        {
            return pos == segments.Count && string.Equals(match, s, StringComparison.Ordinal);
        }
        if (value is JsonElement { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (Find(item, segments, pos, match)) return true;
            }
            return false;
        }
        if (value is IList list && value is not string)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (Find(list[i], segments, pos, match)) return true;
            }
            return false;
        }
        if (IsList(value))
        {
            foreach (var item in (IEnumerable)value!)
            {
                if (Find(item, segments, pos, match)) return true;
            }
            return false;
        }
        return Find(value, segments, pos, match);
    }

    private static bool Find(object? value, SegmentTable segments, int pos, string match)
    {
        if (pos == segments.Count)
        {
            return PythonValues.StrEquals(match, value);
        }
        return IsMapping(value) && FindIn(value, segments, pos, match);
    }

    /// <summary>Index <paramref name="container"/> with segments[pos..]; dotted (flattened) keys are tried too.</summary>
    public static bool FindIn(object? container, SegmentTable segments, int pos, string match)
    {
        for (var end = segments.Count; end > pos; end--)
        {
            if (TryGetMember(container, segments.Joined(pos, end), out var value)
                && FindAfterIndex(value, segments, end, match))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Looks up a %(key)s substitution key in a target: the exact (flattened) key first, as Python does,
    /// then a walk through nested mappings, which yields what keystone's flatten_dict would have produced.
    /// </summary>
    public static bool TryGetTargetValue(IReadOnlyDictionary<string, object?> target, SegmentTable key, out object? value)
    {
        if (target.TryGetValue(key.Full, out value))
        {
            return true;
        }
        return key.Count > 1 && TryGetNested(target, key, 0, out value);
    }

    private static bool TryGetNested(object container, SegmentTable key, int pos, out object? value)
    {
        for (var end = key.Count - 1; end > pos; end--)
        {
            if (TryGetMember(container, key.Joined(pos, end), out var inner) && IsMapping(inner))
            {
                if (TryGetMember(inner, key.Joined(end, key.Count), out value) && !IsMapping(value))
                {
                    return true;
                }
                if (TryGetNested(inner!, key, end, out value))
                {
                    return true;
                }
            }
        }
        value = null;
        return false;
    }
}

/// <summary>A dotted key split into segments, with every contiguous join precomputed (no allocation later).</summary>
internal sealed class SegmentTable
{
    private readonly string[][] _joined;

    public SegmentTable(string dotted)
    {
        Full = dotted;
        var segments = dotted.Split('.');
        Count = segments.Length;
        _joined = new string[Count][];
        for (var i = 0; i < Count; i++)
        {
            _joined[i] = new string[Count + 1];
            for (var j = i + 1; j <= Count; j++)
            {
                _joined[i][j] = i == 0 && j == Count ? dotted : string.Join('.', segments, i, j - i);
            }
        }
    }

    public string Full { get; }

    public int Count { get; }

    public string Joined(int start, int end) => _joined[start][end];
}

/// <summary>The credentials side of a generic check: a dotted path such as <c>token.project.domain.id</c>.</summary>
internal sealed class CredentialPath
{
    private readonly SegmentTable _segments;
    private readonly CredentialField _field;

    public CredentialPath(string kind)
    {
        _segments = new SegmentTable(kind);
        _field = PolicyCredentials.FieldOf(_segments.Joined(0, 1));
    }

    public bool Matches(PolicyCredentials creds, string match)
    {
        if (_field != CredentialField.None && creds.TryGetField(_field, out var value))
        {
            if (ValueWalker.FindAfterIndex(value, _segments, 1, match))
            {
                return true;
            }
            // Standard fields are authoritative for their name; do not fall through to extras.
            return false;
        }
        if (_field != CredentialField.None && _field != CredentialField.System)
        {
            return false;
        }
        return creds.ExtraCount > 0 && ValueWalker.FindIn(creds.ExtraView, _segments, 0, match);
    }
}
