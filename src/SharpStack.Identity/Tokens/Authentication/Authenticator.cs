using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Tokens.Formats;

namespace SharpStack.Identity.Tokens.Authentication;

/// <summary>An issued token: the token string and what it stands for.</summary>
public sealed record IssuedToken(string Token, ValidatedToken Validated);

/// <summary>POST /v3/auth/tokens: runs every requested method, resolves the scope, mints the token and checks it as a
/// validation would (roles still held, project enabled), so a token is never issued that would not validate.</summary>
public sealed class Authenticator(IEnumerable<IAuthMethod> methods, ScopeResolver scopes, TokenProvider provider,
    TokenDataLoader loader, TokenValidator validator, IdentityDb db, IdentityReadCache cache, SharpStackConfig config)
{
    public async Task<IssuedToken> AuthenticateAsync(AuthRequest request, CancellationToken ct)
    {
        var enabled = config.Get(IdentityOptions.Methods);
        var results = new List<AuthMethodResult>();
        foreach (var name in request.Methods)
        {
            var method = methods.FirstOrDefault(m => m.Name == name);
            if (method is null || !enabled.Contains(name))
                throw ApiException.Unauthorized("Attempted to authenticate with an unsupported method.");
            results.Add(await method.AuthenticateAsync(request.MethodData(name), request, ct));
        }
        var userId = results[0].UserId;
        if (results.Any(r => r.UserId != userId))
            throw ApiException.Unauthorized();

        var appCred = results.FirstOrDefault(r => r.ApplicationCredentialId is not null);
        var oauth = results.FirstOrDefault(r => r.AccessTokenId is not null);
        ResolvedScope scope;
        if (appCred is not null)
            scope = new ResolvedScope(ProjectId: appCred.ApplicationCredentialProjectId, System: appCred.ApplicationCredentialSystem);
        else if (oauth is not null)
            scope = new ResolvedScope(ProjectId: oauth.AccessTokenProjectId);
        else
            scope = await scopes.ResolveAsync(request.Scope, userId, ct);

        var inherited = results.FirstOrDefault(r => r.ExpiresAt is not null);
        var expiresAt = inherited?.ExpiresAt ?? provider.NewExpiry();
        if (appCred is not null)
        {
            var appExpiry = (await cache.ApplicationCredentialAsync(appCred.ApplicationCredentialId!, ct))?.ExpiresAt;
            if (appExpiry is { } e && e < expiresAt.UtcDateTime) expiresAt = new DateTimeOffset(e, TimeSpan.Zero);
        }
        if (scope.Trust?.ExpiresAt is { } trustExpiry && trustExpiry < expiresAt.UtcDateTime)
            expiresAt = new DateTimeOffset(trustExpiry, TimeSpan.Zero);

        var methodNames = results.SelectMany(r => r.InheritedMethods).Concat(request.Methods).Distinct().ToList();
        var audit = TokenPayload.NewAuditId();
        var payload = new TokenPayload
        {
            UserId = userId,
            Methods = methodNames,
            ProjectId = scope.ProjectId,
            DomainId = scope.DomainId,
            System = scope.System ? "all" : null,
            TrustId = scope.Trust?.Id,
            AppCredId = appCred?.ApplicationCredentialId,
            AccessTokenId = oauth?.AccessTokenId,
            ExpiresAt = expiresAt,
            AuditIds = inherited?.ParentAuditId is { } parent ? [audit, parent] : [audit],
        };
        var token = provider.Issue(payload, out var issuedAt);
        payload = payload with { IssuedAt = issuedAt, Methods = provider.Open(token).Payload?.Methods ?? methodNames };

        var data = await loader.LoadAsync(payload, ct);
        if (scope.Trust is { RemainingUses: not null } trust)
        {
            var consumed = await db.Trusts.Where(t => t.Id == trust.Id && t.RemainingUses > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RemainingUses, t => t.RemainingUses - 1), ct);
            if (consumed == 0)
                throw ApiException.Forbidden($"No remaining uses for trust: {trust.Id}.");
        }
        return new IssuedToken(token, validator.Wrap(token, data));
    }
}
