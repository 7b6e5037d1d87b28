using System.Security.Cryptography;

namespace SharpStack.Image.Data;

/// <summary>Reads image data through, in the same pass counting its size, computing the md5 checksum and the
/// secure hash (os_hash_value), and refusing to go past the size cap and, when given, the bytes the project's
/// storage quota still allows (Glance's two LimitingReaders; the quota one is checked first, as it reads first).</summary>
public sealed class HashingStream : Stream
{
    private readonly Stream _inner;
    private readonly long _cap;
    private readonly long _quota;
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly IncrementalHash _hash;

    private const int GatherSize = 1 << 20;
    private const int ParallelThreshold = 128 << 10;

    /// <param name="algorithm">sha256, sha384 or sha512 ([image] hashing_algorithm).</param>
    /// <param name="quota">The bytes the storage quota still allows (from ImageQuotas.CheckStorageQuotaAsync), or null
    /// for no limit: going past it raises <see cref="StorageQuotaExceededException"/>.</param>
    public HashingStream(Stream inner, long cap, string algorithm, long? quota = null)
    {
        _inner = inner;
        _cap = cap;
        _quota = quota ?? long.MaxValue;
        Algorithm = algorithm;
        _hash = IncrementalHash.CreateHash(algorithm switch
        {
            "sha256" => HashAlgorithmName.SHA256,
            "sha384" => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA512,
        });
    }

    public string Algorithm { get; }

    public long BytesRead { get; private set; }

    /// <summary>The md5 hex digest of everything read (call once, at the end).</summary>
    public string Checksum() => Convert.ToHexStringLower(_md5.GetHashAndReset());

    /// <summary>The secure hash hex digest of everything read (call once, at the end).</summary>
    public string HashValue() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        // Gather a large chunk (request bodies arrive in small pieces), so that the two hashes can run side by side:
        // on two cores a chunk then costs the slower hash's time, not the sum of both.
        var want = Math.Min(buffer.Length, GatherSize);
        var n = 0;
        while (n < want)
        {
            var read = await _inner.ReadAsync(buffer[n..want], ct);
            if (read == 0) break;
            n += read;
        }
        var data = buffer[..n];
        Limit(n);
        if (n >= ParallelThreshold)
        {
            var md5 = Task.Run(() => _md5.AppendData(data.Span), ct);
            _hash.AppendData(data.Span);
            await md5;
        }
        else
        {
            _md5.AppendData(data.Span);
            _hash.AppendData(data.Span);
        }
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = _inner.Read(buffer, offset, count);
        Count(buffer.AsSpan(offset, n));
        return n;
    }

    private void Count(ReadOnlySpan<byte> data)
    {
        Limit(data.Length);
        _md5.AppendData(data);
        _hash.AppendData(data);
    }

    private void Limit(int read)
    {
        BytesRead += read;
        if (BytesRead > _quota) throw new StorageQuotaExceededException();
        if (BytesRead > _cap) throw new ImageTooLargeException();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _md5.Dispose();
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>More data than [image] image_size_cap allows (Glance's ImageSizeLimitExceeded).</summary>
public sealed class ImageTooLargeException() : IOException("The provided image is too large.");

/// <summary>More data than the project's storage quota still allows (Glance's StorageQuotaFull from the
/// LimitingReader, raised without values).</summary>
public sealed class StorageQuotaExceededException() : IOException("The image data exceeds the storage quota.");
