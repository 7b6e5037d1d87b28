using System.Text.Json.Nodes;

namespace SharpStack.Identity.Users;

/// <summary>Which request keys are a user's or group's own attributes; every other key is kept as an extra
/// attribute (Keystone's "extra" column) and shown back as given.</summary>
public static class UserAttributes
{
    // Keystone's User model attributes plus the keys it handles separately (options, federated). "links" is
    // response-only and never stored.
    private static readonly HashSet<string> UserKeys =
        ["id", "name", "domain_id", "password", "enabled", "default_project_id", "password_expires_at", "options", "federated", "links"];

    private static readonly HashSet<string> GroupKeys = ["id", "name", "domain_id", "description", "links"];

    public static JsonObject UserExtras(JsonObject request) => Extras(request, UserKeys);

    public static JsonObject GroupExtras(JsonObject request) => Extras(request, GroupKeys);

    /// <summary>Keystone's create calls turn ':' and '-' in top-level keys into '_' ("x-y" is stored as "x_y").</summary>
    public static JsonObject NormalizeKeys(JsonObject request)
    {
        var result = new JsonObject();
        foreach (var (k, v) in request)
            result[k.Replace(':', '_').Replace('-', '_')] = v?.DeepClone();
        return result;
    }

    private static JsonObject Extras(JsonObject request, HashSet<string> own)
    {
        var extra = new JsonObject();
        foreach (var (k, v) in request)
            if (!own.Contains(k)) extra[k] = v?.DeepClone();
        return extra;
    }
}
