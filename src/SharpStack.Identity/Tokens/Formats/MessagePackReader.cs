using System.Buffers.Binary;
using System.Text;

namespace SharpStack.Identity.Tokens.Formats;

/// <summary>
/// Minimal forward-only MessagePack decoder over a span. Every read is bounds-checked and throws
/// <see cref="MessagePackException"/> on malformed input or a type mismatch.
/// </summary>
public ref struct MessagePackReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public MessagePackReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Consumed => _position;

    /// <summary>True when all input has been read.</summary>
    public readonly bool End => _position >= _data.Length;

    public readonly MessagePackType PeekType()
    {
        if (End)
            throw new MessagePackException("Unexpected end of MessagePack data.");
        byte b = _data[_position];
        return b switch
        {
            <= 0x7f or >= 0xe0 => MessagePackType.Integer,
            <= 0x8f => MessagePackType.Map,
            <= 0x9f => MessagePackType.Array,
            <= 0xbf => MessagePackType.String,
            0xc0 => MessagePackType.Nil,
            0xc1 => MessagePackType.Invalid,
            0xc2 or 0xc3 => MessagePackType.Boolean,
            >= 0xc4 and <= 0xc6 => MessagePackType.Binary,
            >= 0xc7 and <= 0xc9 => MessagePackType.Extension,
            0xca or 0xcb => MessagePackType.Float,
            >= 0xcc and <= 0xd3 => MessagePackType.Integer,
            >= 0xd4 and <= 0xd8 => MessagePackType.Extension,
            >= 0xd9 and <= 0xdb => MessagePackType.String,
            0xdc or 0xdd => MessagePackType.Array,
            _ => MessagePackType.Map,
        };
    }

    /// <summary>Consumes a nil if one is next.</summary>
    public bool TryReadNil()
    {
        if (!End && _data[_position] == 0xc0)
        {
            _position++;
            return true;
        }
        return false;
    }

    public bool ReadBoolean() => ReadByte() switch
    {
        0xc2 => false,
        0xc3 => true,
        var b => throw Mismatch("boolean", b),
    };

    /// <summary>Reads any integer format whose value fits a signed 64-bit integer.</summary>
    public long ReadInt64()
    {
        byte b = ReadByte();
        switch (b)
        {
            case <= 0x7f: return b;
            case >= 0xe0: return (sbyte)b;
            case 0xcc: return ReadBytes(1)[0];
            case 0xcd: return BinaryPrimitives.ReadUInt16BigEndian(ReadBytes(2));
            case 0xce: return BinaryPrimitives.ReadUInt32BigEndian(ReadBytes(4));
            case 0xcf:
                ulong u = BinaryPrimitives.ReadUInt64BigEndian(ReadBytes(8));
                return u <= long.MaxValue ? (long)u : throw new MessagePackException("Integer does not fit in Int64.");
            case 0xd0: return (sbyte)ReadBytes(1)[0];
            case 0xd1: return BinaryPrimitives.ReadInt16BigEndian(ReadBytes(2));
            case 0xd2: return BinaryPrimitives.ReadInt32BigEndian(ReadBytes(4));
            case 0xd3: return BinaryPrimitives.ReadInt64BigEndian(ReadBytes(8));
            default: throw Mismatch("integer", b);
        }
    }

    /// <summary>Reads any integer format whose value is non-negative.</summary>
    public ulong ReadUInt64()
    {
        if (!End && _data[_position] == 0xcf)
        {
            _position++;
            return BinaryPrimitives.ReadUInt64BigEndian(ReadBytes(8));
        }
        long value = ReadInt64();
        return value >= 0 ? (ulong)value : throw new MessagePackException("Expected a non-negative integer.");
    }

    /// <summary>Reads a float32/float64, or an integer widened to double (Python accepts both as timestamps).</summary>
    public double ReadDouble()
    {
        byte b = _data.Length > _position ? _data[_position] : throw new MessagePackException("Unexpected end of MessagePack data.");
        switch (b)
        {
            case 0xca:
                _position++;
                return BinaryPrimitives.ReadSingleBigEndian(ReadBytes(4));
            case 0xcb:
                _position++;
                return BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8));
            case 0xcf:
                return ReadUInt64();
            default:
                return PeekType() == MessagePackType.Integer ? ReadInt64() : throw Mismatch("float", b);
        }
    }

    public string ReadString()
    {
        var bytes = ReadRaw(out bool isBinary);
        if (isBinary)
            throw new MessagePackException("Expected a string, found binary.");
        return DecodeUtf8(bytes);
    }

    public byte[] ReadBinary()
    {
        var bytes = ReadRaw(out bool isBinary);
        return isBinary ? bytes.ToArray() : throw new MessagePackException("Expected binary, found a string.");
    }

    /// <summary>
    /// Reads a str or bin value and returns its raw bytes. Old (pre-1.0 msgpack) Keystone payloads
    /// stored binary ids in the str family, so readers of tokens must accept either.
    /// </summary>
    public ReadOnlySpan<byte> ReadRaw(out bool isBinary)
    {
        byte b = ReadByte();
        int length;
        isBinary = b is >= 0xc4 and <= 0xc6;
        switch (b)
        {
            case >= 0xa0 and <= 0xbf: length = b & 0x1f; break;
            case 0xd9 or 0xc4: length = ReadBytes(1)[0]; break;
            case 0xda or 0xc5: length = BinaryPrimitives.ReadUInt16BigEndian(ReadBytes(2)); break;
            case 0xdb or 0xc6: length = CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(ReadBytes(4))); break;
            default: throw Mismatch("string or binary", b);
        }
        return ReadBytes(length);
    }

    public int ReadArrayHeader()
    {
        byte b = ReadByte();
        int count = b switch
        {
            >= 0x90 and <= 0x9f => b & 0x0f,
            0xdc => BinaryPrimitives.ReadUInt16BigEndian(ReadBytes(2)),
            0xdd => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(ReadBytes(4))),
            _ => throw Mismatch("array", b),
        };
        // Each element takes at least one byte: reject counts the input cannot possibly hold.
        return count <= _data.Length - _position ? count : throw new MessagePackException("Array length exceeds the data.");
    }

    public int ReadMapHeader()
    {
        byte b = ReadByte();
        int count = b switch
        {
            >= 0x80 and <= 0x8f => b & 0x0f,
            0xde => BinaryPrimitives.ReadUInt16BigEndian(ReadBytes(2)),
            0xdf => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(ReadBytes(4))),
            _ => throw Mismatch("map", b),
        };
        return count <= (_data.Length - _position) / 2 ? count : throw new MessagePackException("Map length exceeds the data.");
    }

    /// <summary>Reads the next value into plain .NET objects (see <see cref="MessagePackSerializer"/>).</summary>
    public object? ReadObject(int maxDepth = 64)
    {
        if (maxDepth < 0)
            throw new MessagePackException("MessagePack data is nested too deeply.");
        switch (PeekType())
        {
            case MessagePackType.Nil:
                _position++;
                return null;
            case MessagePackType.Boolean:
                return ReadBoolean();
            case MessagePackType.Integer:
                return _data[_position] == 0xcf ? ReadUnsignedObject() : ReadInt64();
            case MessagePackType.Float:
                return _data[_position] == 0xca ? (object)(float)ReadDouble() : ReadDouble();
            case MessagePackType.String:
                return ReadString();
            case MessagePackType.Binary:
                return ReadBinary();
            case MessagePackType.Array:
            {
                var items = new object?[ReadArrayHeader()];
                for (int i = 0; i < items.Length; i++)
                    items[i] = ReadObject(maxDepth - 1);
                return items;
            }
            case MessagePackType.Map:
            {
                var entries = new KeyValuePair<object?, object?>[ReadMapHeader()];
                for (int i = 0; i < entries.Length; i++)
                {
                    var key = ReadObject(maxDepth - 1);
                    entries[i] = new(key, ReadObject(maxDepth - 1));
                }
                return entries;
            }
            default:
                throw Mismatch("supported type", _data[_position]);
        }
    }

    /// <summary>Skips the next value, whatever it is.</summary>
    public void Skip() => ReadObject();

    private object ReadUnsignedObject()
    {
        ulong value = ReadUInt64();
        return value <= long.MaxValue ? (long)value : value;
    }

    private byte ReadByte()
    {
        if (_position >= _data.Length)
            throw new MessagePackException("Unexpected end of MessagePack data.");
        return _data[_position++];
    }

    private ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count > _data.Length - _position)
            throw new MessagePackException("Unexpected end of MessagePack data.");
        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    private static int CheckedLength(uint length) =>
        length <= int.MaxValue ? (int)length : throw new MessagePackException("Length too large.");

    internal static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new MessagePackException("String is not valid UTF-8.");
        }
    }

    private static MessagePackException Mismatch(string expected, byte found) =>
        new($"Expected {expected}, found MessagePack byte 0x{found:x2}.");
}
