using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Resources;

/// <summary>The tag filters of GET /v3/projects (tags, tags-any, not-tags, not-tags-any; comma-separated), combined
/// exactly as Keystone's SQL driver combines them, quirks included (an empty intermediate result widens the not-tags
/// filters to every project; not-tags-any together with not-tags adds instead of removing).</summary>
public sealed class ProjectTagFilter(IdentityDb db)
{
    public static readonly string[] Names = ["tags", "tags-any", "not-tags", "not-tags-any"];

    /// <summary>The ids of projects the filters admit, or null when the query has no tag filter.</summary>
    public async Task<HashSet<string>?> MatchingIdsAsync(IReadOnlyDictionary<string, string> filters, CancellationToken ct)
    {
        if (!Names.Any(filters.ContainsKey)) return null;
        var tagRows = await db.ProjectTags.Select(t => new { t.ProjectId, t.Name }).ToListAsync(ct);
        var tagsOf = tagRows.GroupBy(t => t.ProjectId).ToDictionary(g => g.Key, g => g.Select(t => t.Name).ToHashSet(StringComparer.Ordinal));
        HashSet<string> WithAll(string[] tags) => tagsOf.Where(p => tags.All(p.Value.Contains)).Select(p => p.Key).ToHashSet();
        HashSet<string> WithAny(string[] tags) => tagsOf.Where(p => tags.Any(p.Value.Contains)).Select(p => p.Key).ToHashSet();

        var filtered = new HashSet<string>();
        if (filters.TryGetValue("tags", out var all)) filtered.UnionWith(WithAll(Split(all)));
        if (filters.TryGetValue("tags-any", out var any))
        {
            var anyIds = WithAny(Split(any));
            if (filters.ContainsKey("tags")) anyIds.IntersectWith(filtered);
            filtered = anyIds;
        }
        if (filters.TryGetValue("not-tags", out var notAll))
            filtered = await ExcludeAsync(filtered, WithAll(Split(notAll)), ct);
        if (filters.TryGetValue("not-tags-any", out var notAny))
        {
            var blacklist = WithAny(Split(notAny));
            if (filters.ContainsKey("not-tags")) filtered.UnionWith(blacklist);
            else filtered = await ExcludeAsync(filtered, blacklist, ct);
        }
        return filtered;
    }

    /// <summary>Every project not blacklisted, narrowed to <paramref name="filtered"/> only when that is non-empty.</summary>
    private async Task<HashSet<string>> ExcludeAsync(HashSet<string> filtered, HashSet<string> blacklist, CancellationToken ct)
    {
        var valid = (await db.Projects.Select(p => p.Id).ToListAsync(ct)).Where(id => !blacklist.Contains(id)).ToHashSet();
        if (filtered.Count > 0) valid.IntersectWith(filtered);
        return valid;
    }

    private static string[] Split(string value) => value.Split(',');
}
