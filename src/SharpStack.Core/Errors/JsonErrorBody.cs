using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SharpStack.Core.Errors;

/// <summary>Writes an error response whose JSON body a service's error writer shapes.</summary>
public static class JsonErrorBody
{
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        // Quotes stay quotes: clients and upstream's tests search error texts such as "Failed validating 'minimum'".
        using (var w = new Utf8JsonWriter(buffer, Options))
            write(w);
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
