using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Resources;

namespace SharpStack.Identity.Api;

/// <summary>/v3/domains/{id}/config[/{group}[/{option}]] and /v3/domains/config[/{group}[/{option}]]/default:
/// thin HTTP over <see cref="DomainConfigManager"/>.</summary>
public static class DomainConfigApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        foreach (var path in new[] { "/domains/{domain_id}/config", "/domains/{domain_id}/config/{group}", "/domains/{domain_id}/config/{group}/{option}" })
        {
            v3.MapGetHead(path, GetAsync);
            v3.MapPatch(path, async (string domain_id, HttpContext context, IdentityAuthorizer authz, ProjectManager projects, DomainConfigManager configs) =>
            {
                var (group, option) = GroupAndOption(context);
                var config = await KeystoneBody.ReadMemberAsync(context, "config");
                authz.Enforce(context, IdentityPolicyNames.UpdateDomainConfig);
                await projects.GetDomainAsync(domain_id, context.RequestAborted);
                return Config(await configs.UpdateAsync(domain_id, config, group, option, context.RequestAborted));
            });
            v3.MapDelete(path, async (string domain_id, HttpContext context, IdentityAuthorizer authz, ProjectManager projects, DomainConfigManager configs) =>
            {
                var (group, option) = GroupAndOption(context);
                authz.Enforce(context, IdentityPolicyNames.DeleteDomainConfig);
                await projects.GetDomainAsync(domain_id, context.RequestAborted);
                await configs.DeleteAsync(domain_id, group, option, context.RequestAborted);
                return Results.NoContent();
            });
        }
        v3.MapPut("/domains/{domain_id}/config", async (string domain_id, HttpContext context, IdentityAuthorizer authz, ProjectManager projects, DomainConfigManager configs) =>
        {
            var config = await KeystoneBody.ReadMemberAsync(context, "config");
            authz.Enforce(context, IdentityPolicyNames.CreateDomainConfig);
            await projects.GetDomainAsync(domain_id, context.RequestAborted);
            var (created, isNew) = await configs.CreateAsync(domain_id, config, context.RequestAborted);
            return Config(created, isNew ? 201 : 200);
        });
        foreach (var path in new[] { "/domains/config/default", "/domains/config/{group}/default", "/domains/config/{group}/{option}/default" })
        {
            v3.MapGetHead(path, (HttpContext context, IdentityAuthorizer authz, DomainConfigManager configs) =>
            {
                var (group, option) = GroupAndOption(context);
                authz.Enforce(context, IdentityPolicyNames.GetDomainConfigDefault);
                return Config(configs.Defaults(group, option));
            });
        }
    }

    /// <summary>Reading reports configuration errors before a missing domain, so it does not reveal which domains exist.</summary>
    private static async Task<IResult> GetAsync(string domain_id, HttpContext context,
        IdentityAuthorizer authz, ProjectManager projects, DomainConfigManager configs)
    {
        var (group, option) = GroupAndOption(context);
        ApiException? missing = null;
        try
        {
            await projects.GetDomainAsync(domain_id, context.RequestAborted);
        }
        catch (ApiException e)
        {
            missing = e;
        }
        JsonObject config;
        if (group == "security_compliance")
        {
            authz.Enforce(context, IdentityPolicyNames.GetSecurityComplianceDomainConfig);
            config = configs.SecurityCompliance(domain_id, option);
        }
        else
        {
            authz.Enforce(context, IdentityPolicyNames.GetDomainConfig);
            config = await configs.GetAsync(domain_id, group, option, context.RequestAborted);
        }
        if (missing is not null) throw missing;
        return Config(config);
    }

    /// <summary>The optional {group} and {option} of the route (never the query string).</summary>
    private static (string? Group, string? Option) GroupAndOption(HttpContext context) =>
        (context.Request.RouteValues["group"] as string, context.Request.RouteValues["option"] as string);

    private static IResult Config(JsonObject config, int status = 200) =>
        new SharpStack.Core.Http.JsonBodyResult(new JsonObject { ["config"] = config }, status);
}
