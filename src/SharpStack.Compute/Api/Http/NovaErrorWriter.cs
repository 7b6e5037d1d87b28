using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;

namespace SharpStack.Compute.Api.Http;

/// <summary>Nova's fault bodies: {"itemNotFound": {"code": 404, "message": "…"}}, the key named by the status as
/// Nova's wsgi.Fault names it. A 401 comes from keystonemiddleware in front of Nova, so it has that shape instead:
/// {"error": {"code": 401, "title": "Unauthorized", "message": "…"}}.</summary>
public sealed class NovaErrorWriter : IErrorWriter
{
    public Task WriteAsync(HttpContext context, int status, string title, string message) =>
        JsonErrorBody.WriteAsync(context, status, w =>
        {
            w.WriteStartObject();
            if (status == 401)
            {
                w.WriteStartObject("error");
                w.WriteNumber("code", status);
                w.WriteString("title", title);
                w.WriteString("message", message);
            }
            else
            {
                w.WriteStartObject(FaultName(status));
                w.WriteNumber("code", status);
                w.WriteString("message", message);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        });

    /// <summary>The body's key for a status (Nova's Fault._fault_names; anything else is a computeFault).</summary>
    public static string FaultName(int status) => status switch
    {
        400 => "badRequest",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "itemNotFound",
        405 => "badMethod",
        409 => "conflictingRequest",
        413 => "overLimit",
        415 => "badMediaType",
        429 => "overLimit",
        501 => "notImplemented",
        503 => "serviceUnavailable",
        _ => "computeFault",
    };
}
