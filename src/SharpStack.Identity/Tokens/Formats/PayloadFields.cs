using System.Buffers.Text;

namespace SharpStack.Identity.Tokens.Formats;

/// <summary>Keystone's field encodings inside a payload: ids, audit ids and timestamps.</summary>
internal static class PayloadFields
{
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>
    /// Ids are packed as (true, 16 uuid bytes) when they are UUID hex, else (false, str). Keystone
    /// also compresses upper-case or dashed UUID spellings, which then decode to a different string;
    /// we compress only the canonical 32 lower-case hex form, so every id round-trips unchanged.
    /// Keystone-generated ids are always canonical, so packing is identical for them.
    /// </summary>
    public static void WriteId(MessagePackWriter writer, string? id)
    {
        writer.WriteArrayHeader(2);
        Span<byte> uuid = stackalloc byte[16];
        if (TryCompressUuid(id, uuid))
        {
            writer.WriteBoolean(true);
            writer.WriteBinary(uuid);
        }
        else
        {
            writer.WriteBoolean(false);
            if (id is null)
                writer.WriteNil();
            else
                writer.WriteString(id);
        }
    }

    public static string ReadId(ref MessagePackReader reader) =>
        ReadOptionalId(ref reader) ?? throw new MessagePackException("A required id is missing.");

    /// <summary>A nullable id in the (bool, value) form, for fields Keystone may pack as (false, None).</summary>
    public static string? ReadOptionalId(ref MessagePackReader reader)
    {
        if (reader.ReadArrayHeader() != 2)
            throw new MessagePackException("An id must be a (bool, value) pair.");
        bool isUuid = reader.ReadBoolean();
        if (!isUuid && reader.TryReadNil())
            return null;
        var raw = reader.ReadRaw(out _);
        if (isUuid)
            return raw.Length == 16 ? Convert.ToHexStringLower(raw) : throw new MessagePackException("A packed UUID must be 16 bytes.");
        return MessagePackReader.DecodeUtf8(raw);
    }

    public static bool TryCompressUuid(string? id, Span<byte> destination)
    {
        if (id is null || id.Length != 32)
            return false;
        foreach (char c in id)
        {
            if (!char.IsAsciiHexDigitLower(c))
                return false;
        }
        return Convert.FromHexString(id, destination, out _, out int written) == System.Buffers.OperationStatus.Done && written == 16;
    }

    /// <summary>Text or binary raw value as UTF-8 text (pre-1.0 msgpack payloads used str for everything).</summary>
    public static string? ReadOptionalText(ref MessagePackReader reader) =>
        reader.TryReadNil() ? null : MessagePackReader.DecodeUtf8(reader.ReadRaw(out _));

    public static void WriteOptionalText(MessagePackWriter writer, string? value)
    {
        if (value is null)
            writer.WriteNil();
        else
            writer.WriteString(value);
    }

    /// <summary>Audit ids travel as the 16 raw bytes behind their unpadded URL-safe base64 text.</summary>
    public static void WriteAuditIds(MessagePackWriter writer, IReadOnlyList<string> auditIds)
    {
        writer.WriteArrayHeader(auditIds.Count);
        Span<byte> buffer = stackalloc byte[64];
        foreach (string auditId in auditIds)
        {
            if (auditId is null || auditId.Length > 80 || !Fernet.UrlSafeBase64.TryDecode(auditId, buffer, out int written))
                throw new ArgumentException($"Audit id '{auditId}' is not URL-safe base64.", nameof(auditIds));
            writer.WriteBinary(buffer[..written]);
        }
    }

    public static IReadOnlyList<string> ReadAuditIds(ref MessagePackReader reader)
    {
        int count = reader.ReadArrayHeader();
        var ids = new string[count];
        for (int i = 0; i < count; i++)
            ids[i] = Base64Url.EncodeToString(reader.ReadRaw(out _));
        return ids;
    }

    /// <summary>Expiry is packed as float seconds since the epoch, from a microsecond-precision time.</summary>
    public static double ToUnixSeconds(DateTimeOffset time)
    {
        long micros = Math.DivRem(time.UtcTicks - UnixEpochTicks, TimeSpan.TicksPerMicrosecond, out long rest);
        if (rest < 0)
            micros--;
        // Exact integer divided by 1e6: the same correctly rounded double as Python's total_seconds().
        return micros / 1e6;
    }

    /// <summary>Python's datetime.utcfromtimestamp: split off whole seconds, round the rest half-even to microseconds.</summary>
    public static DateTimeOffset FromUnixSeconds(double seconds)
    {
        if (double.IsNaN(seconds) || double.IsInfinity(seconds))
            throw new MessagePackException("Expiry is not a finite number.");
        double whole = Math.Truncate(seconds);
        double micros = Math.Round((seconds - whole) * 1e6, MidpointRounding.ToEven);
        if (micros >= 1e6)
        {
            whole += 1;
            micros -= 1e6;
        }
        else if (micros < 0)
        {
            whole -= 1;
            micros += 1e6;
        }
        const double MinSeconds = -62135596800; // 0001-01-01
        const double MaxSeconds = 253402300799; // 9999-12-31T23:59:59
        if (whole < MinSeconds || whole > MaxSeconds)
            throw new MessagePackException("Expiry is out of range.");
        return DateTimeOffset.UnixEpoch.AddTicks(((long)whole * TimeSpan.TicksPerSecond) + ((long)micros * TimeSpan.TicksPerMicrosecond));
    }
}
