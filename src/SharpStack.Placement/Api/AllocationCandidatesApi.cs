using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Configuration;
using SharpStack.Core.Http;
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
            SharpStackConfig config, CandidateCache cache, Storage.PlacementDb db) =>
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

            var randomize = config.Get(PlacementOptions.RandomizeAllocationCandidates);
            PlacementRequest.LastModified(context, null);
            if (randomize)
            {
                var fresh = await search.FindAsync(groups, wide, nestedAware: PlacementVersion.AtLeast(context, 29), randomize: true, context.RequestAborted);
                return (IResult)new CandidateJson(fresh, groups, version);
            }
            var key = CandidateCache.Key(version.ToString(), context.Request.QueryString.Value);
            var revision = await CandidateCache.RevisionAsync(db, context.RequestAborted);
            if (cache.Find(key, revision) is { } kept) return new JsonBytesResult(kept);
            var result = await search.FindAsync(groups, wide, nestedAware: PlacementVersion.AtLeast(context, 29), randomize: false, context.RequestAborted, revision);
            var body = PooledJsonBody.ToBytes(new CandidateJson(result, groups, version).Write);
            cache.Keep(key, revision, body);
            return new JsonBytesResult(body);
        });
    }
}
