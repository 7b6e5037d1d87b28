using System.Collections;

namespace SharpStack.Core.Policy;

/// <summary>
/// A syntax error in a policy check string. <see cref="Position"/> is the 0-based character offset in
/// <see cref="CheckString"/>; the enforcer fills <see cref="RuleName"/> and <see cref="FileName"/>.
/// </summary>
public sealed class PolicyParseException : FormatException
{
    public PolicyParseException(string reason, string checkString, int position, string? ruleName = null, string? fileName = null, int? fileLine = null)
        : base(Describe(reason, checkString, position, ruleName, fileName, fileLine))
    {
        Reason = reason;
        CheckString = checkString;
        Position = position;
        RuleName = ruleName;
        FileName = fileName;
        FileLine = fileLine;
    }

    public string Reason { get; }

    public string CheckString { get; }

    /// <summary>0-based offset of the offending token in <see cref="CheckString"/>.</summary>
    public int Position { get; }

    /// <summary>1-based column, as shown in messages.</summary>
    public int Column => Position + 1;

    public string? RuleName { get; }

    public string? FileName { get; }

    /// <summary>1-based line of the rule in <see cref="FileName"/>, when known.</summary>
    public int? FileLine { get; }

    public PolicyParseException WithLocation(string? ruleName, string? fileName, int? fileLine) =>
        new(Reason, CheckString, Position, ruleName ?? RuleName, fileName ?? FileName, fileLine ?? FileLine);

    private static string Describe(string reason, string checkString, int position, string? ruleName, string? fileName, int? fileLine)
    {
        var where = fileName is null ? "" : fileLine is null ? $"{fileName}: " : $"{fileName}:{fileLine}: ";
        var rule = ruleName is null ? "" : $"rule \"{ruleName}\": ";
        return $"{where}{rule}{reason} at column {position + 1} of \"{checkString}\"";
    }
}

/// <summary>
/// Parser for the oslo.policy rule language. Accepts exactly the strings oslo.policy's shift-reduce
/// parser accepts (same tokenisation: whitespace split, parentheses peeled off word edges,
/// case-insensitive <c>and</c>/<c>or</c>/<c>not</c>) and builds the same tree shape, so
/// <see cref="PolicyCheck.ToString"/> matches oslo's <c>str()</c>. Where oslo would log an error and
/// fail closed (or crash at enforcement), this parser throws <see cref="PolicyParseException"/>.
/// Precedence: parentheses, then <c>not</c>, then <c>and</c>, then <c>or</c>.
/// </summary>
public static class PolicyParser
{
    /// <summary>Parses a check string. The empty string means "always" (same as <c>@</c>).</summary>
    public static PolicyCheck Parse(string checkString)
    {
        ArgumentNullException.ThrowIfNull(checkString);
        if (checkString.Length == 0)
        {
            return PolicyCheck.Always;
        }
        var tokens = Tokenize(checkString);
        if (tokens.Count == 0)
        {
            throw new PolicyParseException("the rule is blank (use \"\" or \"@\" to always allow)", checkString, 0);
        }
        var parser = new Parser(checkString, tokens);
        return parser.ParseAll();
    }

    public static bool TryParse(string checkString, out PolicyCheck check, out PolicyParseException? error)
    {
        try
        {
            check = Parse(checkString);
            error = null;
            return true;
        }
        catch (PolicyParseException ex)
        {
            check = PolicyCheck.Never;
            error = ex;
            return false;
        }
    }

