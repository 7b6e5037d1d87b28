using System.Text.Json.Nodes;

namespace SharpStack.Placement.Allocations;

/// <summary>What one consumer asks for in a write: its allocations by provider uuid (in body order; empty = wipe
/// them), who owns it, the generation it believes it has (1.28+) and its type (1.38+).</summary>
public sealed record ConsumerAllocations(
    string ConsumerUuid,
    IReadOnlyList<ProviderResources> Providers,
    string? ProjectId,
    string? UserId,
    ConsumerGenerationClaim Generation,
    string? ConsumerType)
{
    /// <summary>Reads one consumer's dict-format body (1.12+ PUT, each POST/reshaper consumer); the schema has passed.</summary>
    public static ConsumerAllocations FromDict(string consumerUuid, JsonObject body, int minor)
    {
        var providers = new List<ProviderResources>();
        foreach (var (rp, value) in body["allocations"]!.AsObject())
            providers.Add(new ProviderResources(rp, Resources(value!["resources"]!.AsObject())));
        return new ConsumerAllocations(consumerUuid, Dedupe(providers),
            (string?)body["project_id"], (string?)body["user_id"],
            minor >= 28 ? ConsumerGenerationClaim.From(body["consumer_generation"]) : ConsumerGenerationClaim.NotChecked,
            minor >= 38 ? (string?)body["consumer_type"] : null);
    }

    /// <summary>Reads a list-format PUT body (1.0–1.11): a provider named twice keeps its later entry.</summary>
    public static ConsumerAllocations FromList(string consumerUuid, JsonObject body)
    {
        var providers = new List<ProviderResources>();
        foreach (var item in body["allocations"]!.AsArray())
            providers.Add(new ProviderResources((string)item!["resource_provider"]!["uuid"]!, Resources(item["resources"]!.AsObject())));
        return new ConsumerAllocations(consumerUuid, Dedupe(providers),
            (string?)body["project_id"], (string?)body["user_id"], ConsumerGenerationClaim.NotChecked, null);
    }

    private static IReadOnlyList<KeyValuePair<string, long>> Resources(JsonObject resources) =>
        resources.Select(r => KeyValuePair.Create(r.Key, Amount(r.Value!))).ToList();

    // Python dicts keep a key's first position and its last value.
    private static List<ProviderResources> Dedupe(List<ProviderResources> providers)
    {
        var result = new List<ProviderResources>();
        foreach (var p in providers)
        {
            var at = result.FindIndex(r => r.ProviderUuid == p.ProviderUuid);
            if (at >= 0) result[at] = p;
            else result.Add(p);
        }
        return result;
    }

    /// <summary>A JSON integer as placement's schema accepts it (2020-12 also takes 2.0); huge values saturate, which
    /// fails max_unit like the exact value would.</summary>
    public static long Amount(JsonNode node)
    {
        var value = node.AsValue();
        if (value.TryGetValue<long>(out var l)) return l;
        var d = value.GetValue<double>();
        return d >= long.MaxValue ? long.MaxValue : d <= long.MinValue ? long.MinValue : (long)d;
    }
}

/// <summary>The resources a consumer wants from one provider, by class name (in body order).</summary>
public sealed record ProviderResources(string ProviderUuid, IReadOnlyList<KeyValuePair<string, long>> Resources);

/// <summary>The consumer_generation a 1.28+ writer sent: null (expects a new consumer) or the generation it saw;
/// below 1.28 nothing is checked.</summary>
public readonly record struct ConsumerGenerationClaim(bool Checked, long? Value, string Text)
{
    public static readonly ConsumerGenerationClaim NotChecked = new(false, null, "None");

    public static ConsumerGenerationClaim From(JsonNode? node) => node is null
        ? new ConsumerGenerationClaim(true, null, "None")
        : new ConsumerGenerationClaim(true, ConsumerAllocations.Amount(node), node.ToJsonString());
}
