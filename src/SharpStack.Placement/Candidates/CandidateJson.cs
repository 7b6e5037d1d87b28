using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Http;
using SharpStack.Core.Microversions;
using SharpStack.Placement.Queries;

namespace SharpStack.Placement.Candidates;

/// <summary>The GET /allocation_candidates body by microversion (upstream handlers/allocation_candidate.py):
/// list-format requests below 1.12, dict format from 1.12, mappings from 1.34; summaries with only requested classes
/// below 1.27, traits from 1.17, parent/root uuids from 1.29. Written straight to the response (answers can list
/// thousands of providers).</summary>
public sealed class CandidateJson(CandidateResult result, IReadOnlyList<RequestGroup> groups, Microversion version) : IResult
{
    private bool AtLeast(int minor) => version >= new Microversion(1, minor);

    public Task ExecuteAsync(HttpContext context) => PooledJsonBody.WriteAsync(context, 200, writer =>
    {
        Write(writer);
        return Task.CompletedTask;
    });

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartArray("allocation_requests");
        foreach (var request in result.Requests)
        {
            if (AtLeast(12)) WriteDict(w, request);
            else WriteList(w, request);
        }
        w.WriteEndArray();
        w.WriteStartObject("provider_summaries");
        var requested = groups.SelectMany(g => g.Resources.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var summary in result.Summaries) WriteSummary(w, summary, requested);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static IEnumerable<(ProviderSummary Provider, List<ResourceRequest> Resources)> ByProvider(AllocationRequest request)
    {
        var order = new List<ProviderSummary>();
        var byId = new Dictionary<int, List<ResourceRequest>>();
        foreach (var r in request.Resources)
        {
            if (!byId.TryGetValue(r.Provider.Id, out var list))
            {
                byId[r.Provider.Id] = list = [];
                order.Add(r.Provider);
            }
            list.Add(r);
        }
        return order.Select(p => (p, byId[p.Id]));
    }

    private static void WriteResources(Utf8JsonWriter w, List<ResourceRequest> resources)
    {
        w.WriteStartObject("resources");
        foreach (var r in resources) w.WriteNumber(r.ClassName, r.Amount);
        w.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter w, AllocationRequest request)
    {
        w.WriteStartObject();
        w.WriteStartArray("allocations");
        foreach (var (provider, resources) in ByProvider(request))
        {
            w.WriteStartObject();
            w.WriteStartObject("resource_provider");
            w.WriteString("uuid", provider.Uuid);
            w.WriteEndObject();
            WriteResources(w, resources);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void WriteDict(Utf8JsonWriter w, AllocationRequest request)
    {
        w.WriteStartObject();
        w.WriteStartObject("allocations");
        foreach (var (provider, resources) in ByProvider(request))
        {
            w.WriteStartObject(provider.Uuid);
            WriteResources(w, resources);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        if (AtLeast(34))
        {
            w.WriteStartObject("mappings");
            foreach (var (suffix, uuids) in request.Mappings)
            {
                w.WriteStartArray(suffix);
                foreach (var uuid in uuids) w.WriteStringValue(uuid);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private void WriteSummary(Utf8JsonWriter w, ProviderSummary summary, HashSet<string> requested)
    {
        w.WriteStartObject(summary.Uuid);
        w.WriteStartObject("resources");
        foreach (var r in summary.Resources)
        {
            if (!AtLeast(27) && !requested.Contains(r.ClassName)) continue;
            w.WriteStartObject(r.ClassName);
            w.WriteNumber("capacity", r.Capacity);
            w.WriteNumber("used", r.Used);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        if (AtLeast(17))
        {
            w.WriteStartArray("traits");
            foreach (var t in summary.Traits) w.WriteStringValue(t);
            w.WriteEndArray();
        }
        if (AtLeast(29))
        {
            if (summary.ParentUuid is null) w.WriteNull("parent_provider_uuid");
            else w.WriteString("parent_provider_uuid", summary.ParentUuid);
            w.WriteString("root_provider_uuid", summary.RootUuid);
        }
        w.WriteEndObject();
    }
}
