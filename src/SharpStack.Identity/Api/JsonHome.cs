using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace SharpStack.Identity.Api;

/// <summary>The JSON Home document of Identity v3 (relations → href templates), as upstream publishes it.</summary>
public static class JsonHome
{
    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SharpStack.Identity.Api.json-home.json")
            ?? throw new InvalidOperationException("json-home.json is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Result(HttpContext context) => Results.Bytes(Document.Value, "application/json-home");
}
