using SharpStack.Core.Errors;

namespace SharpStack.Image.Metadefs;

/// <summary>A metadef list's paging as Glance's paginate_query applies it: sort by the key, then created_at and id,
/// all in one direction; start after the marker; at most limit items.</summary>
public sealed record ListPage(string SortKey, bool Ascending, string? Marker, int? Limit)
{
    /// <summary>Reads marker, limit, sort_key and sort_dir with Glance's refusals.</summary>
    public static ListPage From(Microsoft.AspNetCore.Http.IQueryCollection query, int? defaultLimit, int maxLimit)
    {
        var dir = query["sort_dir"].LastOrDefault() ?? "desc";
        if (dir is not ("asc" or "desc")) throw ApiException.BadRequest($"Invalid sort direction: {dir}");
        int? limit = defaultLimit;
        if (query["limit"].LastOrDefault() is { } text)
        {
            if (!int.TryParse(text.Trim(), out var parsed)) throw ApiException.BadRequest("limit param must be an integer");
            limit = parsed;
        }
        if (limit is { } l)
        {
            if (l < 0) throw ApiException.BadRequest("limit param must be positive");
            limit = Math.Min(l, maxLimit);
        }
        var marker = query["marker"].LastOrDefault();
        return new ListPage(query["sort_key"].LastOrDefault() ?? "created_at", dir == "asc", string.IsNullOrEmpty(marker) ? null : marker, limit);
    }

    /// <summary>The page of <paramref name="rows"/>; <paramref name="key"/> gives the sort key's value of a row.</summary>
    public List<T> Apply<T>(IEnumerable<T> rows, T? marker, Func<T, int> id, Func<T, DateTime> created, Func<T, object?> key)
        where T : class
    {
        var comparer = Comparer<T>.Create((a, b) =>
        {
            var c = Compare(key(a), key(b));
            if (c == 0) c = created(a).CompareTo(created(b));
            if (c == 0) c = id(a).CompareTo(id(b));
            return Ascending ? c : -c;
        });
        var sorted = rows.Order(comparer);
        var after = marker is null ? sorted : sorted.Where(r => comparer.Compare(r, marker) > 0);
        return (Limit is { } l ? after.Take(l) : after).ToList();
    }

    private static int Compare(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => string.CompareOrdinal(x, y),
        (IComparable x, _) => x.CompareTo(b),
        _ => 0,
    };
}
