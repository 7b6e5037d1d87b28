using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;
using SharpStack.Identity.Tokens.Formats;

namespace SharpStack.Identity.Tokens;

/// <summary>Turns a token payload into <see cref="TokenData"/> from current data, enforcing what must still hold for
/// the token to be good: user, project and domains enabled, roles still held (directly, through a trust, an
/// application credential or an OAuth access token). Failures carry Keystone's status and message.</summary>
public sealed class TokenDataLoader(IdentityDb db, EffectiveRoles effectiveRoles, SharpStackConfig config)
{
    public async Task<TokenData> LoadAsync(TokenPayload payload, CancellationToken ct)
    {
        if (payload.IdpId is not null)
            throw ApiException.Unauthorized("Federated tokens are not supported by this Identity service.");

        var userRow = await db.Users.FirstOrDefaultAsync(u => u.Id == payload.UserId, ct)
            ?? throw ApiException.NotFound($"Could not find user: {payload.UserId}.");
        var user = await UserAsync(userRow, ct);
        if (!userRow.Enabled)
            throw ApiException.Unauthorized($"User {userRow.Id} is disabled.");

        TokenTrust? trust = null;
        TokenProject? project = null;
        TokenDomain? domain = null;
        TokenApplicationCredential? appCred = null;
        TokenOAuth? oauth = null;
        IReadOnlyList<RoleRef> roles = [];
        var actingUser = user;

        if (payload.TrustId is { } trustId)
        {
            var (t, trustRoles, trustProject, trustor) = await TrustAsync(trustId, payload.UserId, ct);
            trust = t;
            project = trustProject;
            roles = trustRoles;
            if (t.Impersonation) actingUser = trustor;
        }
        else if (payload.ProjectId is { } projectId)
        {
            project = await ProjectAsync(projectId, ct);
            if (payload.AccessTokenId is { } accessTokenId)
            {
                (oauth, roles) = await OAuthRolesAsync(accessTokenId, payload.UserId, projectId, ct);
            }
            else if (payload.AppCredId is { } appCredId)
            {
                (appCred, roles) = await ApplicationCredentialRolesAsync(appCredId, payload.UserId, projectId, ct);
            }
            else
            {
                roles = await effectiveRoles.OnProjectAsync(payload.UserId, projectId, ct: ct);
            }
            if (roles.Count == 0)
                throw ApiException.Unauthorized($"User {payload.UserId} has no access to project {projectId}");
        }
        else if (payload.DomainId is { } domainId)
        {
            var row = await DomainRowAsync(domainId, ct);
            domain = new TokenDomain(row.Id, row.Name);
            roles = await effectiveRoles.OnDomainAsync(payload.UserId, domainId, ct);
            if (roles.Count == 0)
                throw ApiException.Unauthorized($"User {payload.UserId} has no access to domain {domainId}");
        }
        else if (payload.System is not null)
        {
            roles = await effectiveRoles.OnSystemAsync(payload.UserId, ct);
            if (roles.Count == 0)
                throw ApiException.Unauthorized($"User {payload.UserId} has no access to the system");
        }
        else if (payload.AppCredId is { } unscopedAppCred)
        {
            appCred = await ApplicationCredentialAsync(unscopedAppCred, payload.UserId, ct);
        }

        return new TokenData
        {
            Payload = payload,
            User = actingUser,
            AuthenticatedUserId = payload.UserId,
            Project = project,
            Domain = domain,
            System = payload.System is not null,
            Roles = roles,
            Trust = trust,
            ApplicationCredential = appCred,
            OAuth = oauth,
            IsAdminProject = IsAdminProject(project),
            ServiceProviders = await db.ServiceProviders.Where(sp => sp.Enabled).OrderBy(sp => sp.Id)
                .Select(sp => new TokenServiceProvider(sp.Id, sp.AuthUrl, sp.SpUrl)).ToListAsync(ct),
        };
    }

