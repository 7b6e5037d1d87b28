using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace SharpStack.Core.Validation;

/// <summary>
/// Python `re` patterns run on .NET (see <see cref="PyRegexTranslator"/>). Compiled regexes are cached by source:
/// schemas share them and never recompile per call.
/// </summary>
internal static class PyRegex
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>The cached .NET regex for a python pattern; throws ArgumentException when it is invalid or unsupported.</summary>
    public static Regex Get(string pattern) => Cache.GetOrAdd(pattern, Compile);

    public static Regex Compile(string pattern) => new(Translate(pattern), RegexOptions.CultureInvariant);

    /// <summary>re.search(pattern, text) is not None.</summary>
    public static bool Search(string pattern, string text) => Get(pattern).IsMatch(text);

    public static bool IsValid(string pattern)
    {
        try
        {
            Compile(pattern);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>str.isspace / python's \s for str patterns.</summary>
    public static bool IsPySpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or '\x1c' or '\x1d' or '\x1e' or '\x1f' or ' ' or '\x85' or '\xa0'
            or '\u1680' or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' => true,
        _ => c >= '\u2000' && c <= '\u200a',
    };

    public static string Translate(string pattern) => new PyRegexTranslator(pattern).Run();
}
