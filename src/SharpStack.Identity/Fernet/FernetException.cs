namespace SharpStack.Identity.Fernet;

/// <summary>Thrown by the throwing Fernet APIs; <see cref="Status"/> says why the token was refused.</summary>
public sealed class FernetException : Exception
{
    public FernetException(FernetStatus status)
        : base($"Invalid Fernet token ({status}).") => Status = status;

    public FernetStatus Status { get; }
}
