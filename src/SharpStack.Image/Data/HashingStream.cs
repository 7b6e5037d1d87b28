using System.Security.Cryptography;

namespace SharpStack.Image.Data;

/// <summary>Reads image data through, in the same pass counting its size, computing the md5 checksum and the
/// secure hash (os_hash_value), and refusing to go past the size cap (Glance's LimitingReader).</summary>
public sealed class HashingStream : Stream
{
    private readonly Stream _inner;
    private readonly long _cap;
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly IncrementalHash _hash;

    /// <param name="algorithm">sha256, sha384 or sha512 ([image] hashing_algorithm).</param>
    public HashingStream(Stream inner, long cap, string algorithm)
    {
        _inner = inner;
        _cap = cap;
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
        var n = await _inner.ReadAsync(buffer, ct);
        Count(buffer.Span[..n]);
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
        BytesRead += data.Length;
        if (BytesRead > _cap) throw new ImageTooLargeException();
        _md5.AppendData(data);
        _hash.AppendData(data);
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
