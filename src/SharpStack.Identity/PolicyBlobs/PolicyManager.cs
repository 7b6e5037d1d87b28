using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.PolicyBlobs;

/// <summary>Policy blobs (/v3/policies): opaque text with a type, stored for other services; Identity never reads them.</summary>
public sealed class PolicyManager(IdentityDb db, IdentityRevision revision)
{
    public async Task<PolicyRow> GetAsync(string id, CancellationToken ct) =>
        await db.Policies.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw NotFound(id);

    public Task<List<PolicyRow>> ListAsync(CancellationToken ct) => db.Policies.OrderBy(p => p.Id).ToListAsync(ct);

    /// <param name="policy">The validated request entity (keys normalized as Keystone's _normalize_dict does).</param>
    public async Task<PolicyRow> CreateAsync(JsonObject policy, CancellationToken ct)
    {
        var row = new PolicyRow
        {
            Id = Ids.New(),
            Type = policy["type"]!.GetValue<string>(),
            Blob = EncodeBlob(policy["blob"]!.GetValue<string>()),
            Extra = ExtraAttributes.Serialize(Extra(policy)),
        };
        db.Policies.Add(row);
        await db.CommitAsync(revision, "policy", ct);
        return row;
    }

    public async Task<PolicyRow> UpdateAsync(string id, JsonObject changes, CancellationToken ct)
    {
        // Keystone's manager compares any given id, even a null one, before looking the policy up.
        if (changes.TryGetPropertyValue("id", out var given) && (given is not JsonValue v || !v.TryGetValue<string>(out var text) || text != id))
            throw ApiException.BadRequest("Cannot change policy ID");
        var row = await db.Policies.AsTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw NotFound(id);
        if (changes["type"] is { } type) row.Type = type.GetValue<string>();
        if (changes["blob"] is { } blob) row.Blob = EncodeBlob(blob.GetValue<string>());
        var extra = ExtraAttributes.Parse(row.Extra);
        foreach (var (k, val) in Extra(changes)) extra[k] = val?.DeepClone();
        row.Extra = ExtraAttributes.Serialize(extra);
        await db.CommitAsync(revision, "policy", ct);
        return row;
    }

    /// <summary>Deletes the policy and its endpoint associations (Keystone leaves those behind).</summary>
    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        if (!await db.Policies.AnyAsync(p => p.Id == id, ct)) throw NotFound(id);
        await Transactions.RunAsync(db, async c =>
        {
            await db.PolicyAssociations.Where(a => a.PolicyId == id).ExecuteDeleteAsync(c);
            await db.Policies.Where(p => p.Id == id).ExecuteDeleteAsync(c);
        }, ct);
        await revision.BumpAsync(db, ct);
    }

    /// <summary>The blob as the client sent it. Keystone's column is a JSON blob, so the text is stored as a JSON string.</summary>
    public static string DecodeBlob(string stored) =>
        PythonJson.TryLoads(stored, out var node) && node is JsonValue v && v.TryGetValue<string>(out var text) ? text : stored;

    private static string EncodeBlob(string blob) => PythonJson.DumpsString(blob);

    private static JsonObject Extra(JsonObject o)
    {
        var extra = new JsonObject();
        foreach (var (k, v) in o)
            if (k is not ("id" or "blob" or "type" or "links"))
                extra[k] = v?.DeepClone();
        return extra;
    }

    public static ApiException NotFound(string id) => ApiException.NotFound($"Could not find policy: {id}.");
}
