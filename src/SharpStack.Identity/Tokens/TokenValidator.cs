using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Auth;
using SharpStack.Core.Errors;
using SharpStack.Identity.Catalog;
using SharpStack.Identity.Common;
using SharpStack.Identity.Revocation;
using SharpStack.Identity.Tokens.Formats;

namespace SharpStack.Identity.Tokens;

/// <summary>A validated token: its data, the caller context derived from it, and its rendered bodies (made once).</summary>
public sealed class ValidatedToken(TokenData data, AuthContext context, long revision)
{
    private byte[]? _withCatalog;
    private byte[]? _withoutCatalog;

    public TokenData Data { get; } = data;
    public AuthContext Context { get; } = context;
    internal long Revision { get; } = revision;

    /// <summary>The {"token": …} body as UTF-8 JSON; the catalog is built once and kept with the token.</summary>
    public async ValueTask<byte[]> BodyAsync(bool includeCatalog, Func<Task<JsonArray>> catalog)
    {
        if (!includeCatalog)
            return _withoutCatalog ??= JsonSerializer.SerializeToUtf8Bytes(TokenRenderer.Render(Data, null));
        return _withCatalog ??= JsonSerializer.SerializeToUtf8Bytes(TokenRenderer.Render(Data, Data.IsUnscoped ? null : await catalog()));
    }
}

/// <summary>Validates tokens for the Identity API and for its own request authentication. Results are cached per
/// token until its expiry or until identity data changes (any write bumps <see cref="IdentityRevision"/>), so a
/// repeated validation costs a dictionary lookup.</summary>
public sealed class TokenValidator(TokenProvider provider, IServiceScopeFactory scopes, IdentityRevision revision,
    RevocationList revocations, TimeProvider time) : ITokenAuthenticator
{
    // Bounded by memory (an entry with its rendered body is a few kB); a miss is cheap anyway, since token data
    // comes from TokenDataCache: only the decryption and the revocation check are redone.
    private const int MaxCached = 10_000;
    private readonly ConcurrentDictionary<string, ValidatedToken> _cache = new(StringComparer.Ordinal);
    private readonly RevisionCache<(string UserId, string ProjectId), JsonArray> _catalogs = new(revision, 10_000);

    /// <summary>Validates <paramref name="token"/>; Keystone's 404 (TokenNotFound) when it is not valid.</summary>
    public async ValueTask<ValidatedToken> ValidateAsync(string token, bool allowExpired, CancellationToken ct)
    {
        var current = revision.Current;
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(token, out var cached) && cached.Revision == current
            && (now < TokenRenderer.TruncateToSeconds(cached.Data.Payload.ExpiresAt) || allowExpired && now < cached.Data.Payload.ExpiresAt + provider.AllowExpiredWindow))
            return cached;

        var opened = provider.Open(token, allowExpired ? provider.AllowExpiredWindow : TimeSpan.Zero);
        switch (opened.Status)
        {
            case TokenValidationStatus.Valid:
                break;
            case TokenValidationStatus.Expired:
                throw ApiException.NotFound("Failed to validate token");
            default:
                throw ApiException.NotFound("Could not recognize Fernet token");
        }
        var payload = opened.Payload!;

        TokenData data;
        using (var scope = scopes.CreateScope())
        {
            var loader = scope.ServiceProvider.GetRequiredService<TokenDataLoader>();
            try
            {
                data = await loader.LoadAsync(payload, ct);
            }
            catch (ApiException e) when (e.Status == 401)
            {
                throw ApiException.NotFound($"Could not find token: {token}.");
            }
        }
        if (await revocations.IsRevokedAsync(data, ct))
            throw ApiException.NotFound("Failed to validate token");

        var validated = new ValidatedToken(data, ToContext(data, token), current);
        if (now < TokenRenderer.TruncateToSeconds(payload.ExpiresAt))
        {
            Store(token, validated, current, now);
        }
        return validated;
    }

    /// <summary>Wraps a token just issued (its data was loaded and checked while issuing) for rendering. It is not
    /// cached: most issued tokens are validated elsewhere or rarely, and caching each would let memory grow with the
    /// issue rate.</summary>
    public ValidatedToken Wrap(string token, TokenData data) => new(data, ToContext(data, token), revision.Current);

    /// <summary>Request authentication: the caller's context, or null when the token is not valid.</summary>
    public async ValueTask<AuthContext?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            return (await ValidateAsync(token, allowExpired: false, cancellationToken)).Context;
        }
        catch (ApiException)
        {
            return null;
        }
    }

    /// <summary>The catalog for a token's user and project (built once per identity revision; each caller gets its own copy).</summary>
    public async Task<JsonArray> CatalogAsync(TokenData data, CancellationToken ct)
    {
        var userId = data.Trust?.TrustorUserId ?? data.AuthenticatedUserId;
        var catalog = await _catalogs.GetOrLoadAsync((userId, data.Project?.Id ?? ""), async (key, c) =>
        {
            using var scope = scopes.CreateScope();
            var builder = scope.ServiceProvider.GetRequiredService<CatalogBuilder>();
            return await builder.BuildAsync(key.UserId, key.ProjectId.Length == 0 ? null : key.ProjectId, c);
        }, ct);
        return (JsonArray)catalog.DeepClone();
    }

    /// <summary>Caches a validation. The size is tracked by a counter: ConcurrentDictionary.Count takes every lock.</summary>
    private void Store(string token, ValidatedToken validated, long current, DateTimeOffset now)
    {
        if (Interlocked.Increment(ref _stored) >= MaxCached)
        {
            Sweep(current, now);
            Interlocked.Exchange(ref _stored, _cache.Count);
        }
        _cache[token] = validated;
    }

    private long _stored;

    private void Sweep(long current, DateTimeOffset now)
    {
        foreach (var (key, value) in _cache)
            if (value.Revision != current || now >= value.Data.Payload.ExpiresAt)
                _cache.TryRemove(key, out _);
        if (_cache.Count >= MaxCached) _cache.Clear();
    }

    public static AuthContext ToContext(TokenData t, string? token) => new()
    {
        UserId = t.User.Id,
        UserName = t.User.Name,
        UserDomainId = t.User.DomainId,
        UserDomainName = t.User.DomainName,
        ProjectId = t.Project?.Id,
        ProjectName = t.Project?.Name,
        ProjectDomainId = t.Project?.DomainId,
        ProjectDomainName = t.Project?.DomainName,
        DomainId = t.Domain?.Id,
        DomainName = t.Domain?.Name,
        SystemScope = t.System ? "all" : null,
        Roles = t.Roles.Select(r => r.Name).ToList(),
        RoleIds = t.Roles.Select(r => r.Id).ToList(),
        IsAdminProject = t.IsAdminProject ?? true,
        Methods = t.Payload.Methods,
        AuditIds = t.Payload.AuditIds,
        ExpiresAt = t.Payload.ExpiresAt,
        IssuedAt = t.Payload.IssuedAt,
        TrustId = t.Trust?.Id,
        TrusteeUserId = t.Trust?.TrusteeUserId,
        TrustorUserId = t.Trust?.TrustorUserId,
        ApplicationCredentialId = t.ApplicationCredential?.Id,
        Token = token,
    };
}
