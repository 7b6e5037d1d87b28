namespace SharpStack.Identity.Tokens.Formats;

/// <summary>The bytes are not valid MessagePack, or not the shape the reader asked for.</summary>
public sealed class MessagePackException : FormatException
{
    public MessagePackException(string message)
        : base(message)
    {
    }
}
