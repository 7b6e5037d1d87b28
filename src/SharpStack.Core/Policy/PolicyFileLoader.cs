using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SharpStack.Core.Policy;

/// <summary>A policy file (or an in-memory override set) that could not be used.</summary>
public sealed class PolicyFileException : Exception
{
    public PolicyFileException(string fileName, IReadOnlyList<PolicyParseException> errors)
        : base(BuildMessage(fileName, errors))
    {
        FileName = fileName;
        Errors = errors;
    }

    public PolicyFileException(string fileName, int? line, string message)
        : base(line is null ? $"{fileName}: {message}" : $"{fileName}:{line}: {message}")
    {
        FileName = fileName;
        Line = line;
        Errors = [];
    }

    public string FileName { get; }

    /// <summary>Line of a document-level problem (bad YAML/JSON, value of the wrong type).</summary>
    public int? Line { get; }

    /// <summary>Syntax errors in individual check strings, each naming the rule and the column.</summary>
    public IReadOnlyList<PolicyParseException> Errors { get; }

    private static string BuildMessage(string fileName, IReadOnlyList<PolicyParseException> errors)
    {
        var sb = new StringBuilder();
        sb.Append(fileName).Append(": ").Append(errors.Count).Append(errors.Count == 1 ? " invalid rule" : " invalid rules");
        foreach (var e in errors)
        {
            sb.Append(Environment.NewLine).Append("  ").Append(e.Message);
        }
        return sb.ToString();
    }
}

/// <summary>One <c>"name": value</c> entry of a policy file before its check string is parsed.</summary>
/// <param name="Value">A string, a list (legacy list-of-lists form), or null (oslo treats null as "always").</param>
internal sealed record PolicyFileEntry(string Name, object? Value, int? Line);

/// <summary>
/// Reads oslo-format policy files: a JSON object or a YAML mapping of rule name to check string.
/// Like oslo.policy, JSON is tried first and YAML second; duplicate names keep the last value.
/// </summary>
internal static partial class PolicyFileLoader
{
    public static List<PolicyFileEntry> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PolicyFileException(path, null, "cannot read the policy file: " + ex.Message);
        }
        return ParseText(text, path);
    }

    public static List<PolicyFileEntry> ParseText(string text, string fileName)
    {
        if (TryParseJson(text, fileName, out var entries))
        {
            return entries;
        }
        return ParseYaml(text, fileName);
    }

    private static bool TryParseJson(string text, string fileName, out List<PolicyFileEntry> entries)
    {
        entries = [];
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = LineStarts(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read())
            {
                return false;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                // Valid JSON but not an object is an error either way; let YAML report it.
                return false;
            }
            var parsed = new List<PolicyFileEntry>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString()!;
                var line = LineOf(lineStarts, reader.TokenStartIndex);
                reader.Read();
                object? value = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Null => null,
                    JsonTokenType.StartArray => ReadJsonArray(ref reader, fileName, line),
                    _ => throw new PolicyFileException(fileName, line, $"the value of \"{name}\" must be a string"),
                };
                parsed.Add(new PolicyFileEntry(name, value, line));
            }
            if (reader.Read())
            {
                return false;
            }
            entries = parsed;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static List<object?> ReadJsonArray(ref Utf8JsonReader reader, string fileName, int line)
    {
        var list = new List<object?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.StartArray => ReadJsonArray(ref reader, fileName, line),
                _ => throw new PolicyFileException(fileName, line, "list rules may only contain strings and lists of strings"),
            });
        }
        return list;
    }

    private static int[] LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n') starts.Add(i + 1);
        }
        return [.. starts];
    }

    private static int LineOf(int[] lineStarts, long offset)
    {
        var idx = Array.BinarySearch(lineStarts, (int)offset);
        return (idx >= 0 ? idx : ~idx - 1) + 1;
    }

    private static List<PolicyFileEntry> ParseYaml(string text, string fileName)
    {
        var entries = new List<PolicyFileEntry>();
        var anchors = new Dictionary<string, object?>(StringComparer.Ordinal);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return entries; // empty file: no overrides
            }
            parser.Consume<DocumentStart>();
            if (parser.Accept<Scalar>(out var onlyScalar) && IsNull(onlyScalar))
            {
                parser.Consume<Scalar>(); // a document holding only comments/null
            }
            else
            {
                if (!parser.TryConsume<MappingStart>(out _))
                {
                    var start = parser.Current?.Start.Line;
                    throw new PolicyFileException(fileName, (int?)start, "a policy file must be a mapping of rule names to check strings");
                }
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Consume<Scalar>();
                    var line = (int)keyEvent.Start.Line;
                    var name = keyEvent.Value;
                    var value = ReadYamlValue(parser, fileName, name, line, anchors);
                    entries.Add(new PolicyFileEntry(name, value, line));
                }
            }
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
            {
                throw new PolicyFileException(fileName, (int?)parser.Current?.Start.Line, "a policy file must contain a single YAML document");
            }
        }
        catch (YamlException ex)
        {
            var line = ex.Start.Line > 0 ? (int?)ex.Start.Line : null;
            throw new PolicyFileException(fileName, line, "not valid YAML or JSON: " + ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or InvalidCastException)
        {
            // YamlDotNet occasionally reports malformed input through other exception types.
            throw new PolicyFileException(fileName, null, "not valid YAML or JSON: " + ex.Message);
        }
        return entries;
    }

    private static object? ReadYamlValue(IParser parser, string fileName, string name, int line, Dictionary<string, object?> anchors)
    {
        object? value;
        string? anchor = null;
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!anchors.TryGetValue(alias.Value.Value, out value))
            {
                throw new PolicyFileException(fileName, line, $"unknown alias *{alias.Value.Value}");
            }
            return value;
        }
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
            if (scalar.Style == ScalarStyle.Plain && !scalar.Tag.IsEmpty && scalar.Tag.Value == "!" && scalar.Value.Length == 0)
            {
                // PyYAML turns a bare '!' tag into null, which oslo would read as "always allow".
                throw new PolicyFileException(fileName, line, $"the value of \"{name}\" is an unquoted '!' (a YAML tag); write \"!\" in quotes");
            }
            if (IsNull(scalar))
            {
                value = null;
            }
            else if (scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty && NonStringPlainScalar().IsMatch(scalar.Value))
            {
                throw new PolicyFileException(fileName, line, $"the value of \"{name}\" must be a string, not '{scalar.Value}'");
            }
            else
            {
                value = scalar.Value;
            }
        }
        else if (parser.TryConsume<SequenceStart>(out var seq))
        {
            anchor = seq.Anchor.IsEmpty ? null : seq.Anchor.Value;
            var list = new List<object?>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                var item = ReadYamlValue(parser, fileName, name, line, anchors);
                if (item is not (string or List<object?>))
                {
                    throw new PolicyFileException(fileName, line, "list rules may only contain strings and lists of strings");
                }
                list.Add(item);
            }
            value = list;
        }
        else
        {
            throw new PolicyFileException(fileName, line, $"the value of \"{name}\" must be a string");
        }
        if (anchor is not null)
        {
            anchors[anchor] = value;
        }
        return value;
    }

    private static bool IsNull(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain
        && (scalar.Tag.IsEmpty || scalar.Tag.Value == "tag:yaml.org,2002:null")
        && scalar.IsPlainImplicit
        && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    // YAML 1.1 (PyYAML) implicit booleans, ints, floats and timestamps: not strings.
    [GeneratedRegex(@"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
        + @"|[-+]?(?:0b[0-1_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)"
        + @"|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"
        + @"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
        + @"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$")]
    private static partial Regex NonStringPlainScalar();
}
