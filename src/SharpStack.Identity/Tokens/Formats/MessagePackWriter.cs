using System.Buffers.Binary;
using System.Text;

namespace SharpStack.Identity.Tokens.Formats;

/// <summary>
/// Minimal MessagePack encoder that picks the same (smallest) formats as python msgpack 1.0 with
/// use_bin_type=True, so payloads are byte-identical to Keystone's.
/// </summary>
public sealed class MessagePackWriter
{
    private byte[] _buffer;
    private int _length;

    public MessagePackWriter(int initialCapacity = 128) => _buffer = new byte[Math.Max(16, initialCapacity)];

    /// <summary>Bytes written so far (valid until the next write).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets everything written, keeping the buffer.</summary>
    public void Reset() => _length = 0;

    public void WriteNil() => WriteByte(0xc0);

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)0xc3 : (byte)0xc2);

    public void WriteInteger(long value)
    {
        if (value >= 0)
        {
            WriteInteger((ulong)value);
        }
        else if (value >= -32)
        {
            WriteByte((byte)(sbyte)value);
        }
        else if (value >= sbyte.MinValue)
        {
            var s = Reserve(2);
            s[0] = 0xd0;
            s[1] = (byte)(sbyte)value;
        }
        else if (value >= short.MinValue)
        {
            var s = Reserve(3);
            s[0] = 0xd1;
            BinaryPrimitives.WriteInt16BigEndian(s[1..], (short)value);
        }
        else if (value >= int.MinValue)
        {
            var s = Reserve(5);
            s[0] = 0xd2;
            BinaryPrimitives.WriteInt32BigEndian(s[1..], (int)value);
        }
        else
        {
            var s = Reserve(9);
            s[0] = 0xd3;
            BinaryPrimitives.WriteInt64BigEndian(s[1..], value);
        }
    }

    public void WriteInteger(ulong value)
    {
        if (value < 0x80)
        {
            WriteByte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            var s = Reserve(2);
            s[0] = 0xcc;
            s[1] = (byte)value;
        }
        else if (value <= ushort.MaxValue)
        {
            var s = Reserve(3);
            s[0] = 0xcd;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            var s = Reserve(5);
            s[0] = 0xce;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)value);
        }
        else
        {
            var s = Reserve(9);
            s[0] = 0xcf;
            BinaryPrimitives.WriteUInt64BigEndian(s[1..], value);
        }
    }

    public void WriteSingle(float value)
    {
        var s = Reserve(5);
        s[0] = 0xca;
        BinaryPrimitives.WriteSingleBigEndian(s[1..], value);
    }

    /// <summary>Python floats are always packed as float64.</summary>
    public void WriteDouble(double value)
    {
        var s = Reserve(9);
        s[0] = 0xcb;
        BinaryPrimitives.WriteDoubleBigEndian(s[1..], value);
    }

    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteLengthHeader(byteCount, fixBase: 0xa0, fixLimit: 32, f8: 0xd9, f16: 0xda, f32: 0xdb);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteLengthHeader(value.Length, fixBase: 0, fixLimit: 0, f8: 0xc4, f16: 0xc5, f32: 0xc6);
        value.CopyTo(Reserve(value.Length));
    }

    public void WriteArrayHeader(int count) =>
        WriteLengthHeader(count, fixBase: 0x90, fixLimit: 16, f8: 0, f16: 0xdc, f32: 0xdd);

    public void WriteMapHeader(int count) =>
        WriteLengthHeader(count, fixBase: 0x80, fixLimit: 16, f8: 0, f16: 0xde, f32: 0xdf);

    // f8 == 0 means the family has no 8-bit length form (arrays and maps).
    private void WriteLengthHeader(int length, byte fixBase, int fixLimit, byte f8, byte f16, byte f32)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length < fixLimit)
        {
            WriteByte((byte)(fixBase | length));
        }
        else if (f8 != 0 && length <= byte.MaxValue)
        {
            var s = Reserve(2);
            s[0] = f8;
            s[1] = (byte)length;
        }
        else if (length <= ushort.MaxValue)
        {
            var s = Reserve(3);
            s[0] = f16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)length);
        }
        else
        {
            var s = Reserve(5);
            s[0] = f32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)length);
        }
    }

    private void WriteByte(byte value) => Reserve(1)[0] = value;

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
