using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Identity.Common;
using SharpStack.Identity.Revocation;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.OAuth1;

/// <summary>The rules of OAuth1 consumers: a generated id and secret (the secret is shown once), a description and
/// free extra attributes; deleting one deletes its request and access tokens and revokes its tokens.</summary>
public sealed class ConsumerManager(IdentityDb db, IdentityRevision revision, Revoker revoker)
{
    public async Task<ConsumerRow> CreateAsync(JsonObject consumer, CancellationToken ct)
    {
        var row = new ConsumerRow
        {
            Id = Ids.New(),
            Secret = Ids.New(),
            Description = consumer["description"]?.GetValue<string>(),
            Extra = ExtraAttributes.Serialize(Extras(consumer)),
        };
        db.Consumers.Add(row);
        await db.CommitAsync(revision, "consumer", ct);
        return row;
    }

    public async Task<ConsumerRow?> FindAsync(string id, CancellationToken ct) =>
        await db.Consumers.FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<ConsumerRow> GetAsync(string id, CancellationToken ct) => await FindAsync(id, ct) ?? throw NotFound();

    public Task<List<ConsumerRow>> ListAsync(CancellationToken ct) => db.Consumers.OrderBy(c => c.Id).ToListAsync(ct);

    /// <summary>Updates the description and extras (the secret and id never change).</summary>
    public async Task<ConsumerRow> UpdateAsync(string id, JsonObject changes, CancellationToken ct)
    {
        var row = await db.Consumers.AsTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw NotFound();
        if (changes.ContainsKey("description"))
            row.Description = changes["description"]?.GetValue<string>();
        var extra = ExtraAttributes.Parse(row.Extra);
        foreach (var (k, v) in Extras(changes)) extra[k] = v?.DeepClone();
        row.Extra = ExtraAttributes.Serialize(extra);
        await db.CommitAsync(revision, "consumer", ct);
        return row;
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        await Transactions.RunAsync(db, async c =>
        {
            if (!await db.Consumers.AnyAsync(x => x.Id == id, c)) throw NotFound();
            await db.RequestTokens.Where(t => t.ConsumerId == id).ExecuteDeleteAsync(c);
            await db.AccessTokens.Where(t => t.ConsumerId == id).ExecuteDeleteAsync(c);
            await db.Consumers.Where(x => x.Id == id).ExecuteDeleteAsync(c);
        }, ct);
        await revoker.RevokeConsumerAsync(id, ct);
    }

    private static JsonObject Extras(JsonObject o)
    {
        var extra = new JsonObject();
        foreach (var (k, v) in o)
            if (k is not ("id" or "description" or "secret")) extra[k] = v?.DeepClone();
        return extra;
    }

    public static ApiException NotFound() => ApiException.NotFound("Consumer not found");
}
