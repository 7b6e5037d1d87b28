using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Assignments;

/// <summary>Renders a role assignment as GET /v3/role_assignments shows it (Keystone's _format_entity): links first
/// (the grant URL it comes from, the group membership and the implying rule for derived ones), then scope, actor and
/// role. Keystone's prior_role link names the implied role first; it is reproduced as is.</summary>
public static class RoleAssignmentJson
{
    public static JsonObject Render(AssignmentRef a, HttpContext context)
    {
        var baseUrl = KeystoneResponse.BaseUrl(context) + "/v3";
        var n = a.Names;
        var links = new JsonObject();
        var entity = new JsonObject { ["links"] = links };
        var inherited = a.InheritedToProjects;
        string link;
        JsonObject scope;
        if (a.ProjectId is not null)
        {
            var project = new JsonObject { ["id"] = a.ProjectId };
            if (n is not null)
            {
                project["name"] = n.ProjectName;
                project["domain"] = new JsonObject { ["id"] = n.ProjectDomainId, ["name"] = n.ProjectDomainName };
            }
            scope = new JsonObject { ["project"] = project };
            if (a.Indirect?.DomainId is { } fromDomain)
            {
                inherited = true;
                link = "/domains/" + fromDomain;
            }
            else if (a.Indirect?.ProjectId is { } fromProject)
            {
                inherited = true;
                link = "/projects/" + fromProject;
            }
            else
            {
                link = "/projects/" + a.ProjectId;
            }
        }
        else if (a.DomainId is not null)
        {
            var domain = new JsonObject { ["id"] = a.DomainId };
            if (n is not null) domain["name"] = n.DomainName;
            scope = new JsonObject { ["domain"] = domain };
            link = "/domains/" + a.DomainId;
        }
        else
        {
            scope = new JsonObject { ["system"] = new JsonObject { ["all"] = true } };
            link = "/system";
        }
        entity["scope"] = scope;

        if (a.UserId is not null)
        {
            entity["user"] = Actor(a.UserId, n?.UserName, n?.UserDomainId, n?.UserDomainName, n is not null);
            if (a.Indirect?.GroupId is { } viaGroup)
            {
                links["membership"] = $"{baseUrl}/groups/{viaGroup}/users/{a.UserId}";
                link += "/groups/" + viaGroup;
            }
            else
            {
                link += "/users/" + a.UserId;
            }
        }
        else if (a.GroupId is not null)
        {
            entity["group"] = Actor(a.GroupId, n?.GroupName, n?.GroupDomainId, n?.GroupDomainName, n is not null);
            link += "/groups/" + a.GroupId;
        }

        var role = new JsonObject { ["id"] = a.RoleId };
        if (n is not null)
        {
            role["name"] = n.RoleName;
            if (n.RoleDomainId is not null)
                role["domain"] = new JsonObject { ["id"] = n.RoleDomainId, ["name"] = n.RoleDomainName };
        }
        entity["role"] = role;

        string? priorRole = null;
        if (a.Indirect?.RoleId is { } prior)
        {
            link += "/roles/" + prior;
            priorRole = $"/prior_role/{a.RoleId}/implies/{prior}";
        }
        else
        {
            link += "/roles/" + a.RoleId;
        }

        if (inherited)
        {
            scope["OS-INHERIT:inherited_to"] = "projects";
            link = "/OS-INHERIT" + link + "/inherited_to_projects";
        }
        links["assignment"] = baseUrl + link;
        if (priorRole is not null) links["prior_role"] = baseUrl + priorRole;
        return entity;
    }

    private static JsonObject Actor(string id, string? name, string? domainId, string? domainName, bool withNames)
    {
        var o = new JsonObject { ["id"] = id };
        if (withNames)
        {
            o["name"] = name;
            o["domain"] = new JsonObject { ["id"] = domainId, ["name"] = domainName };
        }
        return o;
    }
}
