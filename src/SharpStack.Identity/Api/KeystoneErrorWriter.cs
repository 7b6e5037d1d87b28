using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;

namespace SharpStack.Identity.Api;

/// <summary>Keystone's error shape: {"error": {"code": 404, "message": "…", "title": "Not Found"}}.</summary>
public sealed class KeystoneErrorWriter : IErrorWriter
{
    public Task WriteAsync(HttpContext context, int status, string title, string message) =>
        JsonErrorBody.WriteAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteNumber("code", status);
            w.WriteString("message", message);
            w.WriteString("title", title);
            w.WriteEndObject();
            w.WriteEndObject();
        });
}
