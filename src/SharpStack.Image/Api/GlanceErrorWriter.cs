using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;

namespace SharpStack.Image.Api;

/// <summary>Glance's errors as its web framework renders them for JSON clients:
/// {"message": "…", "code": "404 Not Found", "title": "Not Found"}.</summary>
public sealed class GlanceErrorWriter : IErrorWriter
{
    public Task WriteAsync(HttpContext context, int status, string title, string message) =>
        JsonErrorBody.WriteAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteString("code", $"{status} {HttpReason.Phrase(status)}");
            w.WriteString("title", title);
            w.WriteEndObject();
        });
}
