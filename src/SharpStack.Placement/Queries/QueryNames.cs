using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Storage;

namespace SharpStack.Placement.Queries;

/// <summary>Turns the trait and resource class names of a query into ids, with the 400s upstream gives for unknown
/// names. The wording differs by route: GET /resource_providers prefixes unknown traits with
/// <c>Invalid trait(s) in "required" parameter: </c>, GET /allocation_candidates does not.</summary>
public static class QueryNames
{
    /// <summary>Ids of the named traits that exist (one query); missing names are simply absent.</summary>
    public static async Task<Dictionary<string, int>> TraitIdsAsync(PlacementDb db, IEnumerable<string> names, CancellationToken ct)
    {
        var wanted = names.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = await db.Traits.AsNoTracking().Where(t => wanted.Contains(t.Name)).Select(t => new { t.Name, t.Id }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Name, r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>The first name (in the given order) missing from <paramref name="known"/>, or null.</summary>
    public static string? FirstUnknown(IEnumerable<string> names, IReadOnlyDictionary<string, int> known) =>
        names.FirstOrDefault(n => !known.ContainsKey(n));

    /// <summary>400 for an unknown trait in GET /allocation_candidates (required*, root_required).</summary>
    public static Core.Errors.ApiException UnknownTraitForCandidates(string name) =>
        PlacementErrors.BadRequest($"No such trait(s): {name}.");

    /// <summary>400 for an unknown trait in GET /resource_providers?required=.</summary>
    public static Core.Errors.ApiException UnknownTraitForProviders(string name) =>
        PlacementErrors.BadRequest($"Invalid trait(s) in \"required\" parameter: No such trait(s): {name}.");

    /// <summary>400 for an unknown resource class in resources (both routes word it alike).</summary>
    public static Core.Errors.ApiException UnknownResourceClass(string name) =>
        PlacementErrors.BadRequest($"Invalid resource class in resources parameter: No such resource class {name}.");
}
