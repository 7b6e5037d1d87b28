using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Compute.Api.Http;
using SharpStack.Compute.Api.Views;
using SharpStack.Compute.Configuration;
using SharpStack.Compute.Flavors;
using SharpStack.Compute.Policies;
using SharpStack.Core.Auth;
using SharpStack.Core.Auth.Remote;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Core.Microversions;
using SharpStack.Core.Validation;

namespace SharpStack.Compute.Api;

/// <summary>/flavors: list, detail, show, create, update (2.55), delete, flavor access and extra specs — thin HTTP
/// over <see cref="FlavorManager"/>, <see cref="FlavorLister"/> and <see cref="FlavorStore"/>.</summary>
public static class FlavorsApi
{
    public static void Map(RouteGroupBuilder v21)
    {
        v21.MapGet("/flavors", (HttpContext context, ComputeAuthorizer authz, FlavorLister lister, SharpStackConfig config) =>
            ListAsync(context, authz, lister, config, detail: false, store: null));
        v21.MapGet("/flavors/detail", (HttpContext context, ComputeAuthorizer authz, FlavorLister lister, FlavorStore store, SharpStackConfig config) =>
            ListAsync(context, authz, lister, config, detail: true, store));
        v21.MapGet("/flavors/{id}", async (string id, HttpContext context, ComputeAuthorizer authz, FlavorStore store) =>
        {
            var caller = Caller(context, authz);
            var flavor = await store.GetAsync(id, caller.Flavor, context.RequestAborted);
            var specs = ExtraSpecsShown(context, authz, caller.Auth) ? (await store.ExtraSpecsAsync([flavor.Id], context.RequestAborted))[flavor.Id] : null;
            return Json(new JsonObject { ["flavor"] = FlavorView.Full(context, flavor, specs, context.Microversion() >= FlavorView.DescriptionVersion) });
        });
        v21.MapPost("/flavors", async (HttpContext context, ComputeAuthorizer authz, FlavorManager flavors) =>
        {
            var version = context.Microversion();
            var body = await ComputeRequest.ReadValidatedAsync(context, version >= FlavorView.DescriptionVersion ? FlavorSchemas.Create255 : FlavorSchemas.Create);
            authz.Enforce(context, FlavorPolicies.Create);
            var f = (JsonObject)body["flavor"]!;
            var created = await flavors.CreateAsync(new NewFlavor(
                Name: f["name"]!.GetValue<string>(),
                FlavorId: FlavorIdText(f["id"]),
                MemoryMb: Integer(f["ram"]),
                Vcpus: Integer(f["vcpus"]),
                RootGb: Integer(f["disk"]),
                EphemeralGb: f["OS-FLV-EXT-DATA:ephemeral"] is { } e ? Integer(e) : 0,
                Swap: f["swap"] is { } s ? Integer(s) : 0,
                RxtxFactor: f["rxtx_factor"] is { } r ? Number(r) : 1.0,
                IsPublic: f["os-flavor-access:is_public"] is not { } p || Truthy(p),
                Description: version >= FlavorView.DescriptionVersion ? f["description"]?.GetValue<string>() : null), context.RequestAborted);
            var specs = ExtraSpecsShown(context, authz, context.RequireAuth()) ? new Dictionary<string, string>() : null;
            return Json(new JsonObject { ["flavor"] = FlavorView.Full(context, created, specs, version >= FlavorView.DescriptionVersion) });
        });
        v21.MapPut("/flavors/{id}", async (string id, HttpContext context, ComputeAuthorizer authz, FlavorManager flavors, FlavorStore store) =>
        {
            if (context.Microversion() < FlavorView.DescriptionVersion) throw ApiException.NotFound("The resource could not be found.");
            var body = await ComputeRequest.ReadValidatedAsync(context, FlavorSchemas.Update255);
            authz.Enforce(context, FlavorPolicies.Update);
            var updated = await flavors.UpdateDescriptionAsync(id, body["flavor"]!["description"]?.GetValue<string>(), context.RequestAborted);
            var specs = ExtraSpecsShown(context, authz, context.RequireAuth()) ? (await store.ExtraSpecsAsync([updated.Id], context.RequestAborted))[updated.Id] : null;
            return Json(new JsonObject { ["flavor"] = FlavorView.Full(context, updated, specs, includeDescription: true) });
        });
        v21.MapDelete("/flavors/{id}", async (string id, HttpContext context, ComputeAuthorizer authz, FlavorManager flavors) =>
        {
            authz.Enforce(context, FlavorPolicies.Delete);
            await flavors.DeleteAsync(id, context.RequestAborted);
            return Results.StatusCode(202);
        });
        FlavorAccessApi.Map(v21);
        FlavorExtraSpecsApi.Map(v21);
    }

