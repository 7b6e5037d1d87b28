namespace SharpStack.Identity.Passwords;

/// <summary>Algorithms new hashes can be written with ([identity] password_hash_algorithm).</summary>
public enum PasswordHashAlgorithm
{
    Pbkdf2Sha512,
    Bcrypt,
}
