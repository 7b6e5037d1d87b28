using System.Text.Json.Nodes;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.Configuration;

namespace SharpStack.Identity.Resources;

/// <summary>The rules of the domain API: a domain is a root project acting as a domain, so creation and update
/// go through <see cref="ProjectManager"/> with the project-only attributes forced, as Keystone's resource manager does.</summary>
public sealed class DomainManager(ProjectManager projects, SharpStackConfig config)
{
    /// <summary>POST /v3/domains after validation: a new id, or the caller's explicit_domain_id (a uuid4 hex).</summary>
    public Task<ProjectView> CreateAsync(JsonObject body, CancellationToken ct)
    {
        string id;
        if (body.TryGetPropertyValue("explicit_domain_id", out var explicitId) && explicitId is not null)
        {
            id = ProjectManager.Text(explicitId) is { } text && IsUuidHex(text)
                ? text
                : throw ApiException.BadRequest("Domain ID does not conform to required UUID format.");
        }
        else
        {
            id = Ids.New();
        }
        var domain = KeystoneBody.Normalize(body);
        ResourceNames.CheckUrlSafe(config.Get(IdentityOptions.DomainNameUrlSafe), "Domain", ProjectManager.Text(domain["name"]) ?? "");
        return projects.CreateProjectAsync(id, AsProject(domain), ct);
    }

    /// <summary>PATCH /v3/domains/{id} after validation and the existence check.</summary>
    public async Task<ProjectView> UpdateAsync(string id, JsonObject body, CancellationToken ct)
    {
        ResourceNames.CheckNotFederated(ProjectManager.Text(body["name"]), id);
        try
        {
            return await projects.UpdateAsync(id, AsProject(body), ct);
        }
        catch (ApiException e) when (e.Status == 404)
        {
            throw ProjectManager.DomainNotFound(id);
        }
    }

    /// <summary>Keystone's get_project_from_domain: whatever the request said, a domain is a root acting as a domain.</summary>
    private static JsonObject AsProject(JsonObject domain)
    {
        var project = domain.DeepClone().AsObject();
        project["is_domain"] = true;
        project["domain_id"] = null;
        project["parent_id"] = null;
        return project;
    }

    /// <summary>Python's uuid.UUID(id).hex == id: exactly 32 lowercase hex digits.</summary>
    private static bool IsUuidHex(string id) =>
        id.Length == 32 && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
