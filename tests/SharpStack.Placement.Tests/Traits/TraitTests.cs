using System.Net;
using System.Text.Json.Nodes;
using SharpStack.Placement.Tests.Api;

namespace SharpStack.Placement.Tests.Traits;

/// <summary>Traits and provider traits: filters, the custom-only rules, and when the provider generation moves.</summary>
public sealed class TraitTests(PlacementCloud cloud) : IClassFixture<PlacementCloud>
{
    [Fact]
    public async Task Put_trait_creates_then_verifies_and_refuses_non_custom_names()
    {
        using var client = cloud.Client(version: "1.15");
        using var created = await client.PutAsync("/traits/CUSTOM_PUT_ME", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.EndsWith("/traits/CUSTOM_PUT_ME", created.Headers.Location!.ToString());
        Assert.NotNull(created.Content.Headers.LastModified);
        using var again = await client.PutAsync("/traits/CUSTOM_PUT_ME", null);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        var (status, body) = await client.CallAsync(HttpMethod.Put, "/traits/HW_CPU_X86_SSE");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("The trait is invalid.", Detail(body));
        Assert.Equal(HttpStatusCode.NoContent, (await client.CallAsync(HttpMethod.Get, "/traits/CUSTOM_PUT_ME")).Status);
        (status, body) = await client.CallAsync(HttpMethod.Get, "/traits/CUSTOM_NOT_THERE");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("No such trait(s): CUSTOM_NOT_THERE.", Detail(body));
    }

    [Fact]
    public async Task List_filters_by_name_and_association()
    {
        using var client = cloud.Client();
        await client.CallAsync(HttpMethod.Put, "/traits/CUSTOM_FILTER_ONE");
        await client.CallAsync(HttpMethod.Put, "/traits/CUSTOM_FILTER_TWO");
        var uuid = await NewProviderAsync(client, "trait-filter");
        await client.CallAsync(HttpMethod.Put, $"/resource_providers/{uuid}/traits",
            new JsonObject { ["traits"] = new JsonArray("CUSTOM_FILTER_ONE"), ["resource_provider_generation"] = 0 });

        Assert.Equal(["CUSTOM_FILTER_ONE", "CUSTOM_FILTER_TWO"], await NamesAsync(client, "/traits?name=startswith:CUSTOM_FILTER"));
        Assert.Equal(["CUSTOM_FILTER_TWO"], await NamesAsync(client, "/traits?name=in:CUSTOM_FILTER_TWO,CUSTOM_NOPE"));
        Assert.Equal(["CUSTOM_FILTER_ONE"], await NamesAsync(client, "/traits?name=startswith:CUSTOM_FILTER&associated=TRUE"));
        Assert.Equal(["CUSTOM_FILTER_TWO"], await NamesAsync(client, "/traits?name=startswith:CUSTOM_FILTER&associated=false"));
        // LIKE semantics, as upstream: '_' is a one-character wildcard and ASCII case does not matter.
        Assert.Equal(["CUSTOM_FILTER_ONE"], await NamesAsync(client, "/traits?name=startswith:custom_filter_o"));
        Assert.Equal(["CUSTOM_FILTER_ONE", "CUSTOM_FILTER_TWO"], await NamesAsync(client, "/traits?name=startswith:CUSTOM_FILTER%25"));
        // An unknown operator filters nothing.
        Assert.True((await NamesAsync(client, "/traits?name=other:x")).Count > 300);

        var (status, body) = await client.CallAsync(HttpMethod.Get, "/traits?name=CUSTOM_FILTER_ONE");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Badly formatted name parameter", Detail(body));
        (status, body) = await client.CallAsync(HttpMethod.Get, "/traits?associated=yes");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("The query parameter \"associated\" only accepts", Detail(body));
        (status, _) = await client.CallAsync(HttpMethod.Get, "/traits?bogus=1");
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Provider_generation_moves_only_when_the_set_changes()
    {
        using var client = cloud.Client();
        await client.CallAsync(HttpMethod.Put, "/traits/CUSTOM_GEN_A");
        var uuid = await NewProviderAsync(client, "trait-generation");
        var path = $"/resource_providers/{uuid}/traits";

        var (status, body) = await client.CallAsync(HttpMethod.Put, path,
            new JsonObject { ["traits"] = new JsonArray("CUSTOM_GEN_A", "HW_CPU_X86_SSE", "CUSTOM_GEN_A"), ["resource_provider_generation"] = 0 });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body!["resource_provider_generation"]!.GetValue<int>());
        Assert.Equal(2, body["traits"]!.AsArray().Count);

        (status, body) = await client.CallAsync(HttpMethod.Put, path,
            new JsonObject { ["traits"] = new JsonArray("HW_CPU_X86_SSE", "CUSTOM_GEN_A"), ["resource_provider_generation"] = 1 });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body!["resource_provider_generation"]!.GetValue<int>());

        (status, body) = await client.CallAsync(HttpMethod.Put, path,
            new JsonObject { ["traits"] = new JsonArray(), ["resource_provider_generation"] = 0 });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("placement.concurrent_update", body!["errors"]![0]!["code"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await client.CallAsync(HttpMethod.Delete, path)).Status);
        Assert.Equal(2, await GenerationAsync(client, uuid));
        Assert.Equal(HttpStatusCode.NoContent, (await client.CallAsync(HttpMethod.Delete, path)).Status);
        Assert.Equal(2, await GenerationAsync(client, uuid));

        (status, body) = await client.CallAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body!["traits"]!.AsArray());
    }

    [Fact]
    public async Task Unknown_traits_and_odd_generations_are_client_errors()
    {
        using var client = cloud.Client();
        var uuid = await NewProviderAsync(client, "trait-errors");
        var path = $"/resource_providers/{uuid}/traits";
        var (status, body) = await client.CallAsync(HttpMethod.Put, path,
            new JsonObject { ["traits"] = new JsonArray("CUSTOM_UNKNOWN_X", "HW_CPU_X86_SSE"), ["resource_provider_generation"] = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("No such trait CUSTOM_UNKNOWN_X", Detail(body));
        // "integer" admits 1.0 and huge numbers; upstream compares them with ==, so: a match, and a 409.
        (status, _) = await client.CallAsync(HttpMethod.Put, path, JsonNode.Parse("""{"traits": [], "resource_provider_generation": 0.0}"""));
        Assert.Equal(HttpStatusCode.OK, status);
        (status, _) = await client.CallAsync(HttpMethod.Put, path, JsonNode.Parse("""{"traits": [], "resource_provider_generation": 123456789012345}"""));
        Assert.Equal(HttpStatusCode.Conflict, status);
        (status, body) = await client.CallAsync(HttpMethod.Put, "/resource_providers/00000000-0000-0000-0000-000000000009/traits",
            new JsonObject { ["traits"] = new JsonArray(), ["resource_provider_generation"] = 0 });
        Assert.Equal(HttpStatusCode.NotFound, status);
        // The body is checked before the provider is looked up.
        (status, _) = await client.CallAsync(HttpMethod.Put, "/resource_providers/00000000-0000-0000-0000-000000000009/traits", new JsonObject());
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Only_unused_custom_traits_can_be_deleted()
    {
        using var client = cloud.Client();
        await client.CallAsync(HttpMethod.Put, "/traits/CUSTOM_DELETE_ME");
        var uuid = await NewProviderAsync(client, "trait-delete");
        await client.CallAsync(HttpMethod.Put, $"/resource_providers/{uuid}/traits",
            new JsonObject { ["traits"] = new JsonArray("CUSTOM_DELETE_ME"), ["resource_provider_generation"] = 0 });

        var (status, body) = await client.CallAsync(HttpMethod.Delete, "/traits/CUSTOM_DELETE_ME");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("The trait CUSTOM_DELETE_ME is in use by a resource provider.", Detail(body));
        (status, body) = await client.CallAsync(HttpMethod.Delete, "/traits/HW_CPU_X86_AVX");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Cannot delete standard trait HW_CPU_X86_AVX.", Detail(body));

        await client.CallAsync(HttpMethod.Delete, $"/resource_providers/{uuid}/traits");
        Assert.Equal(HttpStatusCode.NoContent, (await client.CallAsync(HttpMethod.Delete, "/traits/CUSTOM_DELETE_ME")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.CallAsync(HttpMethod.Delete, "/traits/CUSTOM_DELETE_ME")).Status);
    }

    private static string Detail(JsonNode? body) => body!["errors"]![0]!["detail"]!.GetValue<string>();

    private static async Task<string> NewProviderAsync(HttpClient client, string name)
    {
        var (status, body) = await client.CallAsync(HttpMethod.Post, "/resource_providers", new JsonObject { ["name"] = name });
        Assert.Equal(HttpStatusCode.OK, status);
        return body!["uuid"]!.GetValue<string>();
    }

    private static async Task<int> GenerationAsync(HttpClient client, string uuid) =>
        (await client.CallAsync(HttpMethod.Get, $"/resource_providers/{uuid}")).Body!["generation"]!.GetValue<int>();

    private static async Task<List<string>> NamesAsync(HttpClient client, string path)
    {
        var (status, body) = await client.CallAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. body!["traits"]!.AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal)];
    }
}
