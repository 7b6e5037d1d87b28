using System.Reflection;
using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Storage;

/// <summary>The standard resource classes (os-resource-classes 1.1.0) and traits (os-traits 2.9.0) every Placement
/// has, put in the database at start (as upstream does) so that custom and standard ones are handled alike.</summary>
public static class StandardData
{
    public static IReadOnlyList<string> ResourceClasses { get; } = Read("resource-classes.txt");

    public static IReadOnlyList<string> Traits { get; } = Read("traits.txt");

    private static readonly HashSet<string> ClassSet = [.. ResourceClasses];
    private static readonly HashSet<string> TraitSet = [.. Traits];

    public static bool IsStandardClass(string name) => ClassSet.Contains(name);

    public static bool IsStandardTrait(string name) => TraitSet.Contains(name);

    /// <summary>A standard class's id: its place in the list (fixed when seeded, never renamed or removed).</summary>
    public static int? StandardClassId(string name) => ClassIds.TryGetValue(name, out var id) ? id : null;

    private static readonly Dictionary<string, int> ClassIds =
        ResourceClasses.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);

    /// <summary>Adds the standard classes (ids in list order) and traits missing from the database.</summary>
    public static async Task SyncAsync(PlacementDb db, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var classes = await db.ResourceClasses.Select(c => c.Name).ToListAsync(ct);
        var haveClasses = classes.ToHashSet();
        for (var i = 0; i < ResourceClasses.Count; i++)
            if (!haveClasses.Contains(ResourceClasses[i]))
                db.ResourceClasses.Add(new ResourceClassRow { Id = i, Name = ResourceClasses[i], CreatedAt = now, UpdatedAt = now });
        var haveTraits = (await db.Traits.Select(t => t.Name).ToListAsync(ct)).ToHashSet();
        foreach (var trait in Traits)
            if (!haveTraits.Contains(trait))
                db.Traits.Add(new TraitRow { Name = trait, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync(ct);
    }

    private static List<string> Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SharpStack.Placement.Standard." + name)
            ?? throw new InvalidOperationException($"embedded {name} is missing");
        using var reader = new StreamReader(stream);
        var list = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) list.Add(line.Trim());
        return list;
    }
}
