using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Auth;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Common;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.OAuth1;

/// <summary>The OAuth 1.0a delegation flow (OS-OAUTH1): a consumer gets a request token for a project, a user
/// authorizes it with roles they hold there (getting a verifier), the consumer exchanges it for an access token,
/// and signs token requests with that. Signature and protocol checks are oauthlib's, as Keystone uses them.</summary>
public sealed class OAuthTokenManager(IdentityDb db, IdentityRevision revision, SharpStackConfig config, TimeProvider time,
    EffectiveRoles effectiveRoles, DelegatedRoles delegatedRoles)
{
    /// <summary>Keystone's verifier alphabet: letters and digits without the easily confused "jiIl1oO0".</summary>
    private const string VerifierChars = "abcdefghkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>POST /v3/OS-OAUTH1/request_token.</summary>
    public async Task<RequestTokenRow> CreateRequestTokenAsync(IReadOnlyDictionary<string, string> header, string? requestedProjectId,
        Func<OAuthSignedRequest> signedRequest, CancellationToken ct)
    {
        var consumerId = header.GetValueOrDefault("oauth_consumer_key");
        if (string.IsNullOrEmpty(consumerId)) throw KeystoneRequest.Expecting("oauth_consumer_key", "request");
        if (string.IsNullOrEmpty(requestedProjectId)) throw KeystoneRequest.Expecting("Requested-Project-Id", "request");
        if (!await db.Projects.AnyAsync(p => p.Id == requestedProjectId, ct))
            throw ApiException.NotFound($"Could not find project: {requestedProjectId}.");
        var consumer = await db.Consumers.FirstOrDefaultAsync(c => c.Id == consumerId, ct) ?? throw ConsumerManager.NotFound();

        var request = Protocol(signedRequest, r =>
        {
            r.CheckMandatory(time.GetUtcNow());
            if (!string.IsNullOrEmpty(r.Realm))
            {
                var realms = string.Join(", ", r.Realm.Split(' ').Select(x => $"'{x}'"));
                throw OAuthProtocolException.InvalidRequest($"Invalid realm [{realms}]. Allowed are [].");
            }
            if (string.IsNullOrEmpty(r.Callback)) throw OAuthProtocolException.InvalidRequest("Missing callback URI.");
        });
        var signer = request.ClientKey == consumer.Id ? consumer : await db.Consumers.FirstOrDefaultAsync(c => c.Id == request.ClientKey, ct);
        if (signer is null) throw ApiException.Unauthorized();
        string? tokenSecret = null;
        if (request.ResourceOwnerKey is { Length: > 0 } owner)
            tokenSecret = (await FindAccessTokenAsync(owner, ct)).AccessSecret;
        if (!request.SignatureMatches(signer.Secret, tokenSecret)) throw ApiException.Unauthorized();

        var duration = config.Get(IdentityOptions.RequestTokenDuration);
        var row = new RequestTokenRow
        {
            Id = Ids.New(),
            RequestSecret = Ids.New(),
            RequestedProjectId = requestedProjectId,
            ConsumerId = consumerId,
            ExpiresAt = duration > 0 ? Expiry(duration) : null,
        };
        db.RequestTokens.Add(row);
        await db.CommitAsync(revision, "request_token", ct);
        return row;
    }

    /// <summary>PUT /v3/OS-OAUTH1/authorize/{id}: the caller grants roles they hold on the requested project.</summary>
    public async Task<string> AuthorizeAsync(AuthContext caller, string requestTokenId, JsonArray roles, CancellationToken ct)
    {
        var token = await db.RequestTokens.AsTracking().FirstOrDefaultAsync(t => t.Id == requestTokenId, ct)
            ?? throw ApiException.NotFound("Request token not found");
        if (IsExpired(token.ExpiresAt)) throw ApiException.Unauthorized();
        var authorized = (await delegatedRoles.ResolveAsync(roles, ct)).ToHashSet();
        var held = (await effectiveRoles.OnProjectAsync(caller.UserId, token.RequestedProjectId, ct: ct)).Select(r => r.Id).ToHashSet();
        if (!authorized.IsSubsetOf(held)) throw ApiException.Unauthorized();
        token.AuthorizingUserId = caller.UserId;
        token.Verifier = new string(RandomNumberGenerator.GetItems<char>(VerifierChars, 8));
        while (token.Verifier.Distinct().Count() != 8)
            token.Verifier = new string(RandomNumberGenerator.GetItems<char>(VerifierChars, 8));
        token.RoleIds = new JsonArray(authorized.Select(id => (JsonNode?)id).ToArray()).ToJsonString();
        await db.CommitAsync(revision, "request_token", ct);
        return token.Verifier;
    }

    /// <summary>POST /v3/OS-OAUTH1/access_token: an authorized request token, signed with its verifier, becomes an
    /// access token (and the request token is used up).</summary>
    public async Task<AccessTokenRow> CreateAccessTokenAsync(IReadOnlyDictionary<string, string> header, Func<OAuthSignedRequest> signedRequest, CancellationToken ct)
    {
        var consumerId = header.GetValueOrDefault("oauth_consumer_key");
        var requestTokenId = header.GetValueOrDefault("oauth_token");
        var verifier = header.GetValueOrDefault("oauth_verifier");
        if (string.IsNullOrEmpty(consumerId)) throw KeystoneRequest.Expecting("oauth_consumer_key", "request");
        if (string.IsNullOrEmpty(requestTokenId)) throw KeystoneRequest.Expecting("oauth_token", "request");
        if (string.IsNullOrEmpty(verifier)) throw KeystoneRequest.Expecting("oauth_verifier", "request");
        var requestToken = await db.RequestTokens.FirstOrDefaultAsync(t => t.Id == requestTokenId, ct)
            ?? throw ApiException.NotFound("Request token not found");
        if (IsExpired(requestToken.ExpiresAt)) throw ApiException.Unauthorized();

        var request = Protocol(signedRequest, r =>
        {
            r.CheckMandatory(time.GetUtcNow());
            if (string.IsNullOrEmpty(r.ResourceOwnerKey)) throw OAuthProtocolException.InvalidRequest("Missing resource owner.");
            if (!OAuthSignedRequest.IsUuidHex(r.ResourceOwnerKey)) throw OAuthProtocolException.InvalidRequest("Invalid resource owner key format.");
            if (string.IsNullOrEmpty(r.Verifier)) throw OAuthProtocolException.InvalidRequest("Missing verifier.");
            if (r.Verifier.Length != 8 || !r.Verifier.All(VerifierChars.Contains)) throw OAuthProtocolException.InvalidRequest("Invalid verifier format.");
        });
        var consumer = await db.Consumers.FirstOrDefaultAsync(c => c.Id == request.ClientKey, ct);
        var signedToken = await db.RequestTokens.FirstOrDefaultAsync(t => t.Id == request.ResourceOwnerKey, ct);
        // Keystone has no dummy client or token: an unknown consumer or a token of another consumer is a plain 401.
        if (consumer is null || signedToken is null || signedToken.ConsumerId != consumer.Id) throw ApiException.Unauthorized();
        var verifierOk = signedToken.Verifier == request.Verifier;
        if (!request.SignatureMatches(consumer.Secret, signedToken.RequestSecret) || !verifierOk) throw ApiException.Unauthorized();
        if (string.IsNullOrEmpty(requestToken.AuthorizingUserId)) throw ApiException.Unauthorized();

        var duration = config.Get(IdentityOptions.AccessTokenDuration);
        DateTime? expiresAt = duration > 0 ? Expiry(duration) : null;
        var row = await Transactions.RunAsync(db, async c =>
        {
            var row = new AccessTokenRow
            {
                Id = Ids.New(),
                AccessSecret = Ids.New(),
                AuthorizingUserId = requestToken.AuthorizingUserId,
                ProjectId = requestToken.RequestedProjectId,
                RoleIds = requestToken.RoleIds ?? "[]",
                ConsumerId = requestToken.ConsumerId,
                ExpiresAt = expiresAt,
            };
            db.AccessTokens.Add(row);
            await db.SaveChangesAsync(c);
            // The request token is used up: of two concurrent exchanges only one gets an access token.
            if (await db.RequestTokens.Where(t => t.Id == requestToken.Id).ExecuteDeleteAsync(c) == 0)
                throw ApiException.NotFound("Request token not found");
            return row;
        }, ct);
        db.ChangeTracker.Clear();
        await revision.BumpAsync(db, ct);
        return row;
    }

    /// <summary>The "oauth1" authentication method: a request signed with an access token; returns the token.</summary>
    public async Task<AccessTokenRow> AuthenticateAsync(IReadOnlyDictionary<string, string> header, Func<OAuthSignedRequest> signedRequest, CancellationToken ct)
    {
        var accessTokenId = header.GetValueOrDefault("oauth_token");
        if (string.IsNullOrEmpty(accessTokenId)) throw KeystoneRequest.Expecting("oauth_token", "request");
        var accessToken = await FindAccessTokenAsync(accessTokenId, ct);
        if (IsExpired(accessToken.ExpiresAt)) throw ApiException.Unauthorized();
        OAuthSignedRequest request;
        try
        {
            request = signedRequest();
            request.CheckMandatory(time.GetUtcNow());
        }
        catch (Exception e) when (e is OAuthProtocolException or FormatException)
        {
            throw ApiException.Unauthorized();
        }
        if (!OAuthSignedRequest.IsUuidHex(request.ResourceOwnerKey)) throw ApiException.Unauthorized();
        var consumer = await db.Consumers.FirstOrDefaultAsync(c => c.Id == request.ClientKey, ct);
        var signedToken = request.ResourceOwnerKey == accessToken.Id ? accessToken
            : await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == request.ResourceOwnerKey, ct);
        if (consumer is null || signedToken is null || !request.SignatureMatches(consumer.Secret, signedToken.AccessSecret))
            throw ApiException.Unauthorized();
        return accessToken;
    }

    public Task<List<AccessTokenRow>> ListAccessTokensAsync(string userId, CancellationToken ct) =>
        db.AccessTokens.Where(t => t.AuthorizingUserId == userId).OrderBy(t => t.Id).ToListAsync(ct);

    public async Task<AccessTokenRow> FindAccessTokenAsync(string id, CancellationToken ct) =>
        await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw ApiException.NotFound("Access token not found");

    /// <summary>Deletes the user's access token; tokens issued with it stop validating (it is gone).</summary>
    public async Task DeleteAccessTokenAsync(string userId, string id, CancellationToken ct)
    {
        var token = await FindAccessTokenAsync(id, ct);
        if (token.AuthorizingUserId != userId) throw ApiException.Unauthorized();
        await db.AccessTokens.Where(t => t.Id == id).ExecuteDeleteAsync(ct);
        await revision.BumpAsync(db, ct);
    }

    /// <summary>The role ids an access token delegates.</summary>
    public static List<string> RoleIds(AccessTokenRow token) =>
        JsonNode.Parse(token.RoleIds) is JsonArray ids ? ids.Select(i => i!.GetValue<string>()).ToList() : [];

    /// <summary>Keystone's expires_at: now plus the duration, in whole seconds.</summary>
    private DateTime Expiry(int seconds)
    {
        var t = time.GetUtcNow().UtcDateTime.AddSeconds(seconds);
        return new DateTime(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    private bool IsExpired(DateTime? expiresAt) => expiresAt is { } e && time.GetUtcNow().UtcDateTime > e;

    /// <summary>Builds and checks the signed request; protocol errors become Keystone's 400.</summary>
    private static OAuthSignedRequest Protocol(Func<OAuthSignedRequest> create, Action<OAuthSignedRequest> checks)
    {
        try
        {
            var request = create();
            checks(request);
            return request;
        }
        catch (OAuthProtocolException e)
        {
            throw ApiException.BadRequest($"Validation failed with errors: {e.Error}, detail message is: {e.Description}.");
        }
        catch (FormatException)
        {
            throw ApiException.BadRequest("Validation failed with errors: invalid_request, detail message is: Malformed authorization header.");
        }
    }
}
