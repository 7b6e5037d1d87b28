namespace SharpStack.Core.Auth;

/// <summary>Turns a token string into the caller's context, or null when the token is not valid.
/// Identity validates locally; every other service validates through the Identity API (with a cache).</summary>
public interface ITokenAuthenticator
{
    ValueTask<AuthContext?> AuthenticateAsync(string token, CancellationToken cancellationToken);
}
