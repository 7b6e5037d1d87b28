using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Resources;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Api;

/// <summary>/v3/domains: thin HTTP over <see cref="DomainManager"/> and <see cref="ProjectDeleter"/>.</summary>
public static class DomainsApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/domains", async (HttpContext context, IdentityAuthorizer authz, ProjectManager projects, IdentityDb db) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListDomains);
            var filter = ListFilter.FromQuery(context, "name", "enabled");
            var rows = (await projects.ListAllAsync(context.RequestAborted)).Where(p => p.IsDomain).ToList();
            var rendered = await DomainJson.RenderManyAsync(db, rows, context);
            return KeystoneResponse.Collection(context, "domains", rendered.Where(filter.Matches));
        });
        v3.MapGetHead("/domains/{domain_id}", async (string domain_id, HttpContext context, IdentityAuthorizer authz, ProjectManager projects) =>
        {
            // Keystone defers "not found" until after enforcement here (unlike update and delete).
            var found = await projects.FindAsync(domain_id, context.RequestAborted) is { IsDomain: true } d ? d : null;
            var view = found is null ? null : new ProjectView(found, await projects.TagsAsync(domain_id, context.RequestAborted));
            authz.Enforce(context, IdentityPolicyNames.GetDomain, ResourceTargets.Domain(context, view));
            var domain = await projects.GetDomainAsync(domain_id, context.RequestAborted);
            return KeystoneResponse.Entity("domain", DomainJson.Render(domain, context, view!.Tags));
        });
        v3.MapPost("/domains", async (HttpContext context, IdentityAuthorizer authz, DomainManager domains) =>
        {
            var body = await KeystoneBody.ReadMemberAsync(context, "domain");
            authz.Enforce(context, IdentityPolicyNames.CreateDomain);
            ResourceSchemas.DomainCreate.Check(body);
            var view = await domains.CreateAsync(body!.AsObject(), context.RequestAborted);
            return KeystoneResponse.Entity("domain", DomainJson.Render(view.Row, context, view.Tags), 201);
        });
        v3.MapPatch("/domains/{domain_id}", async (string domain_id, HttpContext context, IdentityAuthorizer authz, ProjectManager projects, DomainManager domains) =>
        {
            var body = await KeystoneBody.ReadMemberAsync(context, "domain");
            authz.Enforce(context, IdentityPolicyNames.UpdateDomain, await TargetAsync(projects, domain_id, context));
            ResourceSchemas.DomainUpdate.Check(body);
            var view = await domains.UpdateAsync(domain_id, body!.AsObject(), context.RequestAborted);
            return KeystoneResponse.Entity("domain", DomainJson.Render(view.Row, context, view.Tags));
        });
        v3.MapDelete("/domains/{domain_id}", async (string domain_id, HttpContext context, IdentityAuthorizer authz, ProjectManager projects, ProjectDeleter deleter) =>
        {
            authz.Enforce(context, IdentityPolicyNames.DeleteDomain, await TargetAsync(projects, domain_id, context));
            await deleter.DeleteDomainAsync(await projects.GetDomainAsync(domain_id, context.RequestAborted), context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>Update and delete load the domain before enforcement, so a missing one is a 404 for anybody.</summary>
    private static async Task<SharpStack.Core.Policy.PolicyTarget> TargetAsync(ProjectManager projects, string domainId, HttpContext context)
    {
        var domain = await projects.GetDomainAsync(domainId, context.RequestAborted);
        return ResourceTargets.Domain(context, new ProjectView(domain, await projects.TagsAsync(domainId, context.RequestAborted)));
    }
}
