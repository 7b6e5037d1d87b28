namespace SharpStack.Identity.OAuth1;

/// <summary>An OAuth protocol error as oauthlib reports it (error code and description), e.g. invalid_request.</summary>
public sealed class OAuthProtocolException(string error, string description) : Exception(description)
{
    public string Error { get; } = error;

    public string Description { get; } = description;

    public static OAuthProtocolException InvalidRequest(string description) => new("invalid_request", description);
}
