using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Federation;

/// <summary>The rules of federation mappings: ids chosen by the client, rules checked against Keystone's mapping
/// schema and kept as JSON.</summary>
public sealed class MappingManager(IdentityDb db, IdentityRevision revision)
{
    public async Task<MappingRow> CreateAsync(string id, JsonNode? mapping, CancellationToken ct)
    {
        MappingSchema.Check(mapping);
        if (await db.Mappings.AnyAsync(m => m.Id == id, ct)) throw Conflict();
        var row = new MappingRow { Id = id, Rules = mapping!["rules"]!.ToJsonString() };
        db.Mappings.Add(row);
        await db.CommitAsync(revision, "mapping", ct, "Duplicate entry");
        return row;
    }

    public async Task<MappingRow> GetAsync(string id, CancellationToken ct) =>
        await db.Mappings.FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw NotFound(id);

    public Task<List<MappingRow>> ListAsync(CancellationToken ct) => db.Mappings.OrderBy(m => m.Id).ToListAsync(ct);

    public async Task<MappingRow> UpdateAsync(string id, JsonNode? mapping, CancellationToken ct)
    {
        MappingSchema.Check(mapping);
        var row = await db.Mappings.AsTracking().FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw NotFound(id);
        row.Rules = mapping!["rules"]!.ToJsonString();
        await db.CommitAsync(revision, "mapping", ct, "Duplicate entry");
        return row;
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        if (await db.Mappings.Where(m => m.Id == id).ExecuteDeleteAsync(ct) == 0) throw NotFound(id);
        await revision.BumpAsync(db, ct);
    }

    private static ApiException Conflict() => IdentityWrites.Conflict("mapping", "Duplicate entry");

    private static ApiException NotFound(string id) => ApiException.NotFound($"Could not find mapping: {id}.");
}
