namespace SharpStack.Identity.Tokens.Formats;

/// <summary>The MessagePack type family of the next value.</summary>
public enum MessagePackType
{
    Nil,
    Boolean,
    Integer,
    Float,
    String,
    Binary,
    Array,
    Map,
    Extension,
    Invalid,
}
