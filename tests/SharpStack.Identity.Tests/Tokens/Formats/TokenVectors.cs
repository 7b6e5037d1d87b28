using System.Globalization;
using System.Text.Json;
using SharpStack.Identity.Tokens.Formats;

namespace SharpStack.Identity.Tests.Tokens.Formats;

/// <summary>Reads the JSON token vectors written by tests/interop scripts.</summary>
internal static class TokenVectors
{
    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    public static string[]? List(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Select(x => x.GetString()!).ToArray()
            : null;

    /// <summary>The payload keystone was asked to pack, in our terms.</summary>
    public static TokenPayload InputPayload(JsonElement input) => new()
    {
        UserId = Str(input, "user_id")!,
        Methods = List(input, "methods")!,
        ProjectId = Str(input, "project_id"),
        DomainId = Str(input, "domain_id"),
        System = Str(input, "system"),
        TrustId = Str(input, "trust_id"),
        FederatedGroupIds = List(input, "federated_group_ids"),
        IdpId = Str(input, "identity_provider_id"),
        ProtocolId = Str(input, "protocol_id"),
        AccessTokenId = Str(input, "access_token_id"),
        AppCredId = Str(input, "app_cred_id"),
        ExpiresAt = ParseTime(Str(input, "expires_at")!),
        AuditIds = List(input, "audit_ids")!,
    };

    public static DateTimeOffset TruncateToSecond(DateTimeOffset t) => t.AddTicks(-(t.UtcTicks % TimeSpan.TicksPerSecond));
}
