namespace SharpStack.Identity.Fernet;

/// <summary>A credential could not be encrypted or decrypted with the available keys.</summary>
public sealed class CredentialEncryptionException : Exception
{
    public CredentialEncryptionException(string message)
        : base(message)
    {
    }
}