    private bool? IsAdminProject(TokenProject? project)
    {
        var name = config.Get(IdentityOptions.AdminProjectName);
        var domainName = config.Get(IdentityOptions.AdminProjectDomainName);
        if (project is null || string.IsNullOrEmpty(name) || string.IsNullOrEmpty(domainName)) return null;
        return project.Name == name && project.DomainName == domainName;
    }

    private async Task<TokenUser> UserAsync(UserRow row, CancellationToken ct)
    {
        var userDomain = await DomainRowAsync(row.DomainId, ct);
        var expires = await db.Passwords.Where(p => p.UserId == row.Id).OrderByDescending(p => p.Id).Select(p => p.ExpiresAt).FirstOrDefaultAsync(ct);
        return new TokenUser(row.Id, row.Name, userDomain.Id, userDomain.Name, expires);
    }

    /// <summary>A domain that exists and is enabled (404 otherwise, as Keystone answers).</summary>
    private async Task<ProjectRow> DomainRowAsync(string domainId, CancellationToken ct)
    {
        var row = await db.Projects.FirstOrDefaultAsync(p => p.Id == domainId && p.IsDomain, ct)
            ?? throw ApiException.NotFound($"Could not find domain: {domainId}.");
        if (!row.Enabled)
            throw ApiException.NotFound($"Unable to validate token because domain {domainId} is disabled");
        return row;
    }

    private async Task<TokenProject> ProjectAsync(string projectId, CancellationToken ct)
    {
        var row = await db.Projects.FirstOrDefaultAsync(p => p.Id == projectId, ct)
            ?? throw ApiException.NotFound($"Could not find project: {projectId}.");
        if (!row.Enabled)
            throw ApiException.NotFound($"Unable to validate token because project {projectId} is disabled");
        if (row.IsDomain)
            return new TokenProject(row.Id, row.Name, row.Id, row.Name, true);
        var domain = await DomainRowAsync(row.DomainId, ct);
        return new TokenProject(row.Id, row.Name, domain.Id, domain.Name, false);
    }

    private async Task<(TokenTrust, IReadOnlyList<RoleRef>, TokenProject?, TokenUser)> TrustAsync(string trustId, string userId, CancellationToken ct)
    {
        var trust = await db.Trusts.FirstOrDefaultAsync(t => t.Id == trustId && t.DeletedAt == null, ct)
            ?? throw ApiException.NotFound($"Could not find trust: {trustId}.");
        if (trust.ExpiresAt is { } exp && exp <= DateTime.UtcNow)
            throw ApiException.NotFound($"Could not find trust: {trustId}.");
        if (trust.TrusteeUserId != userId)
            throw ApiException.Forbidden("User is not a trustee.");
        var trustorRow = await db.Users.FirstOrDefaultAsync(u => u.Id == trust.TrustorUserId, ct)
            ?? throw ApiException.NotFound($"Could not find user: {trust.TrustorUserId}.");
        if (!trustorRow.Enabled) throw ApiException.Forbidden("Trustor is disabled.");
        var trustor = await UserAsync(trustorRow, ct);
        TokenProject? project = trust.ProjectId is null ? null : await ProjectAsync(trust.ProjectId, ct);

        var delegated = await db.TrustRoles.Where(r => r.TrustId == trustId).Select(r => r.RoleId).ToListAsync(ct);
        var effectiveDelegated = await effectiveRoles.ExpandAsync(delegated, stripDomainRoles: false, ct);
        var originalTrustor = await OriginalTrustorAsync(trust, ct);
        var trustorRoles = trust.ProjectId is null
            ? []
            : (await effectiveRoles.OnProjectAsync(originalTrustor, trust.ProjectId, stripDomainRoles: false, ct)).Select(r => r.Id).ToHashSet();
        var roles = new List<RoleRef>();
        foreach (var role in effectiveDelegated)
        {
            if (!trustorRoles.Contains(role.Id))
                throw ApiException.Forbidden("Trustee has no delegated roles.");
            if (role.DomainId is null) roles.Add(role);
        }
        return (new TokenTrust(trust.Id, trust.TrustorUserId, trust.TrusteeUserId, trust.Impersonation), roles, project, trustor);
    }

