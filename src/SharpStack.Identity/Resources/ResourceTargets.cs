using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Policy;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;

namespace SharpStack.Identity.Resources;

/// <summary>Policy targets as Keystone's resource APIs build them: the URL's arguments at the top level and the
/// stored entity under target.project or target.domain (its attributes, tags, options and extras; no links).</summary>
public static class ResourceTargets
{
    /// <summary>target.project = the project, when it exists (Keystone defers the 404 until after enforcement).</summary>
    public static PolicyTarget Project(HttpContext context, ProjectView? project)
    {
        var target = PolicyTargets.FromRoute(context);
        return project is null ? target : target.SetJson("target.project", ProjectDict(project));
    }

    /// <summary>target.domain = the domain as the domain API shows it, when it exists.</summary>
    public static PolicyTarget Domain(HttpContext context, ProjectView? domain)
    {
        var target = PolicyTargets.FromRoute(context);
        if (domain is null) return target;
        var dict = ProjectDict(domain);
        foreach (var key in new[] { "parent_id", "domain_id", "is_domain", "extra" }) dict.Remove(key);
        return target.SetJson("target.domain", dict);
    }

    /// <summary>target.project = the request's project (creation is authorized against what is asked for).</summary>
    public static PolicyTarget Requested(HttpContext context, JsonNode? project) =>
        PolicyTargets.FromRoute(context).SetJson("target.project", project);

    private static JsonObject ProjectDict(ProjectView view)
    {
        var p = view.Row;
        var dict = ExtraAttributes.Parse(p.Extra);
        dict["id"] = p.Id;
        dict["name"] = p.Name;
        dict["domain_id"] = p.IsDomain ? null : p.DomainId;
        dict["description"] = p.Description;
        dict["enabled"] = p.Enabled;
        dict["parent_id"] = p.ParentId;
        dict["is_domain"] = p.IsDomain;
        dict["tags"] = new JsonArray(view.Tags.Select(t => (JsonNode?)t).ToArray());
        dict["options"] = ExtraAttributes.Parse(p.Options);
        return dict;
    }
}
