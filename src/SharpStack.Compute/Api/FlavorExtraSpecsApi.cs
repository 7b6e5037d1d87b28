using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Compute.Api.Http;
using SharpStack.Compute.Flavors;
using SharpStack.Compute.Policies;
using SharpStack.Core.Auth;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Core.Validation;

namespace SharpStack.Compute.Api;

/// <summary>/flavors/{id}/os-extra_specs: list, create/merge, show, update one key, delete one key.</summary>
public static class FlavorExtraSpecsApi
{
    public static void Map(RouteGroupBuilder v21)
    {
        v21.MapGet("/flavors/{id}/os-extra_specs", async (string id, HttpContext context, ComputeAuthorizer authz, FlavorStore store) =>
        {
            authz.Enforce(context, FlavorPolicies.ExtraSpecsIndex, Own(context));
            var flavor = await store.GetAsync(id, FlavorsApi.Caller(context, authz).Flavor, context.RequestAborted);
            var specs = new JsonObject();
            foreach (var (k, v) in (await store.ExtraSpecsAsync([flavor.Id], context.RequestAborted))[flavor.Id]) specs[k] = v;
            return Json(new JsonObject { ["extra_specs"] = specs });
        });
        v21.MapPost("/flavors/{id}/os-extra_specs", async (string id, HttpContext context, ComputeAuthorizer authz, FlavorStore store, FlavorManager flavors) =>
        {
            var body = await ComputeRequest.ReadValidatedAsync(context, FlavorSchemas.ExtraSpecsCreate);
            authz.Enforce(context, FlavorPolicies.ExtraSpecsCreate);
            var specs = Texts((JsonObject)body["extra_specs"]!);
            var flavor = await store.GetAsync(id, FlavorsApi.Caller(context, authz).Flavor, context.RequestAborted);
            await flavors.SetExtraSpecsAsync(flavor, specs, context.RequestAborted);
            return Json(body);
        });
        v21.MapGet("/flavors/{id}/os-extra_specs/{key}", async (string id, string key, HttpContext context, ComputeAuthorizer authz, FlavorStore store) =>
        {
            authz.Enforce(context, FlavorPolicies.ExtraSpecsShow, Own(context));
            var flavor = await store.GetAsync(id, FlavorsApi.Caller(context, authz).Flavor, context.RequestAborted);
            var specs = (await store.ExtraSpecsAsync([flavor.Id], context.RequestAborted))[flavor.Id];
            if (!specs.TryGetValue(key, out var value))
                throw ApiException.NotFound($"Flavor {id} has no extra specs with key {key}.");
            return Json(new JsonObject { [key] = value });
        });
        v21.MapPut("/flavors/{id}/os-extra_specs/{key}", async (string id, string key, HttpContext context, ComputeAuthorizer authz, FlavorStore store, FlavorManager flavors) =>
        {
            var body = await ComputeRequest.ReadValidatedAsync(context, FlavorSchemas.ExtraSpecsUpdate);
            authz.Enforce(context, FlavorPolicies.ExtraSpecsUpdate);
            var specs = Texts(body);
            if (!specs.ContainsKey(key)) throw ApiException.BadRequest("Request body and URI mismatch");
            var flavor = await store.GetAsync(id, FlavorsApi.Caller(context, authz).Flavor, context.RequestAborted);
            await flavors.SetExtraSpecsAsync(flavor, specs, context.RequestAborted);
            return Json(body);
        });
        v21.MapDelete("/flavors/{id}/os-extra_specs/{key}", async (string id, string key, HttpContext context, ComputeAuthorizer authz, FlavorStore store, FlavorManager flavors) =>
        {
            authz.Enforce(context, FlavorPolicies.ExtraSpecsDelete);
            var flavor = await store.GetAsync(id, FlavorsApi.Caller(context, authz).Flavor, context.RequestAborted);
            await flavors.DeleteExtraSpecAsync(flavor, key, context.RequestAborted);
            return Results.StatusCode(202);
        });
    }

    /// <summary>The read rules' target: the caller's own project.</summary>
    private static Dictionary<string, object?> Own(HttpContext context) => new() { ["project_id"] = context.Caller()?.ProjectId };

    /// <summary>Values as stored: numbers as Python's str() prints them; a number longer than 255 characters is refused.</summary>
    private static Dictionary<string, string> Texts(JsonObject specs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in specs)
        {
            var text = PythonText.Str(v);
            if (v is JsonValue n && !n.TryGetValue<string>(out _) && text.Length > 255)
                throw ApiException.BadRequest($"extra_specs value has {text.Length} characters, more than 255.");
            result[k] = text;
        }
        return result;
    }

    private static IResult Json(JsonObject body) => new JsonBodyResult(body, 200);
}