    /// <summary>For a redelegated trust, the trustor at the root of the chain.</summary>
    private async Task<string> OriginalTrustorAsync(TrustRow trust, CancellationToken ct)
    {
        var current = trust;
        var seen = new HashSet<string> { trust.Id };
        while (current.RedelegatedTrustId is { } parentId && seen.Add(parentId))
        {
            // A broken chain (a parent deleted or expired) makes the redelegated trust unusable, as in Keystone.
            var parent = await db.Trusts.FirstOrDefaultAsync(t => t.Id == parentId && t.DeletedAt == null, ct);
            if (parent is null || (parent.ExpiresAt is { } exp && exp <= DateTime.UtcNow))
                throw ApiException.NotFound($"Could not find trust: {parentId}.");
            current = parent;
        }
        return current.TrustorUserId;
    }

    private async Task<TokenApplicationCredential> ApplicationCredentialAsync(string appCredId, string userId, CancellationToken ct)
    {
        var row = await db.ApplicationCredentials.FirstOrDefaultAsync(a => a.Id == appCredId, ct)
            ?? throw ApiException.NotFound($"Could not find Application Credential: {appCredId}.");
        if (row.UserId != userId)
            throw ApiException.Unauthorized("The application credential does not belong to the token's user.");
        if (row.ExpiresAt is { } exp && exp <= DateTime.UtcNow)
            throw ApiException.Unauthorized("Application credential has expired.");
        var rules = await (from link in db.ApplicationCredentialAccessRules
                           join rule in db.AccessRules on link.AccessRuleId equals rule.InternalId
                           where link.ApplicationCredentialId == row.InternalId
                           select rule).ToListAsync(ct);
        JsonArray? accessRules = null;
        if (rules.Count > 0)
        {
            accessRules = [];
            foreach (var r in rules)
                accessRules.Add(new JsonObject { ["id"] = r.Id, ["service"] = r.Service, ["path"] = r.Path, ["method"] = r.Method });
        }
        return new TokenApplicationCredential(row.Id, row.Name, row.Unrestricted != true, accessRules);
    }

    private async Task<(TokenApplicationCredential, IReadOnlyList<RoleRef>)> ApplicationCredentialRolesAsync(
        string appCredId, string userId, string projectId, CancellationToken ct)
    {
        var appCred = await ApplicationCredentialAsync(appCredId, userId, ct);
        var internalId = await db.ApplicationCredentials.Where(a => a.Id == appCredId).Select(a => a.InternalId).FirstAsync(ct);
        var granted = await db.ApplicationCredentialRoles.Where(r => r.ApplicationCredentialId == internalId).Select(r => r.RoleId).ToListAsync(ct);
        var held = (await effectiveRoles.OnProjectAsync(userId, projectId, ct: ct)).ToDictionary(r => r.Id);
        var roles = granted.Where(held.ContainsKey).Select(id => held[id]).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        return (appCred, roles);
    }

    private async Task<(TokenOAuth, IReadOnlyList<RoleRef>)> OAuthRolesAsync(string accessTokenId, string userId, string projectId, CancellationToken ct)
    {
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == accessTokenId, ct)
            ?? throw ApiException.NotFound("Access token not found");
        if (token.ExpiresAt is { } exp && exp <= DateTime.UtcNow)
            throw ApiException.Unauthorized("Access token is expired");
        var delegated = JsonNode.Parse(token.RoleIds) is JsonArray ids ? ids.Select(i => i!.GetValue<string>()).ToList() : [];
        var expanded = await effectiveRoles.ExpandAsync(delegated, stripDomainRoles: true, ct);
        var held = (await effectiveRoles.OnProjectAsync(userId, projectId, ct: ct)).Select(r => r.Id).ToHashSet();
        return (new TokenOAuth(token.Id, token.ConsumerId), expanded.Where(r => held.Contains(r.Id)).ToList());
    }
}
