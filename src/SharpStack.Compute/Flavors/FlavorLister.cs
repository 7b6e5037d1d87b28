using Microsoft.EntityFrameworkCore;
using SharpStack.Compute.Storage.Entities;
using SharpStack.Core.Errors;

namespace SharpStack.Compute.Flavors;

/// <summary>What GET /flavors asks for after parsing: visibility, minimums, order and page.</summary>
public sealed record FlavorQuery(bool? IsPublic, bool HideDisabled, int? MinRam, int? MinDisk, string SortKey, bool Descending, int Limit, string? Marker);

/// <summary>Nova's FlavorList.get_all: filters, one sort key (then the row id) in one direction, marker paging.
/// Flavors are few, so the ordering and the marker are applied in memory.</summary>
public sealed class FlavorLister(FlavorStore store)
{
    public async Task<List<FlavorRow>> ListAsync(FlavorQuery q, FlavorCaller caller, CancellationToken ct)
    {
        var query = store.Visible(caller, caller.IsAdmin ? q.IsPublic : true);
        if (q.HideDisabled) query = query.Where(f => !f.Disabled);
        if (q.MinRam is { } ram) query = query.Where(f => f.MemoryMb >= ram);
        if (q.MinDisk is { } disk) query = query.Where(f => f.RootGb >= disk);
        var rows = await query.ToListAsync(ct);
        var comparer = Comparer(q.SortKey, q.Descending);
        rows.Sort(comparer);
        var start = 0;
        if (q.Marker is { } marker)
        {
            // The marker must be a flavor the caller can see, whatever the filters.
            var markerRow = await store.Visible(caller).FirstOrDefaultAsync(f => f.FlavorId == marker, ct)
                ?? throw ApiException.BadRequest($"marker [{marker}] not found");
            start = rows.FindIndex(r => comparer.Compare(r, markerRow) > 0);
            if (start < 0) start = rows.Count;
        }
        return rows.Skip(start).Take(q.Limit).ToList();
    }

    /// <summary>Sort by the key, then by id, both in the requested direction; nulls first going up (as SQL does).</summary>
    private static Comparer<FlavorRow> Comparer(string key, bool descending)
    {
        Func<FlavorRow, IComparable?> value = key switch
        {
            "created_at" => f => f.CreatedAt,
            "updated_at" => f => f.UpdatedAt,
            "description" => f => f.Description?.ToUpperInvariant(),
            "name" => f => f.Name.ToUpperInvariant(),
            "flavorid" => f => f.FlavorId.ToUpperInvariant(),
            "disabled" => f => f.Disabled,
            "is_public" => f => f.IsPublic,
            "ephemeral_gb" => f => f.EphemeralGb,
            "memory_mb" => f => f.MemoryMb,
            "root_gb" => f => f.RootGb,
            "rxtx_factor" => f => f.RxtxFactor,
            "swap" => f => f.Swap,
            "vcpu_weight" => f => f.VcpuWeight,
            "vcpus" => f => f.Vcpus,
            _ => f => f.Id,
        };
        return Comparer<FlavorRow>.Create((a, b) =>
        {
            var c = CompareValues(value(a), value(b));
            if (c == 0) c = a.Id.CompareTo(b.Id);
            return descending ? -c : c;
        });
    }

    private static int CompareValues(IComparable? a, IComparable? b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : a.CompareTo(b);
}
