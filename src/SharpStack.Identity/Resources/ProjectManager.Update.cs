using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Common;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Resources;

/// <summary>Keystone's _update_project: the checks in upstream order, then the merge of the change into the row.</summary>
public sealed partial class ProjectManager
{
    /// <summary>Updates a project or domain with <paramref name="changes"/> (already validated). Keystone quirk kept:
    /// a change without "enabled" counts as enabling, so a disabled project under a disabled parent refuses it.</summary>
    public async Task<ProjectView> UpdateAsync(string id, JsonObject changes, CancellationToken ct)
    {
        var row = await db.Projects.AsTracking().FirstOrDefaultAsync(p => p.Id == id && id != ProjectRow.RootDomainId, ct)
            ?? throw ProjectNotFound(id);
        var originalDomainId = row.IsDomain ? null : row.DomainId;
        if (changes.TryGetPropertyValue("domain_id", out var domainId) && Text(domainId) != originalDomainId)
            throw ApiException.BadRequest("Cannot change Domain ID");

        var entity = row.IsDomain ? "domain" : "project";
        ResourceOptions.CheckUpdate(row, changes, entity);
        var urlSafe = config.Get(row.IsDomain ? IdentityOptions.DomainNameUrlSafe : IdentityOptions.ProjectNameUrlSafe);
        var name = Text(changes["name"]);
        var nameChanged = changes.ContainsKey("name") && name != row.Name;
        if (nameChanged)
        {
            ResourceNames.CheckUrlSafe(urlSafe, row.IsDomain ? "Domain" : "Project", name ?? "");
            name = ResourceNames.Strip(name ?? "");
        }
        if (changes.TryGetPropertyValue("parent_id", out var parentId) && Text(parentId) != row.ParentId)
            throw ApiException.Forbidden("Update of `parent_id` is not allowed.");
        if (changes.TryGetPropertyValue("is_domain", out var isDomain) && IsTrue(isDomain) != row.IsDomain)
            throw ApiException.BadRequest("Update of `is_domain` is not allowed.");

        var enabled = changes["enabled"] is not { } e || IsTrue(e);
        if (!row.Enabled && enabled)
        {
            var parents = await hierarchy.ParentsAsync(row, ct);
            if (parents.Any(p => !p.Enabled))
                throw ApiException.Forbidden($"Cannot enable project {id} since it has disabled parents");
        }
        // A domain may be disabled whatever its projects' state: disabling it disables everything below it.
        if (row.Enabled && !enabled && !row.IsDomain && (await hierarchy.SubtreeAsync(id, ct)).Any(p => p.Enabled))
            throw ApiException.Forbidden($"Cannot disable project {id} since its subtree contains enabled projects.");

        if (nameChanged) row.Name = name!;
        if (changes.TryGetPropertyValue("description", out var description)) row.Description = Text(description);
        if (changes.ContainsKey("enabled")) row.Enabled = enabled;
        if (changes.ContainsKey("options"))
            row.Options = ExtraAttributes.Serialize(ResourceOptions.Apply(ExtraAttributes.Parse(row.Options), changes["options"]));
        row.Extra = ExtraAttributes.Serialize(Extras(changes, ExtraAttributes.Parse(row.Extra)));
        List<string>? tags = null;
        if (changes["tags"] is JsonArray newTags)
        {
            tags = newTags.Select(t => t!.GetValue<string>()).ToList();
            await ReplaceTagsAsync(id, tags, ct);
        }
        await db.CommitAsync(revision, "project", ct, ConflictDetails(row.IsDomain, row.Name, id));
        return new ProjectView(row, tags ?? await TagsAsync(id, ct));
    }

    /// <summary>Tracks the difference between the stored tags and <paramref name="tags"/>, saved with the update.</summary>
    private async Task ReplaceTagsAsync(string projectId, List<string> tags, CancellationToken ct)
    {
        var stored = await db.ProjectTags.AsTracking().Where(t => t.ProjectId == projectId).ToListAsync(ct);
        var wanted = tags.ToHashSet(StringComparer.Ordinal);
        foreach (var tag in stored.Where(t => !wanted.Contains(t.Name))) db.ProjectTags.Remove(tag);
        var kept = stored.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var tag in tags.Where(t => !kept.Contains(t)).Distinct(StringComparer.Ordinal))
            db.ProjectTags.Add(new ProjectTagRow { ProjectId = projectId, Name = tag });
    }
}
