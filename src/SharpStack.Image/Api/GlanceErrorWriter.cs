using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;

namespace SharpStack.Image.Api;

/// <summary>Glance's errors as its web framework renders them for JSON clients:
/// {"message": "…", "code": "404 Not Found", "title": "Not Found"}.</summary>
public sealed class GlanceErrorWriter : IErrorWriter
{
    public async Task WriteAsync(HttpContext context, int status, string title, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteString("code", $"{status} {HttpReason.Phrase(status)}");
            w.WriteString("title", title);
            w.WriteEndObject();
        }
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
