namespace SharpStack.Placement.Traits;

/// <summary>SQL LIKE prefix matching as upstream's "name LIKE prefix || '%'" behaves on its databases (SQLite, MySQL):
/// '_' matches any one character, '%' any run, and ASCII letters match regardless of case. Done in memory so that
/// PostgreSQL (case-sensitive LIKE) answers the same.</summary>
public static class LikePattern
{
    /// <summary>Whether <paramref name="value"/> matches the LIKE pattern <paramref name="prefix"/> followed by '%'.</summary>
    public static bool MatchesPrefix(string value, string prefix) => Matches(value, prefix + "%");

    /// <summary>Wildcard matching with backtracking to the last '%' only: O(value × pattern) at worst, whatever
    /// the client puts in the pattern.</summary>
    public static bool Matches(string value, string pattern)
    {
        int s = 0, p = 0, starP = -1, starS = 0;
        while (s < value.Length)
        {
            if (p < pattern.Length && pattern[p] == '%')
            {
                starP = ++p;
                starS = s;
            }
            else if (p < pattern.Length && (pattern[p] == '_' || Same(value[s], pattern[p])))
            {
                s++;
                p++;
            }
            else if (starP >= 0)
            {
                p = starP;
                s = ++starS;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '%') p++;
        return p == pattern.Length;
    }

    private static bool Same(char a, char b) =>
        a == b || (char.IsAsciiLetter(a) && char.IsAsciiLetter(b) && char.ToLowerInvariant(a) == char.ToLowerInvariant(b));
}
