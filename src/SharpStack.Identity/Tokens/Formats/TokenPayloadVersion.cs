namespace SharpStack.Identity.Tokens.Formats;

/// <summary>Keystone's Fernet payload versions (the first element of every packed payload).</summary>
public enum TokenPayloadVersion
{
    Unscoped = 0,
    DomainScoped = 1,
    ProjectScoped = 2,
    TrustScoped = 3,
    FederatedUnscoped = 4,
    FederatedProjectScoped = 5,
    FederatedDomainScoped = 6,
    OAuthScoped = 7,
    SystemScoped = 8,
    ApplicationCredentialScoped = 9,
}
