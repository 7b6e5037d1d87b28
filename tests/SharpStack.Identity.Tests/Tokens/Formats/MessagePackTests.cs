using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using SharpStack.Identity.Tokens.Formats;

namespace SharpStack.Identity.Tests.Tokens.Formats;

public class MessagePackTests
{
    public static TheoryData<int> VectorIndexes()
    {
        var data = new TheoryData<int>();
        int n = TestFiles.Json("msgpack-vectors.json").GetProperty("vectors").GetArrayLength();
        for (int i = 0; i < n; i++)
            data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Packs_and_unpacks_like_python_msgpack(int index)
    {
        var v = TestFiles.Json("msgpack-vectors.json").GetProperty("vectors")[index];
        object? value = Build(v.GetProperty("value"));

        byte[] ours = MessagePackSerializer.Serialize(value);

        if (v.TryGetProperty("hex", out var hex))
        {
            Assert.Equal(hex.GetString(), Convert.ToHexStringLower(ours));
        }
        else
        {
            Assert.Equal(v.GetProperty("length").GetInt32(), ours.Length);
            Assert.StartsWith(v.GetProperty("hex_prefix").GetString()!, Convert.ToHexStringLower(ours));
            Assert.Equal(v.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(ours)));
        }
        AssertDeepEqual(value, MessagePackSerializer.Deserialize(ours));
    }

    [Theory]
    [InlineData("")] // nothing
    [InlineData("c1")] // never used
    [InlineData("d401")] // fixext: unsupported
    [InlineData("c70100")] // ext8: unsupported
    [InlineData("a3616263ff")] // trailing byte
    [InlineData("a461")] // short str
    [InlineData("c4ff00")] // short bin8
    [InlineData("dbffffffff")] // str32 longer than the data
    [InlineData("ddffffffff")] // array32 count larger than the data
    [InlineData("dfffffffff")] // map32 count larger than the data
    [InlineData("92c3")] // array missing an element
    [InlineData("cd00")] // truncated uint16
    [InlineData("a2c328")] // invalid UTF-8
    public void Malformed_input_throws_MessagePackException(string hex)
    {
        Assert.Throws<MessagePackException>(() => MessagePackSerializer.Deserialize(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        byte[] nested = Enumerable.Repeat((byte)0x91, 200).Append((byte)0xc0).ToArray();
        Assert.Throws<MessagePackException>(() => MessagePackSerializer.Deserialize(nested));
    }

    [Fact]
    public void Typed_reader_checks_types_and_accepts_legacy_raw_strings()
    {
        var reader = new MessagePackReader(Convert.FromHexString("a5686f757273c40201020a"));
        Assert.Equal(MessagePackType.String, reader.PeekType());
        Assert.Equal("hours"u8.ToArray(), reader.ReadRaw(out bool isBinary).ToArray());
        Assert.False(isBinary);
        Assert.Equal(new byte[] { 1, 2 }, reader.ReadBinary());
        Assert.Equal(10.0, reader.ReadDouble());
        Assert.True(reader.End);

        var mismatch = new MessagePackReader(Convert.FromHexString("c3"));
        try
        {
            mismatch.ReadInt64();
            Assert.Fail("expected a type mismatch");
        }
        catch (MessagePackException)
        {
        }
    }

    private static object? Build(JsonElement v)
    {
        string type = v.GetProperty("t").GetString()!;
        int repeat = v.TryGetProperty("repeat", out var r) ? r.GetInt32() : 1;
        switch (type)
        {
            case "nil": return null;
            case "bool": return v.GetProperty("v").GetBoolean();
            case "int":
                var big = BigInteger.Parse(v.GetProperty("v").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                return big <= long.MaxValue ? (object)(long)big : (ulong)big;
            case "float64": return BinaryPrimitives.ReadDoubleBigEndian(Convert.FromHexString(v.GetProperty("v").GetString()!));
            case "float32": return BinaryPrimitives.ReadSingleBigEndian(Convert.FromHexString(v.GetProperty("v").GetString()!));
            case "str": return string.Concat(Enumerable.Repeat(v.GetProperty("v").GetString(), repeat));
            case "bin":
                byte[] unit = Convert.FromHexString(v.GetProperty("v").GetString()!);
                return Enumerable.Range(0, repeat).SelectMany(_ => unit).ToArray();
            case "array": return v.GetProperty("v").EnumerateArray().Select(Build).ToArray();
            case "array-range": return Enumerable.Range(0, v.GetProperty("n").GetInt32()).Select(i => (object?)(long)i).ToArray();
            case "map":
                return v.GetProperty("v").EnumerateArray()
                    .Select(pair => new KeyValuePair<object?, object?>(Build(pair[0]), Build(pair[1]))).ToArray();
            default: throw new InvalidOperationException(type);
        }
    }

    private static void AssertDeepEqual(object? expected, object? actual)
    {
        switch (expected)
        {
            case double d:
                Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits(Assert.IsType<double>(actual)));
                break;
            case byte[] bytes:
                Assert.Equal(bytes, Assert.IsType<byte[]>(actual));
                break;
            case KeyValuePair<object?, object?>[] map:
                var actualMap = Assert.IsType<KeyValuePair<object?, object?>[]>(actual);
                Assert.Equal(map.Length, actualMap.Length);
                for (int i = 0; i < map.Length; i++)
                {
                    AssertDeepEqual(map[i].Key, actualMap[i].Key);
                    AssertDeepEqual(map[i].Value, actualMap[i].Value);
                }
                break;
            case object?[] array:
                var actualArray = Assert.IsType<object?[]>(actual);
                Assert.Equal(array.Length, actualArray.Length);
                for (int i = 0; i < array.Length; i++)
                    AssertDeepEqual(array[i], actualArray[i]);
                break;
            default:
                Assert.Equal(expected, actual);
                break;
        }
    }
}
