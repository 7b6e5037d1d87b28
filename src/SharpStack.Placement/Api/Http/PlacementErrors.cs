using SharpStack.Core.Errors;

namespace SharpStack.Placement.Api.Http;

/// <summary>Placement's error codes (shown in error bodies from microversion 1.23) and the exceptions that carry them.</summary>
public static class PlacementErrors
{
    public const string Undefined = "placement.undefined_code";
    public const string ConcurrentUpdate = "placement.concurrent_update";
    public const string DuplicateName = "placement.duplicate_name";
    public const string InventoryInUse = "placement.inventory.inuse";
    public const string ProviderInUse = "placement.resource_provider.inuse";
    public const string ProviderCannotDeleteParent = "placement.resource_provider.cannot_delete_parent";
    public const string ProviderNotFound = "placement.resource_provider.not_found";
    public const string QueryDuplicateKey = "placement.query.duplicate_key";
    public const string QueryBadValue = "placement.query.bad_value";
    public const string QueryMissingValue = "placement.query.missing_value";

    public static ApiException BadRequest(string message, string? code = null) => new(400, message) { Code = code };
    public static ApiException NotFound(string message, string? code = null) => new(404, message) { Code = code };
    public static ApiException Conflict(string message, string? code = null) => new(409, message) { Code = code };

    /// <summary>A 409 for a generation that moved under the caller.</summary>
    public static ApiException Concurrent(string message) => new(409, message) { Code = ConcurrentUpdate };

    /// <summary>Bodies of PUT/POST must be JSON (415 otherwise).</summary>
    public static ApiException UnsupportedMediaType(string? mediaType) =>
        new(415, $"The media type {mediaType ?? "None"} is not supported, use application/json");
}

/// <summary>The 406 of an unsupported microversion: its body also names the supported range.</summary>
public sealed class UnacceptableVersionException(string message) : ApiException(406, message);