    private static async Task<IResult> ListAsync(HttpContext context, ComputeAuthorizer authz, FlavorLister lister, SharpStackConfig config, bool detail, FlavorStore? store)
    {
        var version = context.Microversion();
        var caller = Caller(context, authz);
        ComputeRequest.ValidateQuery(version >= new Microversion(2, 75) ? FlavorSchemas.IndexQuery275 : FlavorSchemas.IndexQuery, context);
        var q = context.Request.Query;
        var maxLimit = config.Get(ComputeOptions.MaxLimit);
        var paging = Paging.From(context, maxLimit);
        var query = new FlavorQuery(
            IsPublic: caller.Flavor.IsAdmin ? ParseIsPublic(q) : true,
            HideDisabled: !caller.Flavor.IsAdmin,
            MinRam: IntFilter(q, "minRam"),
            MinDisk: IntFilter(q, "minDisk"),
            SortKey: Last(q, "sort_key") is { Length: > 0 } key ? key : "flavorid",
            Descending: Last(q, "sort_dir") == "desc",
            Limit: paging.Limit,
            Marker: paging.Marker);
        var rows = await lister.ListAsync(query, caller.Flavor, context.RequestAborted);
        var list = new JsonArray();
        if (detail)
        {
            var specs = ExtraSpecsShown(context, authz, caller.Auth) ? await store!.ExtraSpecsAsync(rows.Select(r => r.Id).ToList(), context.RequestAborted) : null;
            foreach (var row in rows)
                list.Add(FlavorView.Full(context, row, specs?[row.Id], version >= FlavorView.DescriptionVersion));
        }
        else
        {
            foreach (var row in rows) list.Add(FlavorView.Basic(context, row));
        }
        var result = new JsonObject { ["flavors"] = list };
        var kept = version >= new Microversion(2, 75) ? null : FlavorSchemas.IndexParameters;
        if (Paging.NextLinks(context, maxLimit, rows.Count, rows.LastOrDefault()?.FlavorId, detail ? "flavors/detail" : "flavors", kept) is { } links)
            result["flavors_links"] = links;
        return Json(result);
    }

    /// <summary>The caller as flavor rules see them: admins (context_is_admin) see private flavors too.</summary>
    internal static (AuthContext Auth, FlavorCaller Flavor) Caller(HttpContext context, ComputeAuthorizer authz)
    {
        var auth = context.RequireAuth();
        return (auth, new FlavorCaller(authz.Allows(auth, "context_is_admin"), auth.ProjectId));
    }

    /// <summary>From 2.61 flavors carry extra_specs when the caller may list them.</summary>
    private static bool ExtraSpecsShown(HttpContext context, ComputeAuthorizer authz, AuthContext caller) =>
        context.Microversion() >= FlavorView.ExtraSpecsVersion
        && authz.Allows(caller, FlavorPolicies.ExtraSpecsIndex, new Dictionary<string, object?> { ["project_id"] = caller.ProjectId });

    private static IResult Json(JsonObject body) => new JsonBodyResult(body, 200);

    private static string? Last(IQueryCollection q, string name) => q.TryGetValue(name, out var v) ? v[^1] : null;

    /// <summary>Nova's _parse_is_public: absent = public only, "none" = all, else a strict boolean.</summary>
    private static bool? ParseIsPublic(IQueryCollection q)
    {
        if (Last(q, "is_public") is not { } text) return true;
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        return Bools.Parse(text) ?? throw ApiException.BadRequest($"Invalid is_public filter [{text}]");
    }

    private static int? IntFilter(IQueryCollection q, string name)
    {
        if (Last(q, name) is not { } text) return null;
        return int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v : throw ApiException.BadRequest($"Invalid {name} filter [{text}]");
    }

    /// <summary>str(id) of a flavor id given as text or number; a falsy one (null, "", 0) asks for a generated uuid.</summary>
    private static string? FlavorIdText(JsonNode? id) => id switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => PythonText.Str(id) is var n && n is "0" or "0.0" ? null : PythonText.Str(id),
    };

    /// <summary>A validated integer field (a JSON integer or digits as text).</summary>
    private static int Integer(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : node!.GetValue<int>();

    private static double Number(JsonNode node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? double.Parse(s, CultureInfo.InvariantCulture) : node.GetValue<double>();

    private static bool Truthy(JsonNode node) =>
        node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : Bools.Parse(node.GetValue<string>()) ?? false;
}

/// <summary>oslo strutils.bool_from_string(strict=True): the accepted spellings, null for anything else.</summary>
public static class Bools
{
    public static bool? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "1" or "t" or "true" or "on" or "y" or "yes" => true,
        "0" or "f" or "false" or "off" or "n" or "no" => false,
        _ => null,
    };
}
