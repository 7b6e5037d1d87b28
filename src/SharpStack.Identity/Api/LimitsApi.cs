using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Auth;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Limits;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Resources;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Api;

/// <summary>/v3/limits and /v3/limits/model: thin HTTP over <see cref="LimitManager"/>.</summary>
public static class LimitsApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/limits/model", (HttpContext context, IdentityAuthorizer authz, LimitManager limits) =>
        {
            authz.Enforce(context, IdentityPolicyNames.GetLimitModel, PolicyTargets.FromRoute(context));
            return new SharpStack.Core.Http.JsonBodyResult(new JsonObject
            {
                ["model"] = new JsonObject { ["name"] = limits.Model.Name, ["description"] = limits.Model.Description },
            }, 200);
        });
        v3.MapGetHead("/limits", ListAsync);
        v3.MapGetHead("/limits/{limit_id}", async (string limit_id, HttpContext context, IdentityAuthorizer authz, LimitManager limits, IdentityDb db) =>
        {
            // Keystone builds the target from the limit and its owner, enforces, and only then answers 404.
            var limit = await limits.FindAsync(limit_id, context.RequestAborted);
            var target = PolicyTargets.FromRoute(context);
            if (limit is not null) target.SetJson("target.limit", await TargetAsync(limit, db, context));
            authz.Enforce(context, IdentityPolicyNames.GetLimit, target);
            return KeystoneResponse.Entity("limit", Render(limit ?? throw LimitManager.NotFound(limit_id), context));
        });
        v3.MapPost("/limits", async (HttpContext context, IdentityAuthorizer authz, LimitManager limits) =>
        {
            authz.Enforce(context, IdentityPolicyNames.CreateLimits, PolicyTargets.FromRoute(context));
            var items = await KeystoneBody.ReadArrayAsync(context, "limits", LimitSchemas.LimitCreate);
            var created = await limits.CreateAsync(items, context.RequestAborted);
            // Keystone's batch answer has no collection links.
            return new SharpStack.Core.Http.JsonBodyResult(new JsonObject
            {
                ["limits"] = new JsonArray(created.Select(l => (JsonNode)Render(l, context)).ToArray()),
            }, 201);
        });
        v3.MapPatch("/limits/{limit_id}", async (string limit_id, HttpContext context, IdentityAuthorizer authz, LimitManager limits) =>
        {
            await MemberAsync(context, authz, limits, limit_id, IdentityPolicyNames.UpdateLimit);
            var changes = await KeystoneBody.ReadObjectAsync(context, "limit", LimitSchemas.LimitUpdate, emptyWhenMissing: true);
            return KeystoneResponse.Entity("limit", Render(await limits.UpdateAsync(limit_id, changes, context.RequestAborted), context));
        });
        v3.MapDelete("/limits/{limit_id}", async (string limit_id, HttpContext context, IdentityAuthorizer authz, LimitManager limits) =>
        {
            await MemberAsync(context, authz, limits, limit_id, IdentityPolicyNames.DeleteLimit);
            await limits.DeleteAsync(limit_id, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>Everyone may list, but sees only their scope's limits: all for the system, the domain's and its
    /// projects' for a domain, the project's own for a project, none when unscoped.</summary>
    private static async Task<IResult> ListAsync(HttpContext context, IdentityAuthorizer authz, LimitManager limits, IdentityDb db)
    {
        var caller = authz.Enforce(context, IdentityPolicyNames.ListLimits, PolicyTargets.FromRoute(context));
        var filter = ListFilter.FromQuery(context, "service_id", "region_id", "resource_name", "project_id", "domain_id");
        var all = await limits.ListAsync(context.RequestAborted);
        IEnumerable<LimitView> visible = [];
        if (caller.SystemScope is not null)
        {
            visible = all;
        }
        else if (caller.DomainId is { } domainId)
        {
            var projects = (await db.Projects.Where(p => p.DomainId == domainId && !p.IsDomain).Select(p => p.Id).ToListAsync(context.RequestAborted)).ToHashSet();
            visible = all.Where(l => l.Limit.ProjectId is { } p ? projects.Contains(p) : l.Limit.DomainId == domainId);
        }
        else if (caller.ProjectId is { } projectId)
        {
            visible = all.Where(l => l.Limit.ProjectId == projectId);
        }
        return KeystoneResponse.Collection(context, "limits", visible.Select(l => Render(l, context)).Where(filter.Matches));
    }

    /// <summary>Keystone loads the limit for the policy target before enforcing, so an unknown id is 404 for anyone
    /// authenticated.</summary>
    private static async Task MemberAsync(HttpContext context, IdentityAuthorizer authz, LimitManager limits, string id, string rule)
    {
        context.RequireAuth();
        var limit = await limits.GetAsync(id, context.RequestAborted);
        authz.Enforce(context, rule, PolicyTargets.FromRoute(context).SetJson("target.limit", Ref(limit)));
    }

    /// <summary>The limit with its owner, as Keystone's get_limit target has it (target.limit.project / .domain).</summary>
    private static async Task<JsonObject> TargetAsync(LimitView limit, IdentityDb db, HttpContext context)
    {
        var o = Ref(limit);
        if (limit.Limit.ProjectId is { } projectId && await db.Projects.FirstOrDefaultAsync(p => p.Id == projectId, context.RequestAborted) is { } project)
            o["project"] = ProjectJson.Render(project, context, []);
        else if (limit.Limit.DomainId is { } domainId && await db.Projects.FirstOrDefaultAsync(p => p.Id == domainId, context.RequestAborted) is { } domain)
            o["domain"] = DomainJson.Render(domain, context, []);
        return o;
    }

    public static JsonObject Ref(LimitView l) => new()
    {
        ["id"] = l.Limit.Id,
        ["project_id"] = l.Limit.ProjectId,
        ["domain_id"] = l.Limit.DomainId,
        ["resource_limit"] = l.Limit.ResourceLimit,
        ["description"] = l.Limit.Description,
        ["service_id"] = l.Registered?.ServiceId,
        ["region_id"] = l.Registered?.RegionId,
        ["resource_name"] = l.Registered?.ResourceName,
    };

    public static JsonObject Render(LimitView l, HttpContext context) => Ref(l).WithSelfLink(context, "limits/" + l.Limit.Id);
}
