using SharpStack.Identity.Common;

namespace SharpStack.Identity.Tokens;

/// <summary>Loaded token data by user and scope, valid for one identity revision (and never past the expiry of a
/// trust, application credential or access token it depends on): issuing and validating many tokens for the same
/// user and scope reads the database once.</summary>
public sealed class TokenDataCache(IdentityRevision revision)
{
    /// <summary>Everything in a payload that the loaded data depends on.</summary>
    public readonly record struct Key(string UserId, string? ProjectId, string? DomainId, string? System, string? TrustId,
        string? AppCredId, string? AccessTokenId, string? IdpId);

    public RevisionCache<Key, (TokenData Data, DateTime ValidUntil)> Entries { get; } = new(revision);
}
