using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Catalog;
using SharpStack.Identity.Common;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Api;

/// <summary>/v3/services: thin HTTP over <see cref="ServiceManager"/>.</summary>
public static class ServicesApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/services", async (HttpContext context, IdentityAuthorizer authz, ServiceManager services) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListServices, PolicyTargets.FromRoute(context));
            var filter = ListFilter.FromQuery(context, "type", "name");
            var rows = await services.ListAsync(context.RequestAborted);
            return KeystoneResponse.Collection(context, "services", rows.Select(r => Render(r, context)).Where(filter.Matches));
        });
        v3.MapGetHead("/services/{service_id}", async (string service_id, HttpContext context, IdentityAuthorizer authz, ServiceManager services) =>
        {
            authz.Enforce(context, IdentityPolicyNames.GetService, PolicyTargets.FromRoute(context));
            return KeystoneResponse.Entity("service", Render(await services.GetAsync(service_id, context.RequestAborted), context));
        });
        v3.MapPost("/services", async (HttpContext context, IdentityAuthorizer authz, ServiceManager services) =>
        {
            authz.Enforce(context, IdentityPolicyNames.CreateService, PolicyTargets.FromRoute(context));
            var service = await KeystoneBody.ReadObjectAsync(context, "service", CatalogSchemas.ServiceCreate);
            var row = await services.CreateAsync(KeystoneBody.Normalize(service), context.RequestAborted);
            return KeystoneResponse.Entity("service", Render(row, context), 201);
        });
        v3.MapPatch("/services/{service_id}", async (string service_id, HttpContext context, IdentityAuthorizer authz, ServiceManager services) =>
        {
            authz.Enforce(context, IdentityPolicyNames.UpdateService, PolicyTargets.FromRoute(context));
            var service = await KeystoneBody.ReadObjectAsync(context, "service", CatalogSchemas.ServiceUpdate);
            KeystoneBody.RequireMatchingId(service, service_id);
            return KeystoneResponse.Entity("service", Render(await services.UpdateAsync(service_id, service, context.RequestAborted), context));
        });
        v3.MapDelete("/services/{service_id}", async (string service_id, HttpContext context, IdentityAuthorizer authz, ServiceManager services) =>
        {
            authz.Enforce(context, IdentityPolicyNames.DeleteService, PolicyTargets.FromRoute(context));
            await services.DeleteAsync(service_id, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>Keystone's service dict: the extra attributes (name, description, …) under the columns.</summary>
    public static JsonObject Render(ServiceRow s, HttpContext context)
    {
        var o = ExtraAttributes.Parse(s.Extra);
        o["id"] = s.Id;
        o["type"] = s.Type;
        o["enabled"] = s.Enabled;
        return o.WithSelfLink(context, "services/" + s.Id);
    }
}
