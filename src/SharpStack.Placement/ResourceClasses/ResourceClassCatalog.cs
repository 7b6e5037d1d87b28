using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Storage;

namespace SharpStack.Placement.ResourceClasses;

/// <summary>Resource class names and ids for one request (read once from the database on first use).</summary>
public sealed class ResourceClassCatalog(PlacementDb db)
{
    private Dictionary<string, int>? _ids;
    private Dictionary<int, string>? _names;

    public async Task<int?> IdOfAsync(string name, CancellationToken ct) =>
        (await LoadAsync(ct)).TryGetValue(name, out var id) ? id : null;

    public async Task<string> NameOfAsync(int id, CancellationToken ct)
    {
        await LoadAsync(ct);
        return _names!.TryGetValue(id, out var name) ? name : $"UNKNOWN_{id}";
    }

    public async Task<IReadOnlyDictionary<string, int>> IdsAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IReadOnlyDictionary<int, string>> NamesAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return _names!;
    }

    /// <summary>Forget what was read (after this request created, renamed or deleted a class).</summary>
    public void Invalidate() => (_ids, _names) = (null, null);

    private async Task<Dictionary<string, int>> LoadAsync(CancellationToken ct)
    {
        if (_ids is not null) return _ids;
        var rows = await db.ResourceClasses.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        _ids = rows.ToDictionary(r => r.Name, r => r.Id, StringComparer.Ordinal);
        _names = rows.ToDictionary(r => r.Id, r => r.Name);
        return _ids;
    }
}
