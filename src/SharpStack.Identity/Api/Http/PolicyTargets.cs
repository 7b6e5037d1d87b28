using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Policy;

namespace SharpStack.Identity.Api.Http;

/// <summary>Builds policy targets as Keystone's enforce_call does: the route's path parameters at the top level
/// (<c>user_id</c>, <c>credential_id</c>, …) and entities under <c>target.*</c>.</summary>
public static class PolicyTargets
{
    /// <summary>The path parameters (Keystone's view_args); route templates use Keystone's names for them.</summary>
    public static PolicyTarget FromRoute(HttpContext context)
    {
        var target = new PolicyTarget();
        foreach (var (key, value) in context.Request.RouteValues)
            if (value is string s) target[key] = s;
        return target;
    }

    /// <summary>Adds a JSON entity (flattened to dotted keys as Keystone's flatten_dict does).</summary>
    public static PolicyTarget SetJson(this PolicyTarget target, string key, JsonNode? value)
    {
        if (value is null) return target.Set(key, null);
        using var doc = JsonDocument.Parse(value.ToJsonString());
        return target.Set(key, doc.RootElement.Clone());
    }
}
