using System.Text.Json.Nodes;

namespace SharpStack.Core.Validation;

/// <summary>"items": one schema for every element, or (Draft 4) a list of schemas matched by position.</summary>
internal sealed class ItemsKeyword(JsonNode? value, SchemaNode? all, SchemaNode[]? positional, int prefixCount) : Keyword("items", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (kind != PyKind.List) return;
        var list = instance!.AsArray();
        if (positional is not null)
        {
            for (var i = 0; i < list.Count && i < positional.Length; i++)
            {
                ev.Descend(list[i], positional[i], Evaluator.Box(i), Evaluator.Box(i));
                if (ev.Stopped) return;
            }
            return;
        }
        // 2020-12: items: false rejects anything beyond prefixItems.
        if (all!.IsBoolean && !all.BooleanValue && prefixCount >= 0)
        {
            if (list.Count > prefixCount)
                Fail(ev, instance, schema, $"Expected at most {prefixCount} items, but found {list.Count}");
            return;
        }
        for (var i = Math.Max(prefixCount, 0); i < list.Count; i++)
        {
            ev.Descend(list[i], all, Evaluator.Box(i), null);
            if (ev.Stopped) return;
        }
    }
}

internal sealed class PrefixItemsKeyword(JsonNode? value, SchemaNode[] schemas) : Keyword("prefixItems", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (kind != PyKind.List) return;
        var list = instance!.AsArray();
        for (var i = 0; i < list.Count && i < schemas.Length; i++)
        {
            ev.Descend(list[i], schemas[i], Evaluator.Box(i), Evaluator.Box(i));
            if (ev.Stopped) return;
        }
    }
}

/// <summary>Draft 4 additionalItems; only meaningful next to a list-form "items".</summary>
internal sealed class AdditionalItemsKeyword(JsonNode? value, SchemaNode? sub, int itemCount) : Keyword("additionalItems", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (kind != PyKind.List || itemCount < 0) return;
        var list = instance!.AsArray();
        if (sub is not null)
        {
            for (var i = itemCount; i < list.Count; i++)
            {
                ev.Descend(list[i], sub, Evaluator.Box(i), null);
                if (ev.Stopped) return;
            }
            return;
        }
        if (PyValue.Bool(Value!) || list.Count <= itemCount) return;
        Fail(ev, instance, schema, ev.Collecting ? Message(list) : "");
    }

    private string Message(JsonArray list)
    {
        var extras = list.Skip(itemCount).ToList();
        try
        {
            extras = [.. extras.OrderBy(x => x, Comparer<JsonNode?>.Create(PyValue.PyCompare))];
        }
        catch (InvalidOperationException)
        {
            // python's sorted() raises TypeError on mixed types; keep document order.
        }
        var verb = extras.Count == 1 ? "was" : "were";
        return $"Additional items are not allowed ({string.Join(", ", extras.Select(PyRepr.Of))} {verb} unexpected)";
    }
}

internal sealed class ItemCountKeyword(string name, JsonNode? value, int limit, bool isMin) : Keyword(name, value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (kind != PyKind.List) return;
        var count = instance!.AsArray().Count;
        if (isMin ? count < limit : count > limit)
            Fail(ev, instance, schema, $"{PyRepr.Of(instance)} is too {(isMin ? "short" : "long")}");
    }
}

internal sealed class UniqueItemsKeyword(JsonNode? value) : Keyword("uniqueItems", value)
{
    private readonly bool _enabled = PyValue.Bool(value!);

    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (_enabled && kind == PyKind.List && !PyValue.Unique(instance!.AsArray()))
            Fail(ev, instance, schema, $"{PyRepr.Of(instance)} has non-unique elements");
    }
}

/// <summary>2020-12 contains with minContains/maxContains (reported under those keyword names, as python does).</summary>
internal sealed class ContainsKeyword(JsonNode? value, SchemaNode sub, JsonNode? minNode, JsonNode? maxNode) : Keyword("contains", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (kind != PyKind.List) return;
        var list = instance!.AsArray();
        var min = minNode is null ? 1 : (int)PyValue.Number(minNode).Int;
        var max = maxNode is null ? list.Count : (int)PyValue.Number(maxNode).Int;
        var matches = 0;
        foreach (var each in list)
        {
            if (!ev.IsValid(each, sub)) continue;
            if (++matches > max)
            {
                ev.Fail("maxContains", maxNode ?? JsonValue.Create(max), instance, schema,
                    $"Too many items match the given schema (expected at most {max})");
                return;
            }
        }
        if (matches >= min) return;
        if (matches == 0)
            Fail(ev, instance, schema, $"{PyRepr.Of(instance)} does not contain items matching the given schema");
        else
            ev.Fail("minContains", minNode ?? JsonValue.Create(min), instance, schema,
                $"Too few items match the given schema (expected at least {min} but only {matches} matched)");
    }
}
