using System.Buffers;
using System.Text.Json.Nodes;

namespace SharpStack.Image.Stores.File;

/// <summary>Image data as files in one folder (glance_store's filesystem driver), named by image id. Data is
/// written to a temporary file beside its final name (<c>.&lt;id&gt;.&lt;random&gt;.partial</c>), flushed to disk,
/// and only then renamed, so a reader or a crash never sees part of an image under its final name.</summary>
public sealed class FileStore : IImageStore
{
    public const string PartialSuffix = ".partial";
    private const int ChunkSize = 1 << 20;
    private const long FlushSlice = 64L << 20;

    public FileStore(string id, string directory)
    {
        Id = id;
        Directory = Path.GetFullPath(directory);
    }

    public string Id { get; }

    public string Type => "file";

    public bool IsReadOnly => false;

    /// <summary>The folder the store keeps its files in.</summary>
    public string Directory { get; }

    /// <summary>How files are opened for writing; tests substitute a stream that fails like a full disk.</summary>
    internal Func<string, Stream> OpenForWrite { get; set; } = path =>
        new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);

    /// <summary>The path image data of <paramref name="imageId"/> has (whether or not it exists).</summary>
    public string PathOf(string imageId) => Path.Combine(Directory, imageId);

    public string UrlOf(string imageId) => "file://" + PathOf(imageId);

    public bool Owns(string url) => LocalPath(url) is not null;

    public string? LocalPath(string url)
    {
        if (!url.StartsWith("file://", StringComparison.Ordinal)) return null;
        var path = Path.GetFullPath(url["file://".Length..]);
        return Path.GetDirectoryName(path) == Directory ? path : null;
    }

    public void EnsureDirectory() => System.IO.Directory.CreateDirectory(Directory);

    public async Task<string> AddAsync(string imageId, Stream data, CancellationToken ct)
    {
        EnsureDirectory();
        var final = PathOf(imageId);
        if (System.IO.File.Exists(final)) throw new DuplicateDataException(imageId);
        var temp = Path.Combine(Directory, $".{imageId}.{Guid.NewGuid():N}{PartialSuffix}");
        try
        {
            await using (var file = OpenForWrite(temp))
            {
                // The data must be on disk before the image is active. Flushing a slice in the background while the
                // next ones arrive overlaps the disk's writeback with the upload, instead of paying it all at the end.
                var handle = (file as FileStream)?.SafeFileHandle;
                var flushing = Task.CompletedTask;
                long written = 0, flushedAt = 0;
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                try
                {
                    int n;
                    while ((n = await data.ReadAsync(buffer.AsMemory(0, ChunkSize), ct)) > 0)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, n), ct);
                        written += n;
                        if (handle is not null && written - flushedAt >= FlushSlice && flushing.IsCompleted)
                        {
                            await flushing;
                            flushedAt = written;
                            flushing = Task.Run(() => RandomAccess.FlushToDisk(handle), ct);
                        }
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    await flushing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
                await flushing;
                if (file is FileStream fs) fs.Flush(flushToDisk: true);
                else await file.FlushAsync(ct);
            }
            System.IO.File.Move(temp, final, overwrite: false);
            return "file://" + final;
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            TryDelete(temp);
            throw new StorageFullException(StorageFullException.DefaultMessage, e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public Task<Stream> OpenAsync(string url, long offset, CancellationToken ct)
    {
        var path = LocalPath(url) ?? throw new FileNotFoundException("Image data is not in this store.", url);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (offset > 0) file.Seek(offset, SeekOrigin.Begin);
        return Task.FromResult<Stream>(file);
    }

    public Task DeleteAsync(string url, CancellationToken ct)
    {
        if (LocalPath(url) is { } path) TryDelete(path);
        return Task.CompletedTask;
    }

    /// <summary>Removes temporary files left by writes that never finished (a crash mid-upload); returns how many.</summary>
    public int RemovePartialFiles()
    {
        if (!System.IO.Directory.Exists(Directory)) return 0;
        var count = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + PartialSuffix))
        {
            TryDelete(path);
            count++;
        }
        return count;
    }

    public JsonObject Properties() => new()
    {
        ["data_dir"] = Directory,
        ["chunk_size"] = 65536,
        ["thin_provisioning"] = false,
    };

    /// <summary>ENOSPC or EFBIG (Linux errno in HResult), or Windows' disk-full codes.</summary>
    public static bool IsDiskFull(IOException e)
    {
        if (e is StorageFullException) return true;
        var code = e.HResult & 0xFFFF;
        return e.HResult is 28 or 27 || code is 0x70 or 0x27;
    }

    private static void TryDelete(string path)
    {
        try
        {
            System.IO.File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: start-up recovery removes what is left.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
