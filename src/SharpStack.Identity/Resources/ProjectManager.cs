using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Resources;

/// <summary>A project (or domain) with its tags in the order a response shows them.</summary>
public sealed record ProjectView(ProjectRow Row, IReadOnlyList<string> Tags);

/// <summary>The rules of projects (Keystone's resource manager): creation in a hierarchy under an enabled branch
/// within the depth limit, names unique per domain, and — in ProjectManager.Update.cs — updates.</summary>
public sealed partial class ProjectManager(IdentityDb db, IdentityRevision revision, SharpStackConfig config, ProjectHierarchy hierarchy)
{
    /// <summary>The attributes Keystone stores in columns; anything else in a request is an "extra" attribute.</summary>
    private static readonly HashSet<string> Attributes =
        ["id", "name", "domain_id", "description", "enabled", "parent_id", "is_domain", "tags", "options", "extra"];

    public async Task<ProjectRow?> FindAsync(string id, CancellationToken ct) =>
        id == ProjectRow.RootDomainId ? null : await db.Projects.FirstOrDefaultAsync(p => p.Id == id, ct);

    public async Task<ProjectRow> GetAsync(string id, CancellationToken ct) =>
        await FindAsync(id, ct) ?? throw ProjectNotFound(id);

    /// <summary>A project acting as a domain; anything else is "Could not find domain".</summary>
    public async Task<ProjectRow> GetDomainAsync(string id, CancellationToken ct) =>
        await FindAsync(id, ct) is { IsDomain: true } d ? d : throw DomainNotFound(id);

    /// <summary>Every project and domain except the hidden root, ordered by id as Keystone's database returns them.</summary>
    public Task<List<ProjectRow>> ListAllAsync(CancellationToken ct) =>
        db.Projects.Where(p => p.Id != ProjectRow.RootDomainId).OrderBy(p => p.Id).ToListAsync(ct);

    public async Task<List<string>> TagsAsync(string projectId, CancellationToken ct) =>
        await db.ProjectTags.Where(t => t.ProjectId == projectId).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(ct);

    /// <summary>POST /v3/projects after validation: a new id, the domain defaulted (token's domain, else the default
    /// domain) unless it acts as a domain, the parent defaulted to the domain.</summary>
    public Task<ProjectView> CreateAsync(JsonObject body, string? scopedDomainId, CancellationToken ct)
    {
        var project = body.DeepClone().AsObject();
        if (!IsTrue(project["is_domain"]) && string.IsNullOrEmpty(Text(project["domain_id"])))
            project["domain_id"] = scopedDomainId ?? config.Get(IdentityOptions.DefaultDomainId);
        if (string.IsNullOrEmpty(Text(project["parent_id"])))
            project["parent_id"] = project["domain_id"]?.DeepClone();
        return CreateProjectAsync(Ids.New(), KeystoneBody.Normalize(project), ct);
    }

    /// <summary>Keystone's create_project: checks the name and the hierarchy, then stores the project.</summary>
    internal async Task<ProjectView> CreateProjectAsync(string id, JsonObject project, CancellationToken ct)
    {
        var name = Text(project["name"]) ?? "";
        ResourceNames.CheckUrlSafe(config.Get(IdentityOptions.ProjectNameUrlSafe), "Project", name);
        name = ResourceNames.Strip(name);
        var isDomain = IsTrue(project["is_domain"]);
        var domainId = Text(project["domain_id"]);
        var parentId = Text(project["parent_id"]);
        if (string.IsNullOrEmpty(parentId)) parentId = domainId;

        if (isDomain)
        {
            ResourceNames.CheckNotFederated(name, id);
            if (!string.IsNullOrEmpty(parentId))
                throw ApiException.BadRequest("only root projects are allowed to act as domains.");
        }
        else
        {
            await CheckPlacementAsync(domainId!, parentId!, ct);
        }

        var tags = project["tags"] is JsonArray t ? t.Select(x => x!.GetValue<string>()).ToList() : [];
        var row = new ProjectRow
        {
            Id = id,
            Name = name,
            DomainId = isDomain ? ProjectRow.RootDomainId : domainId!,
            ParentId = isDomain ? null : parentId,
            IsDomain = isDomain,
            Enabled = project["enabled"] is not { } enabled || IsTrue(enabled),
            Description = project.TryGetPropertyValue("description", out var description) ? Text(description) : "",
            Options = ExtraAttributes.Serialize(project.TryGetPropertyValue("options", out var options) ? ResourceOptions.Apply([], options) : null),
            Extra = ExtraAttributes.Serialize(Extras(project, [])),
        };
        db.Projects.Add(row);
        foreach (var tag in tags) db.ProjectTags.Add(new ProjectTagRow { ProjectId = id, Name = tag });
        await db.CommitAsync(revision, "project", ct, ConflictDetails(isDomain, name, id));
        return new ProjectView(row, tags);
    }

    /// <summary>Keystone's regular-project constraints: the domain and parent exist and agree, the whole branch is
    /// enabled, and the new project stays within the depth limit. Missing references are 400s, not 404s.</summary>
    private async Task CheckPlacementAsync(string domainId, string parentId, CancellationToken ct)
    {
        var domain = await FindAsync(domainId, ct) is { IsDomain: true } d ? d : throw ApiException.BadRequest($"Could not find domain: {domainId}.");
        var parent = await FindAsync(parentId, ct) ?? throw ApiException.BadRequest($"Could not find project: {parentId}.");
        if (parent.IsDomain && parent.Id != domain.Id)
            throw ApiException.BadRequest($"Cannot create project, the parent ({parent.Id}) is acting as a domain, but this project's domain id ({domain.Id}) does not match the parent's id.");
        if (!parent.IsDomain && parent.DomainId != domain.Id)
            throw ApiException.BadRequest($"Cannot create project, since it specifies its domain_id {domain.Id}, but specifies a parent in a different domain ({parent.DomainId}).");

        var branch = await hierarchy.ParentsAsync(parent, ct);
        branch.Add(parent);
        if (branch.FirstOrDefault(p => !p.Enabled) is { } disabled)
            throw ApiException.BadRequest($"cannot create a project in a branch containing a disabled project: {disabled.Id}");
        if (branch.Count + 1 > MaxDepth())
            throw ApiException.Forbidden($"Max hierarchy depth reached for {parentId} branch.");
    }

    /// <summary>The configured depth plus one for the domain on top; strict_two_level limits allow at most two levels.</summary>
    private int MaxDepth()
    {
        var depth = config.Get(IdentityOptions.MaxProjectTreeDepth) + 1;
        return config.Get(IdentityOptions.EnforcementModel) == "strict_two_level" ? Math.Min(depth, 3) : depth;
    }

    private static JsonObject Extras(JsonObject request, JsonObject current)
    {
        foreach (var (key, value) in request)
            if (!Attributes.Contains(key)) current[key] = value?.DeepClone();
        return current;
    }

    private static string ConflictDetails(bool isDomain, string name, string id) => isDomain
        ? $"it is not permitted to have two projects acting as domains with the same name: {name}"
        : $"it is not permitted to have two projects with either the same name or same id in the same domain: name is {name}, project id {id}";

    internal static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static ApiException ProjectNotFound(string id) => ApiException.NotFound($"Could not find project: {id}.");

    public static ApiException DomainNotFound(string id) => ApiException.NotFound($"Could not find domain: {id}.");
}
