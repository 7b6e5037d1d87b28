using System.Text.Json.Nodes;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Resources;

/// <summary>The rules of project tags: changes go through a project update (so every update rule applies), are
/// refused on immutable projects, and a new tag must keep the list valid (unique, at most 80).</summary>
public sealed class ProjectTagManager(ProjectManager projects)
{
    public async Task<List<string>> ListAsync(string projectId, CancellationToken ct)
    {
        await projects.GetAsync(projectId, ct);
        return await projects.TagsAsync(projectId, ct);
    }

    public async Task CheckAsync(string projectId, string tag, CancellationToken ct)
    {
        if (!(await ListAsync(projectId, ct)).Contains(tag)) throw TagNotFound(tag);
    }

    /// <summary>PUT /v3/projects/{id}/tags/{tag}: the tag is validated alone, then as part of the new list.</summary>
    public async Task AddAsync(string projectId, string tag, CancellationToken ct)
    {
        ResourceSchemas.TagCreate.Check(JsonValue.Create(tag));
        var tags = await ListAsync(projectId, ct);
        tags.Add(tag);
        ResourceSchemas.TagsUpdate.Check(ToArray(tags));
        var project = await projects.GetAsync(projectId, ct);
        if (ResourceOptions.IsImmutable(project))
            throw Immutable("create", projectId);
        tags[^1] = ResourceNames.Strip(tag);
        await projects.UpdateAsync(projectId, new JsonObject { ["tags"] = ToArray(tags) }, ct);
    }

    /// <summary>PUT /v3/projects/{id}/tags (already validated); DELETE …/tags is this with no tags.</summary>
    public async Task<List<string>> ReplaceAsync(string projectId, IEnumerable<string> tags, CancellationToken ct)
    {
        var project = await projects.GetAsync(projectId, ct);
        if (ResourceOptions.IsImmutable(project))
            throw Immutable("update", projectId);
        var stripped = tags.Select(ResourceNames.Strip).ToList();
        await projects.UpdateAsync(projectId, new JsonObject { ["tags"] = ToArray(stripped) }, ct);
        return stripped;
    }

    public async Task RemoveAsync(string projectId, string tag, CancellationToken ct)
    {
        var project = await projects.GetAsync(projectId, ct);
        if (ResourceOptions.IsImmutable(project))
            throw Immutable("delete", projectId);
        var tags = await projects.TagsAsync(projectId, ct);
        if (!tags.Remove(tag)) throw TagNotFound(tag);
        // Upstream writes back the whole project here, its current "enabled" included.
        await projects.UpdateAsync(projectId, new JsonObject { ["tags"] = ToArray(tags), ["enabled"] = project.Enabled }, ct);
    }

    private static JsonArray ToArray(IEnumerable<string> tags) => new(tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());

    private static ApiException TagNotFound(string tag) => ApiException.NotFound($"Could not find project tag: {tag}.");

    private static ApiException Immutable(string verb, string projectId) => ApiException.Forbidden(
        $"Cannot {verb} project tags for {projectId}, project is immutable. Set \"immutable\" option to false before creating project tags.");
}
