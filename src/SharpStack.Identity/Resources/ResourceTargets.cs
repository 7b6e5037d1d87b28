using System.Text.Json;
using System.Text.Json.Nodes;
using SharpStack.Core.Policy;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Resources;

/// <summary>Policy targets as Keystone's resource APIs build them: the URL's arguments at the top level and the
/// stored entity under target.project or target.domain (its attributes, tags, options and extras; no links).</summary>
public static class ResourceTargets
{
    /// <summary>target.project = the project, when it exists (Keystone defers the 404 until after enforcement).</summary>
    public static PolicyTarget Project(string projectId, ProjectView? project)
    {
        var target = new PolicyTarget().Set("project_id", projectId);
        return project is null ? target : target.Set("target.project", Element(ProjectDict(project)));
    }

    /// <summary>target.domain = the domain as the domain API shows it, when it exists.</summary>
    public static PolicyTarget Domain(string domainId, ProjectView? domain)
    {
        var target = new PolicyTarget().Set("domain_id", domainId);
        if (domain is null) return target;
        var dict = ProjectDict(domain);
        foreach (var key in new[] { "parent_id", "domain_id", "is_domain", "extra" }) dict.Remove(key);
        return target.Set("target.domain", Element(dict));
    }

    /// <summary>target.project = the request's project (creation is authorized against what is asked for).</summary>
    public static PolicyTarget Requested(JsonNode? project) =>
        new PolicyTarget().Set("target.project", project is null ? null : Element(project));

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

    private static JsonElement Element(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}
