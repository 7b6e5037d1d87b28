using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SharpStack.Identity.Tests.Api;

/// <summary>One-line JSON requests for API tests: the status and the parsed body (null when empty).</summary>
public static class JsonCalls
{
    public static async Task<(HttpStatusCode Status, JsonObject? Body)> CallAsync(this HttpClient client, HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
    }

    public static Task<(HttpStatusCode Status, JsonObject? Body)> GetJsonAsync(this HttpClient client, string path) => client.CallAsync(HttpMethod.Get, path);

    public static Task<(HttpStatusCode Status, JsonObject? Body)> PostJsonAsync(this HttpClient client, string path, JsonNode body) => client.CallAsync(HttpMethod.Post, path, body);

    public static Task<(HttpStatusCode Status, JsonObject? Body)> PatchJsonAsync(this HttpClient client, string path, JsonNode body) => client.CallAsync(HttpMethod.Patch, path, body);

    public static Task<(HttpStatusCode Status, JsonObject? Body)> PutJsonAsync(this HttpClient client, string path) => client.CallAsync(HttpMethod.Put, path);

    public static Task<(HttpStatusCode Status, JsonObject? Body)> DeleteJsonAsync(this HttpClient client, string path) => client.CallAsync(HttpMethod.Delete, path);

    /// <summary>The error message of a Keystone error body.</summary>
    public static string Message(this JsonObject? body) => body?["error"]?["message"]?.GetValue<string>() ?? "";

    /// <summary>The id of the wrapped entity in a create/get answer.</summary>
    public static string Id(this JsonObject? body, string wrapper) => body![wrapper]!["id"]!.GetValue<string>();

    public static JsonObject Obj(params (string Key, JsonNode? Value)[] pairs)
    {
        var o = new JsonObject();
        foreach (var (k, v) in pairs) o[k] = v;
        return o;
    }
}
