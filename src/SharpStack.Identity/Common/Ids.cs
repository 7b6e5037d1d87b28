namespace SharpStack.Identity.Common;

/// <summary>Identity's entity ids: 32 lowercase hex characters (uuid4().hex), as Keystone makes them.</summary>
public static class Ids
{
    public static string New() => Guid.NewGuid().ToString("N");
}
