using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Metadefs;

/// <summary>Tag definitions of a namespace: one at a time, or a whole list that replaces (or, with
/// X-Openstack-Append, extends) the namespace's tags.</summary>
public sealed class MetadefTagManager(ImageDb db, TimeProvider clock)
{
    public async Task<List<MetadefTagRow>> ListAsync(MetadefNamespaceRow ns, ListPage page, CancellationToken ct)
    {
        var rows = await db.MetadefTags.Where(t => t.NamespaceId == ns.Id).ToListAsync(ct);
        MetadefTagRow? marker = null;
        if (page.Marker is not null) marker = rows.FirstOrDefault(t => t.Name == page.Marker) ?? throw NotFound(page.Marker, ns.Namespace);
        return page.Apply(rows, marker, t => t.Id, t => t.CreatedAt, t => page.SortKey switch
        {
            "name" => t.Name,
            "id" => t.Id,
            "updated_at" => t.UpdatedAt,
            _ => t.CreatedAt,
        });
    }

    public async Task<MetadefTagRow> GetAsync(MetadefNamespaceRow ns, string name, bool tracking, CancellationToken ct)
    {
        var query = tracking ? db.MetadefTags.AsTracking() : db.MetadefTags;
        return await query.FirstOrDefaultAsync(t => t.NamespaceId == ns.Id && t.Name == name, ct) ?? throw NotFound(name, ns.Namespace);
    }

    public async Task<MetadefTagRow> CreateAsync(MetadefNamespaceRow ns, string name, CancellationToken ct)
    {
        if (await db.MetadefTags.AnyAsync(t => t.NamespaceId == ns.Id && t.Name.ToLower() == name.ToLower(), ct)) throw Duplicate(name, ns.Namespace);
        var now = MetadefTime.Now(clock);
        var row = new MetadefTagRow { NamespaceId = ns.Id, Name = name, CreatedAt = now, UpdatedAt = now };
        db.MetadefTags.Add(row);
        await MetadefSave.SaveAsync(db, () => Duplicate(name, ns.Namespace), ct);
        return row;
    }

    /// <summary>POST /v2/metadefs/namespaces/{ns}/tags: all or nothing; a name twice (case aside) is a 409.</summary>
    public async Task<List<MetadefTagRow>> CreateManyAsync(MetadefNamespaceRow ns, IReadOnlyList<string> names, bool append, CancellationToken ct)
    {
        if (names.Count == 0) return [];
        var now = MetadefTime.Now(clock);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!append) await db.MetadefTags.Where(t => t.NamespaceId == ns.Id).ExecuteDeleteAsync(ct);
        var existing = (await db.MetadefTags.Where(t => t.NamespaceId == ns.Id).Select(t => t.Name).ToListAsync(ct))
            .Select(n => n.ToLowerInvariant()).ToHashSet();
        var rows = new List<MetadefTagRow>();
        foreach (var name in names)
        {
            if (!existing.Add(name.ToLowerInvariant())) throw Duplicate(name, ns.Namespace);
            rows.Add(new MetadefTagRow { NamespaceId = ns.Id, Name = name, CreatedAt = now, UpdatedAt = now });
        }
        db.MetadefTags.AddRange(rows);
        await MetadefSave.SaveAsync(db, () => Duplicate(names[0], ns.Namespace), ct);
        await tx.CommitAsync(ct);
        return rows;
    }

    public async Task<MetadefTagRow> RenameAsync(MetadefNamespaceRow ns, string name, string newName, CancellationToken ct)
    {
        var row = await GetAsync(ns, name, tracking: true, ct);
        if (!string.Equals(newName, name, StringComparison.OrdinalIgnoreCase)
            && await db.MetadefTags.AnyAsync(t => t.NamespaceId == ns.Id && t.Name.ToLower() == newName.ToLower(), ct))
            throw Duplicate(newName, ns.Namespace);
        row.Name = newName;
        row.UpdatedAt = MetadefTime.Now(clock);
        await MetadefSave.SaveAsync(db, () => Duplicate(newName, ns.Namespace), ct);
        return row;
    }

    public async Task DeleteAsync(MetadefNamespaceRow ns, string name, CancellationToken ct)
    {
        var row = await GetAsync(ns, name, tracking: false, ct);
        MetadefAccess.RefuseIfProtected(ns, $"tag {row.Name}");
        await db.MetadefTags.Where(t => t.Id == row.Id).ExecuteDeleteAsync(ct);
    }

    /// <summary>DELETE /v2/metadefs/namespaces/{ns}/tags: all of them (refused in a protected namespace).</summary>
    public async Task DeleteAllAsync(MetadefNamespaceRow ns, CancellationToken ct)
    {
        MetadefAccess.RefuseIfProtected(ns, $"namespace {ns.Namespace}");
        await db.MetadefTags.Where(t => t.NamespaceId == ns.Id).ExecuteDeleteAsync(ct);
    }

    public static ApiException Duplicate(string name, string ns) => ApiException.Conflict(
        $"A metadata tag with name={name} already exists in namespace={ns}. (Please note that metadata tag names are case insensitive).");

    private static ApiException NotFound(string name, string ns) =>
        ApiException.NotFound($"The metadata definition tag with name={name} was not found in namespace={ns}.");
}
