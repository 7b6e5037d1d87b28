using System.Text.Json;
using Microsoft.AspNetCore.Http;

using SharpStack.Core.Errors;

namespace SharpStack.Identity.Api;

/// <summary>Keystone's error shape: {"error": {"code": 404, "message": "…", "title": "Not Found"}}.</summary>
public sealed class KeystoneErrorWriter : IErrorWriter
{
    public async Task WriteAsync(HttpContext context, int status, string title, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteNumber("code", status);
            w.WriteString("message", message);
            w.WriteString("title", title);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
