using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Users;

/// <summary>The "federated" attribute of a user ([{idp_id, protocols: [{protocol_id, unique_id}]}]): the identity
/// providers and protocols it names must exist (Keystone's 400 texts otherwise).</summary>
public static class FederatedObjects
{
    public static async Task ValidateAsync(IdentityDb db, JsonArray federated, CancellationToken ct)
    {
        foreach (var item in federated.OfType<JsonObject>())
        {
            var idp = item["idp_id"]!.GetValue<string>();
            if (!await db.IdentityProviders.AnyAsync(i => i.Id == idp, ct))
                throw ApiException.BadRequest($"Could not find Identity Provider: {idp}");
            foreach (var protocol in (item["protocols"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var id = protocol["protocol_id"]!.GetValue<string>();
                if (!await db.FederationProtocols.AnyAsync(p => p.Id == id && p.IdpId == idp, ct))
                    throw ApiException.BadRequest($"Could not find federated protocol {id} for Identity Provider: {idp}.");
            }
        }
    }
}
