using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Policy;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Federation;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Api;

/// <summary>/v3/OS-FEDERATION/service_providers: thin HTTP over <see cref="ServiceProviderManager"/>.</summary>
public static class ServiceProvidersApi
{
    private const string Collection = "/OS-FEDERATION/service_providers";

    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead(Collection, async (HttpContext context, IdentityAuthorizer authz, ServiceProviderManager sps) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListServiceProviders);
            var filter = ListFilter.FromQuery(context, "id", "enabled");
            var rows = await sps.ListAsync(context.RequestAborted);
            return KeystoneResponse.Collection(context, "service_providers", rows.Select(r => Render(r, context)).Where(filter.Matches));
        });
        v3.MapGetHead(Collection + "/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, ServiceProviderManager sps) =>
        {
            authz.Enforce(context, IdentityPolicyNames.GetServiceProvider, Target(id));
            return KeystoneResponse.Entity("service_provider", Render(await sps.GetAsync(id, context.RequestAborted), context));
        });
        v3.MapPut(Collection + "/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, ServiceProviderManager sps) =>
        {
            authz.Enforce(context, IdentityPolicyNames.CreateServiceProvider, Target(id));
            var sp = await KeystoneBody.ReadObjectAsync(context, "service_provider", FederationSchemas.ServiceProviderCreate, emptyWhenMissing: true);
            return KeystoneResponse.Entity("service_provider", Render(await sps.CreateAsync(id, sp, context.RequestAborted), context), 201);
        });
        v3.MapPatch(Collection + "/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, ServiceProviderManager sps) =>
        {
            authz.Enforce(context, IdentityPolicyNames.UpdateServiceProvider, Target(id));
            var sp = await KeystoneBody.ReadObjectAsync(context, "service_provider", FederationSchemas.ServiceProviderUpdate, emptyWhenMissing: true);
            return KeystoneResponse.Entity("service_provider", Render(await sps.UpdateAsync(id, sp, context.RequestAborted), context));
        });
        v3.MapDelete(Collection + "/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, ServiceProviderManager sps) =>
        {
            authz.Enforce(context, IdentityPolicyNames.DeleteServiceProvider, Target(id));
            await sps.DeleteAsync(id, context.RequestAborted);
            return Results.NoContent();
        });
    }

    private static PolicyTarget Target(string id) => new PolicyTarget().Set("sp_id", id);

    public static JsonObject Render(ServiceProviderRow r, HttpContext context) => new JsonObject
    {
        ["auth_url"] = r.AuthUrl,
        ["id"] = r.Id,
        ["enabled"] = r.Enabled,
        ["description"] = r.Description,
        ["relay_state_prefix"] = r.RelayStatePrefix,
        ["sp_url"] = r.SpUrl,
    }.WithSelfLink(context, "OS-FEDERATION/service_providers/" + r.Id);
}
