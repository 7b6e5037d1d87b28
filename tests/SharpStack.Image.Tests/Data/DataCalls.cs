using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SharpStack.Image.Tests.Api;

namespace SharpStack.Image.Tests.Data;

/// <summary>Helpers for image data tests: create an image, upload bytes, wait for a status.</summary>
public static class DataCalls
{
    public static async Task<string> CreateImageAsync(this HttpClient client, string? diskFormat = "raw", string? containerFormat = "bare")
    {
        var body = new JsonObject { ["name"] = "data-" + Guid.NewGuid().ToString("N")[..6] };
        if (diskFormat is not null) body["disk_format"] = diskFormat;
        if (containerFormat is not null) body["container_format"] = containerFormat;
        var (status, created) = await client.CallAsync(HttpMethod.Post, "v2/images", body);
        Assert.Equal(HttpStatusCode.Created, status);
        return created!["id"]!.GetValue<string>();
    }

    public static async Task<HttpResponseMessage> PutDataAsync(this HttpClient client, string path, byte[] data, string contentType = "application/octet-stream", IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new ByteArrayContent(data) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) request.Headers.Add(k, v);
        return await client.SendAsync(request);
    }

    public static async Task<JsonNode> ImageAsync(this HttpClient client, string id)
    {
        var (status, body) = await client.CallAsync(HttpMethod.Get, "v2/images/" + id);
        Assert.Equal(HttpStatusCode.OK, status);
        return body!;
    }

    public static async Task<JsonNode> WaitForAsync(this HttpClient client, string id, Func<JsonNode, bool> done, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var image = await client.ImageAsync(id);
            if (done(image)) return image;
            if (DateTime.UtcNow > until) throw new TimeoutException("image never reached the expected state: " + image.ToJsonString());
            await Task.Delay(50);
        }
    }

    public static string S(this JsonNode? node, string key) => node?[key]?.GetValue<string>() ?? "";

    public static byte[] RandomBytes(int size)
    {
        var data = new byte[size];
        Random.Shared.NextBytes(data);
        return data;
    }

    public static string Md5(byte[] data) => Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(data));

    public static string Sha512(byte[] data) => Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(data));
}
