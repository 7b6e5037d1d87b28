using System.Collections;

namespace SharpStack.Identity.Tokens.Formats;

/// <summary>
/// Object-level MessagePack: nil, bool, integers, float32/64, str, bin, arrays and maps to and from
/// plain .NET values. Decoding yields null, bool, long (ulong above Int64.MaxValue), float, double,
/// string, byte[], object?[] and KeyValuePair&lt;object?, object?&gt;[] (maps keep their order).
/// </summary>
public static class MessagePackSerializer
{
    public static byte[] Serialize(object? value)
    {
        var writer = new MessagePackWriter();
        Write(writer, value, 64);
        return writer.ToArray();
    }

    /// <summary>Decodes exactly one value; trailing bytes are an error.</summary>
    public static object? Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = new MessagePackReader(data);
        var value = reader.ReadObject();
        return reader.End ? value : throw new MessagePackException("Trailing bytes after MessagePack value.");
    }

    private static void Write(MessagePackWriter writer, object? value, int depth)
    {
        if (depth < 0)
            throw new ArgumentException("Value is nested too deeply.", nameof(value));
        switch (value)
        {
            case null: writer.WriteNil(); break;
            case bool b: writer.WriteBoolean(b); break;
            case sbyte or short or int or long: writer.WriteInteger(Convert.ToInt64(value, null)); break;
            case byte or ushort or uint or ulong: writer.WriteInteger(Convert.ToUInt64(value, null)); break;
            case float f: writer.WriteSingle(f); break;
            case double d: writer.WriteDouble(d); break;
            case string s: writer.WriteString(s); break;
            case byte[] bytes: writer.WriteBinary(bytes); break;
            case ReadOnlyMemory<byte> memory: writer.WriteBinary(memory.Span); break;
            case IEnumerable<KeyValuePair<object?, object?>> map:
            {
                var entries = map as ICollection<KeyValuePair<object?, object?>> ?? [.. map];
                writer.WriteMapHeader(entries.Count);
                foreach (var (k, v) in entries)
                {
                    Write(writer, k, depth - 1);
                    Write(writer, v, depth - 1);
                }
                break;
            }
            case IDictionary dictionary:
                writer.WriteMapHeader(dictionary.Count);
                foreach (DictionaryEntry entry in dictionary)
                {
                    Write(writer, entry.Key, depth - 1);
                    Write(writer, entry.Value, depth - 1);
                }
                break;
            case ICollection list:
                writer.WriteArrayHeader(list.Count);
                foreach (var item in list)
                    Write(writer, item, depth - 1);
                break;
            default:
                throw new ArgumentException($"Cannot pack a {value.GetType()} as MessagePack.", nameof(value));
        }
    }
}
