using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;

namespace SharpStack.Identity.Credentials;

/// <summary>A stored credential with its blob decrypted, as Keystone's credential_api returns it.</summary>
/// <param name="Blob">The decrypted blob: the text for most types; for type "ec2" whatever json.loads made of it
/// (normally the blob text again, or an object for blobs stored by an update or by older releases).</param>
public sealed record Credential(string Id, string UserId, string? ProjectId, string Type, JsonNode? Blob, JsonObject Extra)
{
    /// <summary>Keystone's exact-case test that decides how a blob is encrypted and decrypted.</summary>
    public const string Ec2 = "ec2";

    /// <summary>The blob as the credentials API shows it: text, with an object blob serialized as Python would.</summary>
    public JsonNode? BlobText => Blob is JsonObject o ? JsonValue.Create(PythonJson.Dumps(o)) : Blob?.DeepClone();

    /// <summary>The blob text of <see cref="BlobText"/> (JSON text for the odd non-string blob).</summary>
    public string BlobString => BlobText switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        var other => other.ToJsonString(),
    };

    /// <summary>The blob as an object for EC2 views (json.loads of the text), or empty when it is not one.</summary>
    public JsonObject BlobObject => Blob switch
    {
        JsonObject o => o,
        JsonValue v when v.TryGetValue<string>(out var text) && PythonJson.TryLoads(text, out var node) && node is JsonObject o => o,
        _ => [],
    };

    /// <summary>Keystone's hash_access_key: the id of an ec2 credential is the hex SHA-256 of its access key.</summary>
    public static string HashAccessKey(string access) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(access)));

    /// <summary>True when the type is ec2 in any case (Keystone's lower() test for ids and blob validation).</summary>
    public static bool IsEc2Type(string? type) => string.Equals(type, Ec2, StringComparison.OrdinalIgnoreCase);

    /// <summary>Keystone's _validate_blob_json: the blob of an ec2 credential is a JSON object with an access key.</summary>
    public static JsonObject ParseEc2Blob(string? blob)
    {
        if (!PythonJson.TryLoads(blob, out var node))
            throw ApiException.BadRequest("Invalid blob in credential");
        if (node is not JsonObject { Count: > 0 } o)
            throw KeystoneRequest.Expecting("blob", "credential");
        // A non-string access key makes Keystone fail with a 500; it is as unusable as a missing one.
        if (o["access"] is not JsonValue access || !access.TryGetValue<string>(out _))
            throw KeystoneRequest.Expecting("access", "credential");
        return o;
    }
}
