using System.Text.Json.Nodes;

namespace SharpStack.Image.Stores;

/// <summary>Where image data lives (Glance's glance_store driver): one implementation per store type, chosen by
/// configuration. A store adds data from a stream and answers with the location URL, reads it back from an offset,
/// and deletes it.</summary>
public interface IImageStore
{
    /// <summary>The store's id: the backend name with [image] enabled_backends, else the store type.</summary>
    string Id { get; }

    /// <summary>The store type (file, http), as GET /v2/info/stores/detail shows it.</summary>
    string Type { get; }

    /// <summary>Stores that cannot add data (http).</summary>
    bool IsReadOnly { get; }

    /// <summary>Whether a location URL belongs to this store.</summary>
    bool Owns(string url);

    /// <summary>Reads <paramref name="data"/> to its end and keeps it under the image's id; answers the location
    /// URL. Nothing is visible at that URL until the data is complete and durable.</summary>
    /// <exception cref="StorageFullException">The store's media is full (nothing is left behind).</exception>
    /// <exception cref="StoreAddDisabledException">The store is read-only.</exception>
    /// <exception cref="DuplicateDataException">The store already holds data for the image.</exception>
    Task<string> AddAsync(string imageId, Stream data, CancellationToken ct);

    /// <summary>The data at <paramref name="url"/> from <paramref name="offset"/> on.</summary>
    /// <exception cref="FileNotFoundException">No data at that location.</exception>
    Task<Stream> OpenAsync(string url, long offset, CancellationToken ct);

    /// <summary>The local file behind a location, when the store keeps data in files (lets downloads send the
    /// file without copying it through the process); null otherwise.</summary>
    string? LocalPath(string url);

    /// <summary>Removes the data at <paramref name="url"/>; data already gone is not an error.</summary>
    Task DeleteAsync(string url, CancellationToken ct);

    /// <summary>Store-specific details for GET /v2/info/stores/detail.</summary>
    JsonObject Properties();
}

/// <summary>The store's media has no space left (glance_store StorageFull).</summary>
public sealed class StorageFullException(string message, Exception? inner = null) : IOException(message, inner)
{
    public const string DefaultMessage = "There is not enough disk space on the image storage media.";
}

/// <summary>The store does not take new data (glance_store StoreAddDisabled).</summary>
public sealed class StoreAddDisabledException(string store) : InvalidOperationException($"Adding images to store {store} is disabled.");

/// <summary>The store already holds data under this image id (glance_store Duplicate).</summary>
public sealed class DuplicateDataException(string imageId) : IOException($"Image {imageId} already exists");
