using SharpStack.Core.Errors;

namespace SharpStack.Image.Data;

/// <summary>The part of an image a download asks for (Glance's get_range_from_request with webob's parsing):
/// one range only — "bytes=N-M", "bytes=N-", "bytes=-N" — or the legacy request Content-Range header.</summary>
public readonly record struct ByteRange(long Offset, long Length, long Size)
{
    public long Last => Offset + Length - 1;

    /// <summary>The range to send, or null for the whole image (200).</summary>
    public static ByteRange? Parse(string? range, string? contentRange, long size)
    {
        if (range is not null)
        {
            if (range.Contains(',')) throw ApiException.BadRequest("Requests with multiple ranges are not supported in Glance. You may make multiple single-range requests instead.");
            var (start, end) = ParseRange(range) ?? throw new ApiException(416, "Invalid Range header.");
            if (start >= size)
                throw new ApiException(416, $"Invalid start position in Range header. Start position MUST be in the inclusive range [0, {size - 1}].");
            long offset = 0;
            if (start >= 0) offset = start;
            else if (-start < size) offset = size + start;
            var length = end is { } e && e < size ? e - offset : size - offset;
            return new ByteRange(offset, length, size);
        }
        if (contentRange is not null)
        {
            var (start, stop) = ParseContentRange(contentRange) ?? throw new ApiException(416, "Invalid Content-Range header.");
            if (stop > size)
                throw new ApiException(416, $"Invalid stop position in Content-Range header. The stop position MUST be in the inclusive range [0, {size - 1}].");
            return new ByteRange(start, stop - start, size);
        }
        return null;
    }

    /// <summary>webob Range.parse: start and exclusive end; a suffix range has a negative start and no end.</summary>
    private static (long Start, long? End)? ParseRange(string header)
    {
        var value = header.Trim();
        if (!value.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase)) return null;
        value = value[6..].Trim();
        var dash = value.IndexOf('-');
        if (dash < 0) return null;
        var first = value[..dash].Trim();
        var second = value[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            if (!long.TryParse(second, System.Globalization.NumberStyles.None, null, out var suffix) || suffix == 0) return null;
            return (-suffix, null);
        }
        if (!long.TryParse(first, System.Globalization.NumberStyles.None, null, out var start)) return null;
        if (second.Length == 0) return (start, null);
        if (!long.TryParse(second, System.Globalization.NumberStyles.None, null, out var last) || last < start) return null;
        return (start, last + 1);
    }

    /// <summary>webob ContentRange.parse: "bytes a-b/len" with an exclusive stop of b+1.</summary>
    private static (long Start, long Stop)? ParseContentRange(string header)
    {
        var value = header.Trim();
        if (!value.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase)) return null;
        var parts = value[6..].Split('/', 2);
        if (parts.Length != 2) return null;
        var span = parts[0].Split('-', 2);
        if (span.Length != 2 || !long.TryParse(span[0], out var start) || !long.TryParse(span[1], out var last) || last < start) return null;
        if (parts[1] != "*" && (!long.TryParse(parts[1], out var length) || last >= length)) return null;
        return (start, last + 1);
    }
}
