using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpStack.Core.Validation;

/// <summary>The python type a JSON value becomes under json.loads.</summary>
internal enum PyKind { None, Bool, Int, Float, Str, List, Dict }

/// <summary>Python semantics over JsonNode: type, numbers, strings, ==, jsonschema's equal/uniq, sort order.</summary>
internal static class PyValue
{
    public static PyKind Kind(JsonNode? node)
    {
        if (node is null) return PyKind.None;
        return node.GetValueKind() switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => PyKind.None,
            JsonValueKind.True or JsonValueKind.False => PyKind.Bool,
            JsonValueKind.String => PyKind.Str,
            JsonValueKind.Array => PyKind.List,
            JsonValueKind.Object => PyKind.Dict,
            _ => IsFloatNumber(node) ? PyKind.Float : PyKind.Int,
        };
    }

    private static bool IsFloatNumber(JsonNode node)
    {
        if (node.AsValue().TryGetValue<JsonElement>(out var el))
            return !el.TryGetInt64(out _) && el.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') >= 0;
        return Number(node).IsFloat;
    }

    public static bool IsNumeric(PyKind k) => k is PyKind.Int or PyKind.Float;

    public static bool Bool(JsonNode node) => node.GetValueKind() == JsonValueKind.True;

    public static PyNumber Number(JsonNode node)
    {
        var v = node.AsValue();
        if (v.TryGetValue<JsonElement>(out var el))
            return el.TryGetInt64(out var small) ? PyNumber.FromInt(small) : PyNumber.Parse(el.GetRawText());
        if (v.TryGetValue<int>(out var i)) return PyNumber.FromInt(i);
        if (v.TryGetValue<long>(out var l)) return PyNumber.FromInt(l);
        if (v.TryGetValue<ulong>(out var ul)) return PyNumber.FromInt(ul);
        if (v.TryGetValue<uint>(out var ui)) return PyNumber.FromInt(ui);
        if (v.TryGetValue<short>(out var s)) return PyNumber.FromInt(s);
        if (v.TryGetValue<byte>(out var b)) return PyNumber.FromInt(b);
        if (v.TryGetValue<BigInteger>(out var bi)) return PyNumber.FromInt(bi);
        if (v.TryGetValue<double>(out var d)) return PyNumber.FromFloat(d);
        if (v.TryGetValue<float>(out var f)) return PyNumber.FromFloat(f);
        if (v.TryGetValue<decimal>(out var m)) return PyNumber.FromFloat((double)m);
        return PyNumber.Parse(v.ToJsonString());
    }

    /// <summary>Bools count as 0/1, as in python arithmetic.</summary>
    public static PyNumber NumberOrBool(JsonNode node, PyKind kind) =>
        kind == PyKind.Bool ? PyNumber.FromInt(Bool(node) ? 1 : 0) : Number(node);

    public static string Str(JsonNode node)
    {
        var v = node.AsValue();
        if (v.TryGetValue<string>(out var s)) return s;
        return JsonSerializer.Deserialize<string>(v.ToJsonString()) ?? "";
    }

    /// <summary>len(str): code points, a lone surrogate counting as one.</summary>
    public static int CodePointLength(string s)
    {
        var n = s.Length;
        for (var i = 0; i + 1 < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1]))
            {
                n--;
                i++;
            }
        }
        return n;
    }

    /// <summary>Orders strings by code point, as python's sorted() does.</summary>
    public static int CompareStrings(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var ca = CodePointAt(a, ref i);
            var cb = CodePointAt(b, ref j);
            if (ca != cb) return ca < cb ? -1 : 1;
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }

    public static int CodePointAt(string s, ref int i)
    {
        var c = s[i++];
        if (char.IsHighSurrogate(c) && i < s.Length && char.IsLowSurrogate(s[i]))
            return char.ConvertToUtf32(c, s[i++]);
        return c;
    }

    public static readonly IComparer<string> StringComparer = Comparer<string>.Create(CompareStrings);

    /// <summary>Python's <c>a == b</c> (True == 1, 1 == 1.0, containers compared recursively).</summary>
    public static bool PyEquals(JsonNode? a, JsonNode? b) => Equal(a, b, strictBool: false);

    /// <summary>jsonschema._utils.equal: like ==, but a bool never equals a number.</summary>
    public static bool SchemaEquals(JsonNode? a, JsonNode? b) => Equal(a, b, strictBool: true);

    private static bool Equal(JsonNode? a, JsonNode? b, bool strictBool)
    {
        var ka = Kind(a);
        var kb = Kind(b);
        switch (ka)
        {
            case PyKind.None:
                return kb == PyKind.None;
            case PyKind.Str:
                return kb == PyKind.Str && Str(a!) == Str(b!);
            case PyKind.List:
                {
                    if (kb != PyKind.List) return false;
                    var la = a!.AsArray();
                    var lb = b!.AsArray();
                    if (la.Count != lb.Count) return false;
                    for (var i = 0; i < la.Count; i++)
                        if (!Equal(la[i], lb[i], strictBool)) return false;
                    return true;
                }
            case PyKind.Dict:
                {
                    if (kb != PyKind.Dict) return false;
                    var da = a!.AsObject();
                    var db = b!.AsObject();
                    if (da.Count != db.Count) return false;
                    foreach (var (key, value) in da)
                        if (!db.TryGetPropertyValue(key, out var other) || !Equal(value, other, strictBool)) return false;
                    return true;
                }
        }
        // Numbers and bools.
        if (kb is not (PyKind.Bool or PyKind.Int or PyKind.Float)) return false;
        if (strictBool && (ka == PyKind.Bool || kb == PyKind.Bool))
            return ka == kb && Bool(a!) == Bool(b!);
        return PyNumber.NumEquals(NumberOrBool(a!, ka), NumberOrBool(b!, kb));
    }

    /// <summary>jsonschema._utils.uniq: sorts when python could, comparing neighbours; otherwise pairwise.</summary>
    public static bool Unique(JsonArray items)
    {
        if (items.Count < 2) return true;
        List<JsonNode?>? sorted = null;
        try
        {
            sorted = items.Select(x => x).OrderBy(x => x, SortComparer).ToList();
        }
        catch (InvalidOperationException)
        {
        }
        if (sorted is not null)
        {
            for (var i = 1; i < sorted.Count; i++)
                if (SchemaEquals(sorted[i - 1], sorted[i])) return false;
            return true;
        }
        for (var i = 0; i < items.Count; i++)
            for (var j = 0; j < i; j++)
                if (SchemaEquals(items[j], items[i])) return false;
        return true;
    }

    // Top-level bools are replaced by unorderable sentinels in uniq (unbool), so they fail to sort.
    private static readonly IComparer<JsonNode?> SortComparer = Comparer<JsonNode?>.Create((a, b) =>
    {
        if (Kind(a) == PyKind.Bool || Kind(b) == PyKind.Bool) throw new InvalidOperationException();
        return PyCompare(a, b);
    });

    /// <summary>Python's ordering of two values; throws InvalidOperationException where python raises TypeError.</summary>
    public static int PyCompare(JsonNode? a, JsonNode? b)
    {
        var ka = Kind(a);
        var kb = Kind(b);
        if (ka is PyKind.Bool or PyKind.Int or PyKind.Float && kb is PyKind.Bool or PyKind.Int or PyKind.Float)
            return PyNumber.Compare(NumberOrBool(a!, ka), NumberOrBool(b!, kb)) ?? throw new InvalidOperationException();
        if (ka == PyKind.Str && kb == PyKind.Str) return CompareStrings(Str(a!), Str(b!));
        if (ka == PyKind.List && kb == PyKind.List)
        {
            var la = a!.AsArray();
            var lb = b!.AsArray();
            for (var i = 0; i < la.Count && i < lb.Count; i++)
                if (!PyEquals(la[i], lb[i])) return PyCompare(la[i], lb[i]);
            return la.Count.CompareTo(lb.Count);
        }
        throw new InvalidOperationException();
    }
}
