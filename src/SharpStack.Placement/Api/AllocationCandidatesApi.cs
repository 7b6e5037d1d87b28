using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Configuration;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Candidates;
using SharpStack.Placement.Configuration;
using SharpStack.Placement.Policies;
using SharpStack.Placement.Queries;

namespace SharpStack.Placement.Api;

/// <summary>GET /allocation_candidates (1.10+): which providers could satisfy a request for resources.</summary>
public static class AllocationCandidatesApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/allocation_candidates", async (HttpContext context, PlacementAuthorizer authz, CandidateSearch search,
            SharpStackConfig config) =>
        {
            PlacementVersion.Require(context, 10);
            PlacementRequest.RequireJsonAccept(context);
            authz.Enforce(context, PolicyNames.CandidatesList);
            var version = PlacementVersion.Of(context);
            PlacementRequest.ValidateQuery(context, CandidateSchemas.For(version));

            var query = QueryParams.From(context);
            var wide = RequestWideParams.FromQuery(query);
            var groups = RequestGroupParser.ForCandidates(query, wide, version);
            if (wide.GroupPolicy is null && groups.Count(g => g.UseSameProvider) > 1)
                throw PlacementErrors.BadRequest("The \"group_policy\" parameter is required when specifying more than one \"resources{N}\" parameter.");

            var result = await search.FindAsync(groups, wide, nestedAware: PlacementVersion.AtLeast(context, 29),
                randomize: config.Get(PlacementOptions.RandomizeAllocationCandidates), context.RequestAborted);
            PlacementRequest.LastModified(context, null);
            return new CandidateJson(result, groups, version);
        });
    }
}
