namespace SharpStack.Core.Errors;

/// <summary>An error answered to the client with an HTTP status and a reason; rendered in the service's own JSON shape.</summary>
public class ApiException(int status, string message, string? title = null) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>A short title ("Not Found"); defaults to the HTTP reason phrase.</summary>
    public string Title { get; } = title ?? HttpReason.Phrase(status);

    /// <summary>Headers to add to the error response (e.g. WWW-Authenticate on 401).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>A machine-readable error code for services whose bodies carry one (Placement's "placement.concurrent_update").</summary>
    public string? Code { get; init; }

    public static ApiException BadRequest(string message) => new(400, message);
    public static ApiException Unauthorized(string message = "The request you have made requires authentication.") => new(401, message);
    public static ApiException Forbidden(string message = "You are not authorized to perform the requested action.") => new(403, message);
    public static ApiException NotFound(string message) => new(404, message);
    public static ApiException Conflict(string message) => new(409, message);
}
