using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SharpStack.Image.Tests.Api;

/// <summary>One-line JSON requests for Image API tests: the status and the parsed body (null when empty).</summary>
public static class JsonCalls
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> CallAsync(this HttpClient client, HttpMethod method, string path, JsonNode? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>The message of a Glance error body ({"message": …, "code": …, "title": …}).</summary>
    public static string Message(this JsonNode? body) => body?["message"]?.GetValue<string>() ?? "";
}
