using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Errors;
using SharpStack.Core.Policy;
using SharpStack.Core.Validation;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.OAuth1;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Api;

/// <summary>/v3/OS-OAUTH1/consumers: thin HTTP over <see cref="ConsumerManager"/>.</summary>
public static class ConsumersApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/OS-OAUTH1/consumers", async (HttpContext context, IdentityAuthorizer authz, ConsumerManager consumers) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListConsumers);
            var rows = await consumers.ListAsync(context.RequestAborted);
            return KeystoneResponse.Collection(context, "consumers", rows.Select(r => Render(r, context)));
        });
        v3.MapGetHead("/OS-OAUTH1/consumers/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, ConsumerManager consumers) =>
        {
            authz.Enforce(context, IdentityPolicyNames.GetConsumer, new PolicyTarget().Set("consumer_id", id));
            return KeystoneResponse.Entity("consumer", Render(await consumers.GetAsync(id, context.RequestAborted), context));
        });
        v3.MapPost("/OS-OAUTH1/consumers", async (HttpContext context, IdentityAuthorizer authz, ConsumerManager consumers) =>
        {
            authz.Enforce(context, IdentityPolicyNames.CreateConsumer);
            var consumer = await LenientEntityAsync(context, OAuth1Schemas.ConsumerCreate);
            var row = await consumers.CreateAsync(consumer, context.RequestAborted);
            return KeystoneResponse.Entity("consumer", Render(row, context, showSecret: true), 201);
        });
        v3.MapPatch("/OS-OAUTH1/consumers/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, ConsumerManager consumers) =>
        {
            authz.Enforce(context, IdentityPolicyNames.UpdateConsumer, new PolicyTarget().Set("consumer_id", id));
            var consumer = await LenientEntityAsync(context, OAuth1Schemas.ConsumerUpdate);
            KeystoneBody.RequireMatchingId(consumer, id);
            return KeystoneResponse.Entity("consumer", Render(await consumers.UpdateAsync(id, consumer, context.RequestAborted), context));
        });
        v3.MapDelete("/OS-OAUTH1/consumers/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, ConsumerManager consumers) =>
        {
            authz.Enforce(context, IdentityPolicyNames.DeleteConsumer, new PolicyTarget().Set("consumer_id", id));
            await consumers.DeleteAsync(id, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>Keystone reads consumers with get_json(force=True, silent=True): a bad or missing body is {}.</summary>
    private static async Task<JsonObject> LenientEntityAsync(HttpContext context, JsonSchema schema)
    {
        JsonObject body;
        try
        {
            body = await KeystoneRequest.ReadObjectAsync(context);
        }
        catch (ApiException e) when (e.Status == 400)
        {
            body = [];
        }
        var consumer = body.TryGetPropertyValue("consumer", out var node) ? node : new JsonObject();
        schema.Check(consumer);
        return (JsonObject)consumer!;
    }

    /// <summary>Extras first, then id, description (and the secret, only when created), then the link.</summary>
    public static JsonObject Render(ConsumerRow r, HttpContext context, bool showSecret = false)
    {
        var o = ExtraAttributes.Parse(r.Extra);
        o["id"] = r.Id;
        o["description"] = r.Description;
        if (showSecret) o["secret"] = r.Secret;
        return o.WithSelfLink(context, "OS-OAUTH1/consumers/" + r.Id);
    }
}
