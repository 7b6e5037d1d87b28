using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Auth;
using SharpStack.Core.Errors;
using SharpStack.Core.Policy;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Catalog;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Resources;
using SharpStack.Identity.Revocation;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Tokens;
using SharpStack.Identity.Tokens.Authentication;

namespace SharpStack.Identity.Api;

/// <summary>/v3/auth: issue, validate, check and revoke tokens; the caller's catalog, projects, domains and system.</summary>
public static class AuthApi
{
    public const string SubjectTokenHeader = "X-Subject-Token";

    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapPost("/auth/tokens", IssueAsync);
        v3.MapMethods("/auth/tokens", ["GET", "HEAD"], ValidateAsync);
        v3.MapDelete("/auth/tokens", RevokeAsync);
        v3.MapGetHead("/auth/catalog", CatalogAsync);
        v3.MapGetHead("/auth/projects", ProjectsAsync);
        v3.MapGetHead("/auth/domains", DomainsAsync);
        v3.MapGetHead("/auth/system", SystemAsync);
        v3.MapGetHead("/OS-FEDERATION/projects", ProjectsAsync);
        v3.MapGetHead("/OS-FEDERATION/domains", DomainsAsync);
    }

    private static async Task IssueAsync(HttpContext context, Authenticator authenticator, TokenValidator validator)
    {
        var request = AuthRequest.Parse(await KeystoneRequest.ReadObjectAsync(context));
        var issued = await authenticator.AuthenticateAsync(request, context.RequestAborted);
        var body = await issued.Validated.BodyAsync(IncludeCatalog(context), () => validator.CatalogAsync(issued.Validated.Data, context.RequestAborted));
        context.Response.Headers[SubjectTokenHeader] = issued.Token;
        await WriteAsync(context, 201, body);
    }

    private static async Task ValidateAsync(HttpContext context, IdentityAuthorizer authz, TokenValidator validator)
    {
        var subject = await SubjectAsync(context, validator);
        var rule = HttpMethods.IsHead(context.Request.Method) ? IdentityPolicyNames.CheckToken : IdentityPolicyNames.ValidateToken;
        authz.Enforce(context, rule, SubjectTarget(subject));
        context.Response.Headers[SubjectTokenHeader] = context.Request.Headers[SubjectTokenHeader].ToString();
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = 200;
            return;
        }
        var body = await subject.BodyAsync(IncludeCatalog(context), () => validator.CatalogAsync(subject.Data, context.RequestAborted));
        await WriteAsync(context, 200, body);
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, IdentityAuthorizer authz, TokenValidator validator, Revoker revoker)
    {
        var subject = await SubjectAsync(context, validator);
        authz.Enforce(context, IdentityPolicyNames.RevokeToken, SubjectTarget(subject));
        await revoker.RevokeAuditIdAsync(subject.Data.AuditId, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> CatalogAsync(HttpContext context, IdentityAuthorizer authz, CatalogBuilder catalogs)
    {
        var caller = authz.Enforce(context, IdentityPolicyNames.GetAuthCatalog);
        if (caller.ProjectId is null)
            throw ApiException.Forbidden("A project-scoped token is required to produce a service catalog.");
        var catalog = await catalogs.BuildAsync(caller.TrustorUserId ?? caller.UserId, caller.ProjectId, context.RequestAborted);
        return new SharpStack.Core.Http.JsonBodyResult(new JsonObject
        {
            ["catalog"] = catalog,
            ["links"] = new JsonObject { ["self"] = KeystoneResponse.BaseUrl(context) + "/v3/auth/catalog" },
        }, 200);
    }

    private static async Task<IResult> ProjectsAsync(HttpContext context, IdentityAuthorizer authz, AccessibleTargets targets, IdentityDb db)
    {
        var caller = authz.Enforce(context, IdentityPolicyNames.GetAuthProjects);
        var projects = await targets.ProjectsAsync(caller.UserId, context.RequestAborted);
        return KeystoneResponse.Collection(context, "projects", await ProjectJson.RenderManyAsync(db, projects, context));
    }

    private static async Task<IResult> DomainsAsync(HttpContext context, IdentityAuthorizer authz, AccessibleTargets targets, IdentityDb db)
    {
        var caller = authz.Enforce(context, IdentityPolicyNames.GetAuthDomains);
        var domains = await targets.DomainsAsync(caller.UserId, context.RequestAborted);
        return KeystoneResponse.Collection(context, "domains", await DomainJson.RenderManyAsync(db, domains, context));
    }

    private static async Task<IResult> SystemAsync(HttpContext context, IdentityAuthorizer authz, AccessibleTargets targets)
    {
        var caller = authz.Enforce(context, IdentityPolicyNames.GetAuthSystem);
        var system = new JsonArray();
        if (await targets.HasSystemAsync(caller.UserId, context.RequestAborted))
            system.Add(new JsonObject { ["all"] = true });
        return new SharpStack.Core.Http.JsonBodyResult(new JsonObject
        {
            ["system"] = system,
            ["links"] = new JsonObject { ["self"] = KeystoneResponse.BaseUrl(context) + "/v3/auth/system" },
        }, 200);
    }

    /// <summary>The token named by X-Subject-Token (404 when invalid); the caller must be authenticated first.</summary>
    private static async Task<ValidatedToken> SubjectAsync(HttpContext context, TokenValidator validator)
    {
        context.RequireAuth();
        var subject = context.Request.Headers[SubjectTokenHeader].ToString();
        if (string.IsNullOrEmpty(subject))
            throw KeystoneRequest.Expecting("X-Subject-Token", "request headers");
        var allowExpired = context.Request.Query.TryGetValue("allow_expired", out var v) && ListFilter.AsBoolean(v.ToString())
            && !string.IsNullOrEmpty(v.ToString());
        return await validator.ValidateAsync(subject, allowExpired, context.RequestAborted);
    }

    /// <summary>Keystone's policy target for token operations: target.token.user_id and the user's domain.</summary>
    private static PolicyTarget SubjectTarget(ValidatedToken subject) => new PolicyTarget()
        .Set("target.token.user_id", subject.Data.AuthenticatedUserId)
        .Set("target.token.user.domain.id", subject.Data.User.DomainId);

    private static bool IncludeCatalog(HttpContext context) => !context.Request.Query.ContainsKey("nocatalog");

    private static async Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
