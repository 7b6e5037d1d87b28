using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SharpStack.Core.Validation;

namespace SharpStack.Compute.Api.Http;

/// <summary>Nova's schema validator: Draft 4, numeric bounds on strings, and the formats nova registers (names of
/// printable characters, keypair names, uuid-like ids).</summary>
public static class ComputeSchemas
{
    private const string NameReason = "printable characters. Can not start or end with whitespace.";
    private const string KeypairChars20 = "_- 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string KeypairChars292 = "@._- 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public static JsonSchemaOptions Options { get; } = JsonSchemaOptions.Nova with
    {
        Formats = FormatChecker.Default
            .With("uuid", FormatChecker.IsUuidLike)
            .With("name", n => n is not JsonValue v || !v.TryGetValue<string>(out var s) || IsName(s))
            .With("keypair_name_20", n => KeypairNameOk(n, KeypairChars20))
            .With("keypair_name_292", n => KeypairNameOk(n, KeypairChars292)),
    };

    public static JsonSchema Parse(string json) => JsonSchema.Parse(json, Options);

    /// <summary>The reason of nova's InvalidName when the error is a failed name format, else null.</summary>
    public static string? InvalidNameReason(ValidationError error)
    {
        if (error.Keyword != "format" || error.KeywordValue is not JsonValue format || !format.TryGetValue<string>(out var name)) return null;
        return name switch
        {
            "name" => NameReason,
            "keypair_name_20" => $"Only expected characters: [{KeypairChars20}]",
            "keypair_name_292" => $"Only expected characters: [{KeypairChars292}]",
            _ => null,
        };
    }

    /// <summary>nova's valid_name_regex '^(?![ws-or-unprintable])[printable]*(?&lt;![ws-or-unprintable])$' over the
    /// BMP, where python's '$' also matches before one final newline.</summary>
    public static bool IsName(string s)
    {
        if (s.EndsWith('\n') && s.Length > 1) s = s[..^1];
        if (s.Length == 0) return true;
        foreach (var c in s)
            if (char.IsSurrogate(c) || c == '\uFFFF' || !Printable(c)) return false;
        return !EdgeForbidden(s[0]) && !EdgeForbidden(s[^1]);
    }

    /// <summary>Python's notion behind nova's _is_printable: no control/format/unassigned/private/surrogate
    /// characters, and of the separators only Zs.</summary>
    private static bool Printable(char c)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse
                or UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }

    private static bool EdgeForbidden(char c) => !Printable(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator;

    private static bool KeypairNameOk(JsonNode? node, string safe)
    {
        if (node is not JsonValue v || !v.TryGetValue<string>(out var s)) return true;
        foreach (var c in s)
            if (!safe.Contains(c)) return false;
        return true;
    }
}
