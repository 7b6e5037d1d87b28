using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace SharpStack.Image.Stores.Http;

/// <summary>A read-only store of image data on web servers (glance_store's http driver): locations are http(s)
/// URLs set by operators; data is read with a Range request and never added or deleted.</summary>
public sealed class HttpStore(string id, HttpClient client) : IImageStore
{
    public string Id { get; } = id;

    public string Type => "http";

    public bool IsReadOnly => true;

    public bool Owns(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public Task<string> AddAsync(string imageId, Stream data, CancellationToken ct) => throw new StoreAddDisabledException(Id);

    public async Task<Stream> OpenAsync(string url, long offset, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0) request.Headers.Range = new RangeHeaderValue(offset, null);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            throw new FileNotFoundException("Image data not found at its location.", url);
        }
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(ct);
        if (offset > 0 && response.StatusCode != HttpStatusCode.PartialContent)
        {
            // The server ignored the range: skip to the offset.
            var skip = new byte[81920];
            var left = offset;
            while (left > 0)
            {
                var n = await stream.ReadAsync(skip.AsMemory(0, (int)Math.Min(skip.Length, left)), ct);
                if (n == 0) break;
                left -= n;
            }
        }
        return stream;
    }

    public string? LocalPath(string url) => null;

    public Task DeleteAsync(string url, CancellationToken ct) => Task.CompletedTask;

    public JsonObject Properties() => new();
}