    /// <summary>
    /// The legacy list-of-lists form: the outer list is OR-ed, each inner list AND-ed; a bare string
    /// stands for a one-element list. Every element is a single check (no operators). An empty outer
    /// list means "always"; one made only of empty inner lists means "never".
    /// </summary>
    public static PolicyCheck ParseList(IEnumerable rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var orList = new List<PolicyCheck>();
        var any = false;
        foreach (var inner in rules)
        {
            any = true;
            IEnumerable items = inner switch
            {
                string s => new[] { s },
                IEnumerable e => e,
                _ => throw new PolicyParseException("list rules must contain strings or lists of strings", inner?.ToString() ?? "None", 0),
            };
            var andList = new List<PolicyCheck>();
            foreach (var item in items)
            {
                if (item is not string text)
                {
                    throw new PolicyParseException("list rules must contain strings or lists of strings", item?.ToString() ?? "None", 0);
                }
                andList.Add(ParseSingleCheck(text, text, 0));
            }
            if (andList.Count == 0)
            {
                continue;
            }
            orList.Add(andList.Count == 1 ? andList[0] : new AndCheck([.. andList]));
        }
        if (!any)
        {
            return PolicyCheck.Always;
        }
        return orList.Count switch
        {
            0 => PolicyCheck.Never,
            1 => orList[0],
            _ => new OrCheck([.. orList]),
        };
    }

    private enum TokenKind
    {
        LParen,
        RParen,
        And,
        Or,
        Not,
        QuotedString,
        Check,
    }

    private readonly record struct Token(TokenKind Kind, int Position, string Text, PolicyCheck? Check);

