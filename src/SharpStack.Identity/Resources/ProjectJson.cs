using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Resources;

/// <summary>Renders projects as Keystone shows them (id, name, domain_id, description, enabled, parent_id, is_domain,
/// tags, options, links, and extra attributes).</summary>
public static class ProjectJson
{
    public static JsonObject Render(ProjectRow p, HttpContext context, IReadOnlyList<string> tags)
    {
        var o = new JsonObject
        {
            ["id"] = p.Id,
            ["name"] = p.Name,
            ["domain_id"] = p.IsDomain ? null : p.DomainId,
            ["description"] = p.Description,
            ["enabled"] = p.Enabled,
            ["parent_id"] = p.ParentId,
            ["is_domain"] = p.IsDomain,
            ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)t).ToArray()),
            ["options"] = ExtraAttributes.Parse(p.Options),
        };
        ExtraAttributes.MergeInto(o, p.Extra);
        return o.WithSelfLink(context, "projects/" + p.Id);
    }

    /// <summary>Renders several projects, loading their tags in one query.</summary>
    public static async Task<List<JsonObject>> RenderManyAsync(IdentityDb db, IReadOnlyList<ProjectRow> rows, HttpContext context)
    {
        var tags = await TagsAsync(db, rows.Select(r => r.Id).ToList(), context.RequestAborted);
        return rows.Select(r => Render(r, context, tags.GetValueOrDefault(r.Id) ?? [])).ToList();
    }

    public static async Task<Dictionary<string, List<string>>> TagsAsync(IdentityDb db, List<string> projectIds, CancellationToken ct)
    {
        var rows = await db.ProjectTags.Where(t => projectIds.Contains(t.ProjectId)).OrderBy(t => t.Name).ToListAsync(ct);
        return rows.GroupBy(t => t.ProjectId).ToDictionary(g => g.Key, g => g.Select(t => t.Name).ToList());
    }
}

/// <summary>Renders domains as Keystone shows them (id, name, description, enabled, tags, options, links, extra).</summary>
public static class DomainJson
{
    public static JsonObject Render(ProjectRow d, HttpContext context, IReadOnlyList<string> tags)
    {
        var o = new JsonObject
        {
            ["id"] = d.Id,
            ["name"] = d.Name,
            ["description"] = d.Description,
            ["enabled"] = d.Enabled,
            ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)t).ToArray()),
            ["options"] = ExtraAttributes.Parse(d.Options),
        };
        ExtraAttributes.MergeInto(o, d.Extra);
        return o.WithSelfLink(context, "domains/" + d.Id);
    }

    public static async Task<List<JsonObject>> RenderManyAsync(IdentityDb db, IReadOnlyList<ProjectRow> rows, HttpContext context)
    {
        var tags = await ProjectJson.TagsAsync(db, rows.Select(r => r.Id).ToList(), context.RequestAborted);
        return rows.Select(r => Render(r, context, tags.GetValueOrDefault(r.Id) ?? [])).ToList();
    }
}
