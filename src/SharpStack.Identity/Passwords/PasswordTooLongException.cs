namespace SharpStack.Identity.Passwords;

/// <summary>
/// The password exceeds the maximum length while strict checking is on (Keystone's
/// strict_password_check, reported as 403 Forbidden by the API).
/// </summary>
public sealed class PasswordTooLongException : Exception
{
    public PasswordTooLongException(int maxBytes)
        : base($"Password exceeds the maximum length of {maxBytes} bytes.") => MaxBytes = maxBytes;

    public int MaxBytes { get; }
}
