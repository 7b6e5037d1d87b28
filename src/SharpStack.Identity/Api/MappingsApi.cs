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

/// <summary>/v3/OS-FEDERATION/mappings: thin HTTP over <see cref="MappingManager"/>.</summary>
public static class MappingsApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/OS-FEDERATION/mappings", async (HttpContext context, IdentityAuthorizer authz, MappingManager mappings) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListMappings);
            var rows = await mappings.ListAsync(context.RequestAborted);
            return KeystoneResponse.Collection(context, "mappings", rows.Select(r => Render(r, context)));
        });
        v3.MapGetHead("/OS-FEDERATION/mappings/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, MappingManager mappings) =>
        {
            authz.Enforce(context, IdentityPolicyNames.GetMapping, new PolicyTarget().Set("mapping_id", id));
            return KeystoneResponse.Entity("mapping", Render(await mappings.GetAsync(id, context.RequestAborted), context));
        });
        v3.MapPut("/OS-FEDERATION/mappings/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, MappingManager mappings) =>
        {
            authz.Enforce(context, IdentityPolicyNames.CreateMapping, new PolicyTarget().Set("mapping_id", id));
            var mapping = Member(await KeystoneRequest.ReadObjectAsync(context), "mapping");
            return KeystoneResponse.Entity("mapping", Render(await mappings.CreateAsync(id, mapping, context.RequestAborted), context), 201);
        });
        v3.MapPatch("/OS-FEDERATION/mappings/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, MappingManager mappings) =>
        {
            authz.Enforce(context, IdentityPolicyNames.UpdateMapping, new PolicyTarget().Set("mapping_id", id));
            var mapping = Member(await KeystoneRequest.ReadObjectAsync(context), "mapping");
            return KeystoneResponse.Entity("mapping", Render(await mappings.UpdateAsync(id, mapping, context.RequestAborted), context));
        });
        v3.MapDelete("/OS-FEDERATION/mappings/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, MappingManager mappings) =>
        {
            authz.Enforce(context, IdentityPolicyNames.DeleteMapping, new PolicyTarget().Set("mapping_id", id));
            await mappings.DeleteAsync(id, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>Keystone's request_body_json.get(wrapper, {}): {} when absent, whatever was sent otherwise.</summary>
    private static JsonNode? Member(JsonObject body, string wrapper) =>
        body.TryGetPropertyValue(wrapper, out var node) ? node : new JsonObject();

    public static JsonObject Render(MappingRow r, HttpContext context) => new JsonObject
    {
        ["id"] = r.Id,
        ["rules"] = JsonNode.Parse(r.Rules),
    }.WithSelfLink(context, "OS-FEDERATION/mappings/" + r.Id);
}
