namespace SharpStack.Identity.Passwords;

/// <summary>The hash uses a scheme we cannot verify (e.g. scrypt, $2x$ bcrypt, or an unknown ident).</summary>
public sealed class UnsupportedPasswordHashException : NotSupportedException
{
    public UnsupportedPasswordHashException(string message)
        : base(message)
    {
    }
}
