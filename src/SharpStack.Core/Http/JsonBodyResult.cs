using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SharpStack.Core.Http;

/// <summary>A JSON body with an explicit status, serialized without reflection into a pooled buffer.</summary>
public sealed class JsonBodyResult(JsonNode body, int status = 200) : IResult
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public JsonNode Body { get; } = body;

    public int Status { get; } = status;

    public Task ExecuteAsync(HttpContext httpContext) => PooledJsonBody.WriteAsync(httpContext, Status, Body, Options);
}
