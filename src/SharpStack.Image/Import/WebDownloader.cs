using System.Net;
using System.Net.Sockets;

namespace SharpStack.Image.Import;

/// <summary>Fetches web-download data: every URL (the first and each redirect target) must pass
/// <see cref="ImportUriFilter"/>, and the connection goes to the address the filter resolved (no DNS rebinding).</summary>
public sealed class WebDownloader : IDisposable
{
    private const int MaxRedirects = 10;
    private static readonly HttpRequestOptionsKey<IPAddress> Pinned = new("sharpstack-pinned-address");
    private readonly ImportUriFilter _filter;
    private readonly HttpClient _client;

    public WebDownloader(ImportUriFilter filter)
    {
        _filter = filter;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = async (context, ct) =>
            {
                var address = context.InitialRequestMessage.Options.TryGetValue(Pinned, out var pinned)
                    ? pinned
                    : throw new HttpRequestException("Refusing to connect without a filtered address.");
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The response whose body is the image data (caller disposes).</summary>
    /// <exception cref="ImportFailedException">Filtering refused a URL, or the server answered an error.</exception>
    public async Task<HttpResponseMessage> GetAsync(string uri, CancellationToken ct)
    {
        var current = uri;
        for (var hop = 0; ; hop++)
        {
            var address = await _filter.ResolveAsync(current, ct)
                ?? throw new ImportFailedException(hop == 0 ? $"URI for web-download does not pass filtering: {current}" : $"Redirect to disallowed URL: {current}");
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Options.Set(Pinned, address);
            var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (hop >= MaxRedirects) throw new ImportFailedException($"Too many redirects fetching {uri}");
                current = new Uri(new Uri(current), location).ToString();
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                response.Dispose();
                throw new ImportFailedException($"HTTP Error {status}: {response.ReasonPhrase}");
            }
            return response;
        }
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>An import step failed with a message for the task.</summary>
public sealed class ImportFailedException(string message) : Exception(message);