    // Python's str.split on r'\s+' treats these as whitespace (str.isspace), including \x1c-\x1f.
    private static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    private static List<Token> Tokenize(string rule)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < rule.Length)
        {
            while (i < rule.Length && IsPythonSpace(rule[i])) i++;
            if (i >= rule.Length) break;
            var start = i;
            while (i < rule.Length && !IsPythonSpace(rule[i])) i++;
            var end = i; // word is rule[start..end)

            var p = start;
            while (p < end && rule[p] == '(')
            {
                tokens.Add(new Token(TokenKind.LParen, p, "(", null));
                p++;
            }
            if (p == end) continue;

            var cleanEnd = end;
            while (cleanEnd > p && rule[cleanEnd - 1] == ')') cleanEnd--;
            var clean = rule[p..cleanEnd];
            if (clean.Length > 0)
            {
                if (clean.Equals("and", StringComparison.OrdinalIgnoreCase))
                {
                    tokens.Add(new Token(TokenKind.And, p, clean, null));
                }
                else if (clean.Equals("or", StringComparison.OrdinalIgnoreCase))
                {
                    tokens.Add(new Token(TokenKind.Or, p, clean, null));
                }
                else if (clean.Equals("not", StringComparison.OrdinalIgnoreCase))
                {
                    tokens.Add(new Token(TokenKind.Not, p, clean, null));
                }
                else if (end - p >= 2 && rule[p] is '"' or '\'' && rule[end - 1] == rule[p])
                {
                    // oslo tests the quotes on the word before trailing ')' are removed.
                    tokens.Add(new Token(TokenKind.QuotedString, p, rule[p..end], null));
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Check, p, clean, ParseSingleCheck(clean, rule, p)));
                }
            }
            for (var q = cleanEnd; q < end; q++)
            {
                tokens.Add(new Token(TokenKind.RParen, q, ")", null));
            }
        }
        return tokens;
    }

    /// <summary>oslo's <c>_parse_check</c>: one <c>kind:match</c> token, <c>@</c> or <c>!</c>.</summary>
    private static PolicyCheck ParseSingleCheck(string text, string rule, int offset)
    {
        if (text == "!") return PolicyCheck.Never;
        if (text == "@") return PolicyCheck.Always;

        var colon = text.IndexOf(':');
        if (colon < 0)
        {
            throw new PolicyParseException($"'{text}' is not a check: expected 'kind:match', '@' or '!'", rule, offset);
        }
        var kind = text[..colon];
        var matchText = text[(colon + 1)..];

        if (kind is "http" or "https")
        {
            throw new PolicyParseException($"'{kind}:' checks (remote policy servers) are not supported", rule, offset);
        }
        if (kind == "rule")
        {
            return new RuleCheck(matchText);
        }

        var template = MatchTemplate.Parse(matchText, out var errorOffset, out var error);
        if (error is not null)
        {
            throw new PolicyParseException(error, rule, offset + colon + 1 + errorOffset);
        }
        if (kind == "role")
        {
            return new RoleCheck(template);
        }

        string? literal;
        try
        {
            literal = PythonValues.TryEvaluateLiteral(kind, out var text2) ? text2 : null;
        }
        catch (FormatException ex)
        {
            throw new PolicyParseException(ex.Message, rule, offset);
        }
        return new GenericCheck(kind, template, literal);
    }

    /// <summary>
    /// Recursive descent equivalent of oslo's greedy shift-reduce parser:
    /// <code>
    /// expr  := term ('or' term)*
    /// term  := unary ('and' unary)*
    /// unary := 'not' unary | '(' expr ')' | check
    /// </code>
    /// </summary>
    private sealed class Parser(string rule, List<Token> tokens)
    {
        private int _pos;

        public PolicyCheck ParseAll()
        {
            var result = ParseOr();
            if (_pos < tokens.Count)
            {
                var t = tokens[_pos];
                throw t.Kind == TokenKind.RParen
                    ? new PolicyParseException("unbalanced ')'", rule, t.Position)
                    : new PolicyParseException($"expected 'and', 'or' or the end of the rule, found {Describe(t)}", rule, t.Position);
            }
            return result;
        }

        private PolicyCheck ParseOr()
        {
            var first = ParseAnd(firstOfOr: true);
            if (!Peek(TokenKind.Or))
            {
                return first;
            }
            var items = new List<PolicyCheck> { first };
            while (Peek(TokenKind.Or))
            {
                _pos++;
                items.Add(ParseAnd(firstOfOr: false));
            }
            return new OrCheck([.. items]);
        }

        private PolicyCheck ParseAnd(bool firstOfOr)
        {
            var first = ParseUnary();
            if (!Peek(TokenKind.And))
            {
                return first;
            }
            var items = new List<PolicyCheck>();
            // oslo quirk (tree shape only): after an 'or', a parenthesised and-group followed by more
            // 'and' operands is extended in place instead of being nested.
            if (!firstOfOr && first is AndCheck group)
            {
                items.AddRange(group.Operands);
            }
            else
            {
                items.Add(first);
            }
            while (Peek(TokenKind.And))
            {
                _pos++;
                items.Add(ParseUnary());
            }
            return new AndCheck([.. items]);
        }

        private PolicyCheck ParseUnary()
        {
            if (_pos >= tokens.Count)
            {
                var at = rule.Length;
                throw new PolicyParseException("unexpected end of rule: expected a check, 'not' or '('", rule, Math.Max(0, at - 1));
            }
            var t = tokens[_pos];
            switch (t.Kind)
            {
                case TokenKind.Not:
                    _pos++;
                    return new NotCheck(ParseUnary());
                case TokenKind.LParen:
                    _pos++;
                    var inner = ParseOr();
                    if (!Peek(TokenKind.RParen))
                    {
                        if (_pos >= tokens.Count)
                        {
                            throw new PolicyParseException("missing ')' to close the '(' opened here", rule, t.Position);
                        }
                        var bad = tokens[_pos];
                        throw new PolicyParseException($"expected 'and', 'or' or ')', found {Describe(bad)}", rule, bad.Position);
                    }
                    _pos++;
                    return inner;
                case TokenKind.Check:
                    _pos++;
                    return t.Check!;
                case TokenKind.QuotedString:
                    throw new PolicyParseException($"a quoted string ({t.Text}) is not a check", rule, t.Position);
                default:
                    throw new PolicyParseException($"expected a check, 'not' or '(', found {Describe(t)}", rule, t.Position);
            }
        }

        private bool Peek(TokenKind kind) => _pos < tokens.Count && tokens[_pos].Kind == kind;

        private static string Describe(Token t) => t.Kind switch
        {
            TokenKind.Check => $"check '{t.Text}'",
            TokenKind.QuotedString => $"quoted string {t.Text}",
            _ => $"'{t.Text}'",
        };
    }
}
