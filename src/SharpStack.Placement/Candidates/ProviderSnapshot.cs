using System.Data.Common;
using SharpStack.Core.Storage;
using SharpStack.Placement.Storage;

namespace SharpStack.Placement.Candidates;

/// <summary>One provider as the candidate search reads it from the snapshot.</summary>
public sealed class ProviderState
{
    public required int Id { get; init; }
    public required string Uuid { get; init; }
    public string? ParentUuid { get; init; }
    public required string RootUuid { get; init; }

    /// <summary>Ordered by class id.</summary>
    public InventoryState[] Inventories { get; set; } = [];

    /// <summary>Class id → units allocated.</summary>
    public Dictionary<int, long> Used { get; set; } = [];

    /// <summary>Ordered by trait id.</summary>
    public int[] TraitIds { get; set; } = [];

    /// <summary>Ordered by aggregate id.</summary>
    public int[] AggregateIds { get; set; } = [];

    public InventoryState? Inventory(int classId)
    {
        foreach (var i in Inventories)
            if (i.ClassId == classId) return i;
        return null;
    }
}

/// <summary>One inventory record (its row id keeps the database's order of providers per class).</summary>
public sealed record InventoryState(int RowId, int ClassId, int Total, int Reserved, int MinUnit, int MaxUnit, int StepSize, double AllocationRatio);

/// <summary>Providers, inventories, usage, traits and aggregates held in memory for the candidate search, kept equal
/// to the database by the placement revision: when it moved, only the providers whose change number
/// (placement_provider_changes, written by triggers whoever changed them) is newer than the snapshot are read again.
/// Searches read under a shared lock; a refresh applies its rows under the exclusive one.</summary>
public sealed class ProviderSnapshot : IDisposable
{
    // Past this many changed providers one full read is cheaper than the id lists.
    private const int FullReadThreshold = 2000;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private long _revision = -1;

    private Dictionary<int, ProviderState> _byId = [];
    private Dictionary<string, int> _idByUuid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _aggregateIds = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _traitNames = [];
    private readonly Dictionary<string, int> _traitIds = new(StringComparer.Ordinal);

    // Derived indexes, rebuilt on first use after a change that affects them.
    private Dictionary<int, ProviderState[]>? _byClass;
    private Dictionary<string, List<int>>? _byRoot;
    private Dictionary<int, List<int>>? _byAggregate;
    private Dictionary<int, List<int>>? _byTrait;

