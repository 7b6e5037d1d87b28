using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Image.Api.Http;
using SharpStack.Image.Configuration;
using SharpStack.Image.Data;
using SharpStack.Image.Images;
using SharpStack.Image.Policies;
using SharpStack.Image.Quotas;
using SharpStack.Image.Stores;

namespace SharpStack.Image.Api;

/// <summary>Image data: PUT/GET /v2/images/{id}/file and PUT /v2/images/{id}/stage.</summary>
public static class ImageDataApi
{
    public const string StoreHeader = "X-Image-Meta-Store";

    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapPut("/images/{id}/file", async (string id, HttpContext context, ImageAuthorizer authz, ImageLookup lookup, ImageStores stores, ImageQuotas quotas, ImageUploader uploader) =>
        {
            RequireOctetStream(context);
            var caller = ImageCaller.From(context, authz);
            await quotas.EnforceImageSizeTotalAsync(caller.ProjectId, context.RequestAborted);
            var store = RequestedStore(context, stores);
            var image = await lookup.GetVisibleAsync(caller, id, context.RequestAborted);
            authz.Enforce(context, ImagePolicyNames.UploadImage, ImageTarget.For(image));
            if (!caller.Owns(image.Owner)) throw ApiException.Forbidden($"Not allowed to upload image data for image {id}");
            LiftBodyLimit(context);
            await uploader.UploadAsync(caller.ProjectId, image, store, context.Request.Body, DeclaredSize(context), context.RequestAborted);
            return Results.NoContent();
        });
        v2.MapGet("/images/{id}/file", async (string id, HttpContext context, ImageAuthorizer authz, ImageLookup lookup, ImageStores stores) =>
        {
            var caller = ImageCaller.From(context, authz);
            var image = await lookup.GetVisibleAsync(caller, id, context.RequestAborted);
            authz.Enforce(context, ImagePolicyNames.DownloadImage, ImageTarget.For(image));
            if (image.Status == ImageStatus.Deactivated && !caller.IsAdmin)
                throw ApiException.Forbidden("The requested image has been deactivated. Image data download is forbidden.");
            await SendAsync(context, image, stores);
        });
        v2.MapPut("/images/{id}/stage", async (string id, HttpContext context, ImageAuthorizer authz, ImageLookup lookup, SharpStackConfig config, ImageQuotas quotas, ImageStager stager) =>
        {
            if (!config.Get(ImageOptions.EnabledImportMethods).Contains("glance-direct"))
                throw ApiException.NotFound("'glance-direct' method is not available at this site.");
            RequireOctetStream(context);
            var caller = ImageCaller.From(context, authz);
            await quotas.EnforceImageStageTotalAsync(caller.ProjectId, context.RequestAborted);
            var image = await lookup.GetVisibleAsync(caller, id, context.RequestAborted);
            authz.Enforce(context, ImagePolicyNames.ModifyImage, ImageTarget.For(image));
            if (!caller.Owns(image.Owner)) throw ApiException.Forbidden("You do not own this image");
            LiftBodyLimit(context);
            await stager.StageAsync(caller.ProjectId, image, context.Request.Body, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>Image data may be far larger than the service-wide request body limit; [image] image_size_cap applies instead.</summary>
    private static void LiftBodyLimit(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
    }

    /// <summary>The size the client declared (webob's content_length or None: a missing or zero Content-Length is unknown).</summary>
    private static long? DeclaredSize(HttpContext context) => context.Request.ContentLength is > 0 and var n ? n : null;

    /// <summary>Glance accepts image data only as application/octet-stream (parameters aside); else 415.</summary>
    private static void RequireOctetStream(HttpContext context)
    {
        var raw = context.Request.ContentType;
        var media = raw?.Split(';', 2)[0].Trim();
        if (!string.Equals(media, "application/octet-stream", StringComparison.OrdinalIgnoreCase))
            throw new ApiException(415, $"The request media type {raw ?? "None"} is not supported by this server.");
    }

    /// <summary>The store an upload goes to: X-Image-Meta-Store with several stores, else the default.</summary>
    public static IImageStore RequestedStore(HttpContext context, ImageStores stores)
    {
        if (!stores.MultiStore) return stores.Default;
        var name = context.Request.Headers[StoreHeader].ToString();
        if (name.Length == 0) return stores.Default;
        return stores.Find(name) ?? throw ApiException.BadRequest($"Unknown scheme '{name}' found in URI");
    }

    /// <summary>Reads the file straight into the response pipe's buffers in large slices: fewer, larger socket
    /// writes than the framework's send-file copy (which goes through a small intermediate buffer).</summary>
    private static async Task SendFileAsync(HttpResponse response, string path, long offset, long length, CancellationToken ct)
    {
        using var file = System.IO.File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var pipe = response.BodyWriter;
        await response.StartAsync(ct);
        while (length > 0)
        {
            var memory = pipe.GetMemory((int)Math.Min(Slice, length));
            var n = await RandomAccess.ReadAsync(file, memory[..(int)Math.Min(memory.Length, length)], offset, ct);
            if (n == 0) break;
            pipe.Advance(n);
            offset += n;
            length -= n;
            var flushed = await pipe.FlushAsync(ct);
            if (flushed.IsCanceled || flushed.IsCompleted) break;
        }
    }

    private const int Slice = 1 << 20;

    /// <summary>The image's data (or the requested range) from the first location that has it; 204 when none.</summary>
    private static async Task SendAsync(HttpContext context, Storage.Entities.ImageRow image, ImageStores stores)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        foreach (var location in image.Locations.Where(l => l.Status == "active").OrderBy(l => l.InternalId))
        {
            var store = stores.ForLocation(location);
            if (store is null) continue;
            var size = image.Size ?? 0;
            var range = ByteRange.Parse(context.Request.Headers.Range.ToString() is { Length: > 0 } r ? r : null,
                context.Request.Headers.ContentRange.ToString() is { Length: > 0 } cr ? cr : null, size);
            var offset = range?.Offset ?? 0;
            var length = range?.Length ?? size;
            var path = store.LocalPath(location.Url);
            Stream? stream = null;
            if (path is null)
            {
                try
                {
                    stream = await store.OpenAsync(location.Url, offset, ct);
                }
                catch (FileNotFoundException)
                {
                    continue;
                }
            }
            else if (!System.IO.File.Exists(path))
            {
                continue;
            }
            await using (stream)
            {
                response.StatusCode = range is null ? 200 : 206;
                response.ContentType = "application/octet-stream";
                if (range is { } sent) response.Headers.ContentRange = $"bytes {sent.Offset}-{sent.Last}/{sent.Size}";
                if (image.Checksum is not null) response.Headers.ContentMD5 = image.Checksum;
                response.ContentLength = length;
                if (path is not null)
                    await SendFileAsync(response, path, offset, length, ct);
                else
                    await CopyAsync(stream!, response.Body, length, ct);
            }
            return;
        }
        response.StatusCode = 204;
    }

    private static async Task CopyAsync(Stream from, Stream to, long length, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            while (length > 0)
            {
                var n = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length)), ct);
                if (n == 0) break;
                await to.WriteAsync(buffer.AsMemory(0, n), ct);
                length -= n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
