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

/// <summary>/v3/OS-FEDERATION/identity_providers and their protocols: thin HTTP over <see cref="IdentityProviderManager"/>.</summary>
public static class IdentityProvidersApi
{
    private const string Collection = "/OS-FEDERATION/identity_providers";

    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead(Collection, async (HttpContext context, IdentityAuthorizer authz, IdentityProviderManager idps) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListIdentityProviders);
            var filter = ListFilter.FromQuery(context, "id", "enabled");
            var views = await idps.ListAsync(context.RequestAborted);
            return KeystoneResponse.Collection(context, "identity_providers", views.Select(v => Render(v, context)).Where(filter.Matches));
        });
        v3.MapGetHead(Collection + "/{idpId}", async (string idpId, HttpContext context, IdentityAuthorizer authz, IdentityProviderManager idps) =>
        {
            authz.Enforce(context, IdentityPolicyNames.GetIdentityProvider, Target(idpId));
            return KeystoneResponse.Entity("identity_provider", Render(await idps.GetAsync(idpId, context.RequestAborted), context));
        });
        v3.MapPut(Collection + "/{idpId}", async (string idpId, HttpContext context, IdentityAuthorizer authz, IdentityProviderManager idps) =>
        {
            authz.Enforce(context, IdentityPolicyNames.CreateIdentityProvider, Target(idpId));
            var idp = await KeystoneBody.ReadObjectAsync(context, "identity_provider", FederationSchemas.IdentityProviderCreate, emptyWhenMissing: true);
            return KeystoneResponse.Entity("identity_provider", Render(await idps.CreateAsync(idpId, idp, context.RequestAborted), context), 201);
        });
        v3.MapPatch(Collection + "/{idpId}", async (string idpId, HttpContext context, IdentityAuthorizer authz, IdentityProviderManager idps) =>
        {
            authz.Enforce(context, IdentityPolicyNames.UpdateIdentityProvider, Target(idpId));
            var idp = await KeystoneBody.ReadObjectAsync(context, "identity_provider", FederationSchemas.IdentityProviderUpdate, emptyWhenMissing: true);
            return KeystoneResponse.Entity("identity_provider", Render(await idps.UpdateAsync(idpId, idp, context.RequestAborted), context));
        });
        v3.MapDelete(Collection + "/{idpId}", async (string idpId, HttpContext context, IdentityAuthorizer authz, IdentityProviderManager idps) =>
        {
            authz.Enforce(context, IdentityPolicyNames.DeleteIdentityProvider, Target(idpId));
            await idps.DeleteAsync(idpId, context.RequestAborted);
            return Results.NoContent();
        });

        const string Protocols = Collection + "/{idpId}/protocols";
        v3.MapGetHead(Protocols, async (string idpId, HttpContext context, IdentityAuthorizer authz, IdentityProviderManager idps) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListProtocols, Target(idpId));
            var rows = await idps.ListProtocolsAsync(idpId, context.RequestAborted);
            return KeystoneResponse.Collection(context, "protocols", rows.Select(r => RenderProtocol(r, context, listed: true)));
        });
        v3.MapGetHead(Protocols + "/{protocolId}", async (string idpId, string protocolId, HttpContext context, IdentityAuthorizer authz, IdentityProviderManager idps) =>
        {
            authz.Enforce(context, IdentityPolicyNames.GetProtocol, Target(idpId).Set("protocol_id", protocolId));
            return KeystoneResponse.Entity("protocol", RenderProtocol(await idps.GetProtocolAsync(idpId, protocolId, context.RequestAborted), context));
        });
        v3.MapPut(Protocols + "/{protocolId}", async (string idpId, string protocolId, HttpContext context, IdentityAuthorizer authz, IdentityProviderManager idps) =>
        {
            authz.Enforce(context, IdentityPolicyNames.CreateProtocol, Target(idpId).Set("protocol_id", protocolId));
            var protocol = await KeystoneBody.ReadObjectAsync(context, "protocol", FederationSchemas.ProtocolCreate, emptyWhenMissing: true);
            var row = await idps.CreateProtocolAsync(idpId, protocolId, protocol, context.RequestAborted);
            return KeystoneResponse.Entity("protocol", RenderProtocol(row, context), 201);
        });
        v3.MapPatch(Protocols + "/{protocolId}", async (string idpId, string protocolId, HttpContext context, IdentityAuthorizer authz, IdentityProviderManager idps) =>
        {
            authz.Enforce(context, IdentityPolicyNames.UpdateProtocol, Target(idpId).Set("protocol_id", protocolId));
            var protocol = await KeystoneBody.ReadObjectAsync(context, "protocol", FederationSchemas.ProtocolUpdate, emptyWhenMissing: true);
            var row = await idps.UpdateProtocolAsync(idpId, protocolId, protocol, context.RequestAborted);
            return KeystoneResponse.Entity("protocol", RenderProtocol(row, context));
        });
        v3.MapDelete(Protocols + "/{protocolId}", async (string idpId, string protocolId, HttpContext context, IdentityAuthorizer authz, IdentityProviderManager idps) =>
        {
            authz.Enforce(context, IdentityPolicyNames.DeleteProtocol, Target(idpId).Set("protocol_id", protocolId));
            await idps.DeleteProtocolAsync(idpId, protocolId, context.RequestAborted);
            return Results.NoContent();
        });
    }

    private static PolicyTarget Target(string idpId) => new PolicyTarget().Set("idp_id", idpId);

    public static JsonObject Render(IdentityProviderView view, HttpContext context)
    {
        var r = view.Row;
        var remoteIds = new JsonArray();
        foreach (var remote in view.RemoteIds) remoteIds.Add(remote);
        var self = KeystoneResponse.BaseUrl(context) + "/v3/OS-FEDERATION/identity_providers/" + r.Id;
        return new JsonObject
        {
            ["id"] = r.Id,
            ["domain_id"] = r.DomainId,
            ["enabled"] = r.Enabled,
            ["description"] = r.Description,
            ["remote_ids"] = remoteIds,
            ["authorization_ttl"] = r.AuthorizationTtl,
            ["links"] = new JsonObject { ["self"] = self, ["protocols"] = self + "/protocols" },
        };
    }

    /// <summary>A protocol as Keystone shows it: alone only id and mapping_id; listed with every column. Its links
    /// are Keystone's own (base/v3/protocols/{id} and base/v3/{idp_id}), kept for fidelity.</summary>
    public static JsonObject RenderProtocol(FederationProtocolRow r, HttpContext context, bool listed = false)
    {
        var baseUrl = KeystoneResponse.BaseUrl(context) + "/v3/";
        var o = new JsonObject { ["id"] = r.Id };
        if (listed) o["idp_id"] = r.IdpId;
        o["mapping_id"] = r.MappingId;
        if (listed) o["remote_id_attribute"] = r.RemoteIdAttribute;
        o["links"] = new JsonObject { ["self"] = baseUrl + "protocols/" + r.Id, ["identity_provider"] = baseUrl + r.IdpId };
        return o;
    }
}