    /// <summary>Brings the snapshot to <paramref name="revision"/> (read by the caller) and runs
    /// <paramref name="work"/> on it under the shared lock (synchronously: it must not await).</summary>
    public async Task<T> ReadAsync<T>(PlacementDb db, long revision, Func<SnapshotView, T> work, CancellationToken ct)
    {
        if (Volatile.Read(ref _revision) < revision) await RefreshAsync(db, revision, ct);
        _lock.EnterReadLock();
        try
        {
            return work(new SnapshotView(this));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private async Task RefreshAsync(PlacementDb db, long revision, CancellationToken ct)
    {
        await _refresh.WaitAsync(ct);
        try
        {
            var from = _revision;
            if (from >= revision) return;
            await using var sql = await DirectSql.OpenAsync(db, ct);
            List<int>? changed = null;
            if (from >= 0)
            {
                changed = await sql.QueryAsync("SELECT provider_id FROM placement_provider_changes WHERE seq > @s", r => r.GetInt32(0), ct, ("s", from));
                if (changed.Count > FullReadThreshold || changed.Count > _byId.Count / 2 + 16) changed = null;
            }
            var rows = await LoadAsync(sql, changed, ct);
            var traits = await sql.QueryAsync("SELECT id, name FROM traits", r => (r.GetInt32(0), r.GetString(1)), ct);
            _lock.EnterWriteLock();
            try
            {
                Apply(rows, changed, traits);
                Volatile.Write(ref _revision, revision);
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    private sealed record Rows(
        List<(int Id, string Uuid, string? Parent, string Root)> Providers,
        List<(int Provider, InventoryState Inventory)> Inventories,
        List<(int Provider, int Class, long Used)> Usage,
        List<(int Provider, int Trait)> Traits,
        List<(int Provider, int Aggregate, string Uuid)> Aggregates);

    /// <summary>The rows of the given providers (all providers when null).</summary>
    private static async Task<Rows> LoadAsync(DirectSql sql, List<int>? ids, CancellationToken ct)
    {
        var args = new List<(string, object?)>();
        var list = ids is null ? null : DirectSql.InList("i", ids, args);
        string Where(string column) => list is null ? "" : $" WHERE {column} IN ({list})";
        var where = Where("id");
        var whereProvider = Where("provider_id");
        var whereRpa = Where("rpa.provider_id");
        var a = args.ToArray();
        var providers = await sql.QueryAsync($"SELECT id, uuid, parent_uuid, root_uuid FROM resource_providers{where}",
            r => (r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3)), ct, a);
        var inventories = await sql.QueryAsync(
            $"SELECT provider_id, id, resource_class_id, total, reserved, min_unit, max_unit, step_size, allocation_ratio FROM inventories{whereProvider}",
            r => (r.GetInt32(0), new InventoryState(r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetDouble(8))),
            ct, a);
        var usage = await sql.QueryAsync(
            $"SELECT provider_id, resource_class_id, SUM(used) FROM allocations{whereProvider} GROUP BY provider_id, resource_class_id",
            r => (r.GetInt32(0), r.GetInt32(1), Convert.ToInt64(r.GetValue(2))), ct, a);
        var traits = await sql.QueryAsync($"SELECT provider_id, trait_id FROM resource_provider_traits{whereProvider}",
            r => (r.GetInt32(0), r.GetInt32(1)), ct, a);
        var aggregates = await sql.QueryAsync(
            $"SELECT rpa.provider_id, a.id, a.uuid FROM resource_provider_aggregates rpa JOIN placement_aggregates a ON a.id = rpa.aggregate_id{whereRpa}",
            r => (r.GetInt32(0), r.GetInt32(1), r.GetString(2)), ct, a);
        return new Rows(providers, inventories, usage, traits, aggregates);
    }

    private void Apply(Rows rows, List<int>? changed, List<(int Id, string Name)> traits)
    {
        foreach (var (id, name) in traits)
        {
            _traitNames[id] = name;
            _traitIds[name] = id;
        }
        foreach (var (_, id, uuid) in rows.Aggregates)
        {
            _aggregateIds[uuid] = id;
        }
        var inventories = rows.Inventories.GroupBy(i => i.Provider)
            .ToDictionary(g => g.Key, g => g.Select(i => i.Inventory).OrderBy(i => i.ClassId).ToArray());
        var traitIds = rows.Traits.GroupBy(t => t.Provider).ToDictionary(g => g.Key, g => g.Select(t => t.Trait).Order().ToArray());
        var aggregateIds = rows.Aggregates.GroupBy(x => x.Provider).ToDictionary(g => g.Key, g => g.Select(x => x.Aggregate).Order().ToArray());
        var used = rows.Usage.GroupBy(u => u.Provider).ToDictionary(g => g.Key, g => g.ToDictionary(u => u.Class, u => u.Used));

        if (changed is null)
        {
            _byId = [];
            _idByUuid = new(StringComparer.Ordinal);
            InvalidateIndexes(structure: true, classes: true, aggregates: true);
        }
        else
        {
            // Providers that went: gone from every index.
            var present = rows.Providers.Select(p => p.Id).ToHashSet();
            foreach (var id in changed)
                if (!present.Contains(id) && _byId.Remove(id, out var old))
                {
                    _idByUuid.Remove(old.Uuid);
                    InvalidateIndexes(structure: true, classes: true, aggregates: true);
                }
        }
        foreach (var (id, uuid, parent, root) in rows.Providers)
        {
            // The indexes hold these objects: a provider that kept its place in its tree is updated in place, so
            // only a change of inventory records, aggregates or tree shape rebuilds an index (usage moves often).
            if (!_byId.TryGetValue(id, out var p) || p.Uuid != uuid || p.ParentUuid != parent || p.RootUuid != root)
            {
                if (p is not null) _idByUuid.Remove(p.Uuid);
                _byId[id] = p = new ProviderState { Id = id, Uuid = uuid, ParentUuid = parent, RootUuid = root };
                _idByUuid[uuid] = id;
                InvalidateIndexes(structure: true, classes: true, aggregates: true);
            }
            var inv = inventories.GetValueOrDefault(id, []);
            if (!inv.Select(i => (i.RowId, i.ClassId)).SequenceEqual(p.Inventories.Select(i => (i.RowId, i.ClassId))))
                InvalidateIndexes(structure: false, classes: true, aggregates: false);
            p.Inventories = inv;
            p.Used = used.GetValueOrDefault(id) ?? [];
            var traitsNow = traitIds.GetValueOrDefault(id, []);
            if (!traitsNow.AsSpan().SequenceEqual(p.TraitIds)) _byTrait = null;
            p.TraitIds = traitsNow;
            var aggs = aggregateIds.GetValueOrDefault(id, []);
            if (!aggs.AsSpan().SequenceEqual(p.AggregateIds)) InvalidateIndexes(structure: false, classes: false, aggregates: true);
            p.AggregateIds = aggs;
        }
    }

    private void InvalidateIndexes(bool structure, bool classes, bool aggregates)
    {
        if (structure) _byRoot = null;
        if (classes) _byClass = null;
        if (aggregates) _byAggregate = null;
        if (structure) _byTrait = null;
    }

    public void Dispose()
    {
        _lock.Dispose();
        _refresh.Dispose();
    }

    /// <summary>What a search may read (only while <see cref="ReadAsync{T}"/> runs its work).</summary>
    public readonly struct SnapshotView(ProviderSnapshot s)
    {
        public IReadOnlyDictionary<int, ProviderState> Providers => s._byId;

        public ProviderState? ByUuid(string uuid) => s._idByUuid.TryGetValue(uuid, out var id) ? s._byId[id] : null;

        public int RootId(ProviderState p) => s._idByUuid[p.RootUuid];

        public string TraitName(int id) => s._traitNames.TryGetValue(id, out var name) ? name : $"UNKNOWN_{id}";

        public int? TraitId(string name) => s._traitIds.TryGetValue(name, out var id) ? id : null;

        public int? AggregateId(string uuid) => s._aggregateIds.TryGetValue(uuid, out var id) ? id : null;

        /// <summary>Providers with inventory of the class, in the order their inventory rows were made.</summary>
        public ProviderState[] WithClass(int classId)
        {
            var index = s._byClass;
            if (index is null)
            {
                // Built under the shared lock by whichever reader comes first; the lock makes the copy consistent.
                lock (s._byId)
                {
                    index = s._byClass ??= s._byId.Values
                        .SelectMany(p => p.Inventories.Select(i => (p, i)))
                        .GroupBy(x => x.i.ClassId)
                        .ToDictionary(g => g.Key, g => g.OrderBy(x => x.i.RowId).Select(x => x.p).ToArray());
                }
            }
            return index.TryGetValue(classId, out var list) ? list : [];
        }

        /// <summary>Ids of the providers of the tree with this root uuid, ascending.</summary>
        public List<int> Tree(string rootUuid)
        {
            var index = s._byRoot;
            if (index is null)
            {
                lock (s._byId)
                {
                    index = s._byRoot ??= s._byId.Values.GroupBy(p => p.RootUuid, StringComparer.Ordinal)
                        .ToDictionary(g => g.Key, g => g.Select(p => p.Id).Order().ToList(), StringComparer.Ordinal);
                }
            }
            return index.TryGetValue(rootUuid, out var list) ? list : [];
        }

        /// <summary>Ids of the providers with the trait, ascending.</summary>
        public List<int> WithTrait(int traitId) =>
            Lookup(ref s._byTrait, traitId, p => p.TraitIds);

        /// <summary>Ids of the providers in the aggregate, ascending.</summary>
        public List<int> InAggregate(int aggregateId) =>
            Lookup(ref s._byAggregate, aggregateId, p => p.AggregateIds);

        /// <summary>An index from a per-provider list of ids (traits, aggregates) to the providers, built on first use.</summary>
        private List<int> Lookup(ref Dictionary<int, List<int>>? field, int key, Func<ProviderState, int[]> ids)
        {
            var index = field;
            if (index is null)
            {
                lock (s._byId)
                {
                    index = field ??= s._byId.Values.SelectMany(p => ids(p).Select(i => (i, p.Id)))
                        .GroupBy(x => x.i).ToDictionary(g => g.Key, g => g.Select(x => x.Id).Order().ToList());
                }
            }
            return index.TryGetValue(key, out var list) ? list : [];
        }
    }
}
