using SharpStack.Core.Errors;

namespace SharpStack.Placement.Traits;

/// <summary>The filters of GET /traits: name=in:A,B / name=startswith:P and associated=true|false.</summary>
public sealed record TraitFilter(IReadOnlyList<string>? NameIn, string? Prefix, bool? Associated)
{
    public static TraitFilter None { get; } = new(null, null, null);

    /// <summary>Parses the query values as upstream: a name value without ':' is 400; an operator other than in or
    /// startswith filters nothing; associated is case-insensitive true/false, anything else 400.</summary>
    public static TraitFilter Parse(string? name, string? associated)
    {
        IReadOnlyList<string>? nameIn = null;
        string? prefix = null;
        if (name is not null)
        {
            var colon = name.IndexOf(':');
            if (colon < 0)
                throw ApiException.BadRequest("Badly formatted name parameter. Expected name query string parameter in form: " +
                    $"?name=[in|startswith]:[name1,name2|prefix]. Got: \"{name}\"");
            var op = name[..colon];
            var value = name[(colon + 1)..];
            if (op == "in") nameIn = value.Split(',');
            else if (op == "startswith") prefix = value;
        }
        bool? isAssociated = null;
        if (associated is not null)
        {
            isAssociated = associated.ToLowerInvariant() switch
            {
                "true" => true,
                "false" => false,
                _ => throw ApiException.BadRequest("The query parameter \"associated\" only accepts \"true\" or \"false\""),
            };
        }
        return new TraitFilter(nameIn, prefix, isAssociated);
    }
}
