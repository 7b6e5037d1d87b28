namespace SharpStack.Core.Validation;

/// <summary>jsonschema.exceptions.best_match with the default relevance key (4.10.3).</summary>
internal static class BestMatch
{
    /// <summary>relevance(error) = (-len(path), validator not in {anyOf, oneOf}, False, not error._matches_type()).</summary>
    private readonly record struct Key(int NegDepth, bool NotWeak, bool NotMatchesType) : IComparable<Key>
    {
        public int CompareTo(Key other)
        {
            var c = NegDepth.CompareTo(other.NegDepth);
            if (c != 0) return c;
            c = NotWeak.CompareTo(other.NotWeak);
            return c != 0 ? c : NotMatchesType.CompareTo(other.NotMatchesType);
        }
    }

    private static Key Relevance(ValidationError e, SchemaDraft draft) =>
        new(-e.Path.Count, e.Keyword is not ("anyOf" or "oneOf"), !MatchesType(e, draft));

    private static bool MatchesType(ValidationError e, SchemaDraft draft)
    {
        var types = e.Node.Types;
        if (types is null) return false;
        var kind = PyValue.Kind(e.Instance);
        return types.Any(t => Types.Is(draft, e.Instance, kind, t));
    }

    public static ValidationError? Select(IReadOnlyList<ValidationError> errors, SchemaDraft draft)
    {
        if (errors.Count == 0) return null;
        // max() keeps the first of equally relevant errors.
        var best = errors[0];
        var bestKey = Relevance(best, draft);
        for (var i = 1; i < errors.Count; i++)
        {
            var key = Relevance(errors[i], draft);
            if (key.CompareTo(bestKey) > 0)
            {
                best = errors[i];
                bestKey = key;
            }
        }
        // Descend into anyOf/oneOf context towards the least relevant (deepest) error, unless it is ambiguous.
        while (best.Context.Count > 0)
        {
            ValidationError? smallest = null;
            Key smallestKey = default;
            var ties = 0;
            foreach (var child in best.Context)
            {
                var key = Relevance(child, draft);
                if (smallest is null || key.CompareTo(smallestKey) < 0)
                {
                    smallest = child;
                    smallestKey = key;
                    ties = 1;
                }
                else if (key.CompareTo(smallestKey) == 0)
                {
                    ties++;
                }
            }
            if (ties > 1) return best;
            best = smallest!;
        }
        return best;
    }
}
