using System.Security.Cryptography;
using SharpStack.Identity.Fernet;

namespace SharpStack.Identity.ApplicationCredentials;

/// <summary>Generates application credential secrets as Keystone does: 64 random bytes, URL-safe base64 without padding.</summary>
public static class ApplicationCredentialSecrets
{
    public static string Generate() => UrlSafeBase64.EncodeUnpadded(RandomNumberGenerator.GetBytes(64));
}
