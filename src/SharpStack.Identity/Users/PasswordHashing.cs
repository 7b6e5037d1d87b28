using SharpStack.Core.Configuration;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Passwords;

namespace SharpStack.Identity.Users;

/// <summary>The password hasher configured by [identity] password_hash_algorithm / password_hash_rounds / max_password_length.</summary>
public static class PasswordHashing
{
    public static PasswordHasher FromConfig(SharpStackConfig config) => new(new PasswordHasherOptions
    {
        Algorithm = config.Get(IdentityOptions.PasswordHashAlgorithm) == "bcrypt" ? PasswordHashAlgorithm.Bcrypt : PasswordHashAlgorithm.Pbkdf2Sha512,
        Rounds = config.Get(IdentityOptions.PasswordHashAlgorithm) == "bcrypt"
            ? Math.Clamp(config.Get(IdentityOptions.PasswordHashRounds), 4, 31)
            : config.Get(IdentityOptions.PasswordHashRounds),
        MaxPasswordLength = config.Get(IdentityOptions.MaxPasswordLength),
    });
}
