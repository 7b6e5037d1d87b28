using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SharpStack.Core.Http;

/// <summary>Writes a JSON body with a Content-Length through buffers rented from the shared pool, so a large
/// answer (a list of a thousand users) leaves no large-object garbage behind for every request.</summary>
public static class PooledJsonBody
{
    public static Task WriteAsync(HttpContext context, int status, JsonNode body, JsonSerializerOptions? options = null) =>
        WriteAsync(context, status, writer =>
        {
            body.WriteTo(writer, options);
            return Task.CompletedTask;
        });

    /// <summary>The bytes <see cref="WriteAsync(HttpContext, int, JsonNode, JsonSerializerOptions?)"/> would send,
    /// for answers kept and sent again.</summary>
    public static byte[] ToBytes(JsonNode body) => ToBytes(w => body.WriteTo(w));

    /// <summary>The bytes <paramref name="write"/> produces, written as every answer is.</summary>
    public static byte[] ToBytes(Action<Utf8JsonWriter> write)
    {
        // Written into pooled chunks, then copied once into an array of the exact size (a growing array would copy
        // and zero a large answer several times over).
        var buffer = new PooledBufferWriter();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) write(writer);
            var bytes = GC.AllocateUninitializedArray<byte>(buffer.Length);
            var at = 0;
            foreach (var segment in buffer.Segments())
            {
                segment.Span.CopyTo(bytes.AsSpan(at));
                at += segment.Length;
            }
            return bytes;
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>Sends bytes made by <see cref="ToBytes"/>.</summary>
    public static Task WriteBytesAsync(HttpContext context, int status, byte[] utf8Json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = utf8Json.Length;
        return context.Response.Body.WriteAsync(utf8Json, context.RequestAborted).AsTask();
    }

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes whatever <paramref name="write"/> produces (e.g. a list streamed from the database).</summary>
    public static async Task WriteAsync(HttpContext context, int status, Func<Utf8JsonWriter, Task> write)
    {
        var response = context.Response;
        var buffer = new PooledBufferWriter();
        try
        {
            await using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
                await write(writer);
            response.StatusCode = status;
            response.ContentType = "application/json";
            response.ContentLength = buffer.Length;
            foreach (var segment in buffer.Segments())
                await response.Body.WriteAsync(segment, context.RequestAborted);
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>An IBufferWriter over a chain of pooled arrays (no copying when it grows).</summary>
    private sealed class PooledBufferWriter : IBufferWriter<byte>
    {
        private const int ChunkSize = 64 * 1024;
        private readonly List<(byte[] Array, int Used)> _chunks = [];

        public int Length { get; private set; }

        public void Advance(int count)
        {
            var (array, used) = _chunks[^1];
            _chunks[^1] = (array, used + count);
            Length += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            var (array, used) = _chunks[^1];
            return array.AsMemory(used);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            var (array, used) = _chunks[^1];
            return array.AsSpan(used);
        }

        private void Ensure(int sizeHint)
        {
            var need = Math.Max(sizeHint, 1);
            if (_chunks.Count > 0 && _chunks[^1].Array.Length - _chunks[^1].Used >= need) return;
            _chunks.Add((ArrayPool<byte>.Shared.Rent(Math.Max(need, ChunkSize)), 0));
        }

        public IEnumerable<ReadOnlyMemory<byte>> Segments()
        {
            foreach (var (array, used) in _chunks)
                if (used > 0) yield return array.AsMemory(0, used);
        }

        public void Return()
        {
            foreach (var (array, _) in _chunks) ArrayPool<byte>.Shared.Return(array);
            _chunks.Clear();
        }
    }
}
