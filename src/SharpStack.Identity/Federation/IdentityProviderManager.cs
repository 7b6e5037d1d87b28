using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Federation;

/// <summary>An identity provider with its remote ids.</summary>
public sealed record IdentityProviderView(IdentityProviderRow Row, IReadOnlyList<string> RemoteIds);

/// <summary>The rules of identity providers and their protocols: ids chosen by the client, remote ids unique across
/// providers, a domain of their own created when none is named (as Keystone does), protocols that must name an
/// existing mapping.</summary>
public sealed class IdentityProviderManager(IdentityDb db, IdentityRevision revision)
{
    public async Task<IdentityProviderView> CreateAsync(string id, JsonObject idp, CancellationToken ct)
    {
        var requestedDomainId = idp["domain_id"]?.GetValue<string>();
        var autoDomain = string.IsNullOrEmpty(requestedDomainId);
        var remoteIds = RemoteIds(idp);
        var row = await Transactions.RunAsync(db, async c =>
        {
            if (!autoDomain && !await db.Projects.AnyAsync(p => p.Id == requestedDomainId && p.IsDomain, c))
                throw ApiException.NotFound($"Could not find domain: {requestedDomainId}.");
            if (await db.IdentityProviders.AnyAsync(p => p.Id == id, c))
                throw Conflict($"Duplicate entry: {id}");
            await EnsureRemoteIdsFreeAsync(id, remoteIds, c);

            var domainId = requestedDomainId;
            if (autoDomain)
            {
                domainId = Ids.New();
                db.Projects.Add(new ProjectRow
                {
                    Id = domainId,
                    Name = domainId,
                    DomainId = ProjectRow.RootDomainId,
                    IsDomain = true,
                    Enabled = true,
                    Description = "Auto generated federated domain for Identity Provider: " + id,
                });
            }
            var row = new IdentityProviderRow
            {
                Id = id,
                Enabled = idp["enabled"]?.GetValue<bool>() ?? false,
                Description = idp["description"]?.GetValue<string>(),
                DomainId = domainId!,
                AuthorizationTtl = JsonIntegers.Read(idp, "authorization_ttl"),
            };
            db.IdentityProviders.Add(row);
            foreach (var remote in remoteIds)
                db.IdentityProviderRemoteIds.Add(new IdentityProviderRemoteIdRow { IdpId = id, RemoteId = remote });
            await SaveAsync(id, remoteIds, c);
            return row;
        }, ct);
        db.ChangeTracker.Clear();
        await revision.BumpAsync(db, ct);
        return new IdentityProviderView(row, remoteIds);
    }

    public async Task<IdentityProviderView> GetAsync(string id, CancellationToken ct)
    {
        var row = await db.IdentityProviders.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw NotFound(id);
        return new IdentityProviderView(row, await RemoteIdsOfAsync(id, ct));
    }

    public async Task<List<IdentityProviderView>> ListAsync(CancellationToken ct)
    {
        var rows = await db.IdentityProviders.OrderBy(p => p.Id).ToListAsync(ct);
        var remotes = await db.IdentityProviderRemoteIds.ToListAsync(ct);
        return rows.Select(r => new IdentityProviderView(r,
            remotes.Where(x => x.IdpId == r.Id).Select(x => x.RemoteId).OrderBy(x => x, StringComparer.Ordinal).ToList())).ToList();
    }

    public async Task<IdentityProviderView> UpdateAsync(string id, JsonObject changes, CancellationToken ct)
    {
        var (row, remoteIds) = await Transactions.RunAsync(db, async c =>
        {
            var row = await db.IdentityProviders.AsTracking().FirstOrDefaultAsync(p => p.Id == id, c) ?? throw NotFound(id);
            if (changes.ContainsKey("description")) row.Description = changes["description"]?.GetValue<string>();
            if (changes.ContainsKey("enabled")) row.Enabled = changes["enabled"]!.GetValue<bool>();
            if (changes.ContainsKey("authorization_ttl")) row.AuthorizationTtl = JsonIntegers.Read(changes, "authorization_ttl");
            var remoteIds = await RemoteIdsOfAsync(id, c);
            if (changes.ContainsKey("remote_ids"))
            {
                remoteIds = RemoteIds(changes);
                await EnsureRemoteIdsFreeAsync(id, remoteIds, c);
                await db.IdentityProviderRemoteIds.Where(r => r.IdpId == id).ExecuteDeleteAsync(c);
                foreach (var remote in remoteIds)
                    db.IdentityProviderRemoteIds.Add(new IdentityProviderRemoteIdRow { IdpId = id, RemoteId = remote });
            }
            await SaveAsync(id, remoteIds, c);
            return (row, remoteIds);
        }, ct);
        db.ChangeTracker.Clear();
        await revision.BumpAsync(db, ct);
        return new IdentityProviderView(row, remoteIds);
    }

    /// <summary>Deletes the provider with its protocols and remote ids (its domain stays, as in Keystone).</summary>
    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        await Transactions.RunAsync(db, async c =>
        {
            if (!await db.IdentityProviders.AnyAsync(p => p.Id == id, c)) throw NotFound(id);
            await db.FederationProtocols.Where(p => p.IdpId == id).ExecuteDeleteAsync(c);
            await db.IdentityProviderRemoteIds.Where(r => r.IdpId == id).ExecuteDeleteAsync(c);
            await db.IdentityProviders.Where(p => p.Id == id).ExecuteDeleteAsync(c);
        }, ct);
        await revision.BumpAsync(db, ct);
    }

    public async Task<FederationProtocolRow> CreateProtocolAsync(string idpId, string protocolId, JsonObject protocol, CancellationToken ct)
    {
        var mappingId = protocol["mapping_id"]!.GetValue<string>();
        await EnsureMappingAsync(mappingId, ct);
        if (!await db.IdentityProviders.AnyAsync(p => p.Id == idpId, ct)) throw NotFound(idpId);
        var row = new FederationProtocolRow
        {
            Id = protocolId,
            IdpId = idpId,
            MappingId = mappingId,
            RemoteIdAttribute = protocol["remote_id_attribute"]?.GetValue<string>(),
        };
        if (await db.FederationProtocols.AnyAsync(p => p.IdpId == idpId && p.Id == protocolId, ct))
            throw ProtocolConflict(protocolId);
        db.FederationProtocols.Add(row);
        await db.CommitAsync(revision, "federation_protocol", ct, $"Duplicate entry found with ID {protocolId}");
        return row;
    }

    public async Task<FederationProtocolRow> GetProtocolAsync(string idpId, string protocolId, CancellationToken ct) =>
        await db.FederationProtocols.FirstOrDefaultAsync(p => p.IdpId == idpId && p.Id == protocolId, ct) ?? throw ProtocolNotFound(idpId, protocolId);

    public Task<List<FederationProtocolRow>> ListProtocolsAsync(string idpId, CancellationToken ct) =>
        db.FederationProtocols.Where(p => p.IdpId == idpId).OrderBy(p => p.Id).ToListAsync(ct);

    public async Task<FederationProtocolRow> UpdateProtocolAsync(string idpId, string protocolId, JsonObject changes, CancellationToken ct)
    {
        // Keystone requires mapping_id here (it fails with a 500 without it); a lone remote_id_attribute is accepted.
        if (changes["mapping_id"]?.GetValue<string>() is { } mappingId) await EnsureMappingAsync(mappingId, ct);
        var row = await db.FederationProtocols.AsTracking().FirstOrDefaultAsync(p => p.IdpId == idpId && p.Id == protocolId, ct)
            ?? throw ProtocolNotFound(idpId, protocolId);
        if (changes["mapping_id"]?.GetValue<string>() is { } newMapping) row.MappingId = newMapping;
        if (changes.ContainsKey("remote_id_attribute")) row.RemoteIdAttribute = changes["remote_id_attribute"]?.GetValue<string>();
        await db.CommitAsync(revision, "federation_protocol", ct);
        return row;
    }

    public async Task DeleteProtocolAsync(string idpId, string protocolId, CancellationToken ct)
    {
        if (await db.FederationProtocols.Where(p => p.IdpId == idpId && p.Id == protocolId).ExecuteDeleteAsync(ct) == 0)
            throw ProtocolNotFound(idpId, protocolId);
        await revision.BumpAsync(db, ct);
    }

    private async Task EnsureMappingAsync(string mappingId, CancellationToken ct)
    {
        if (!await db.Mappings.AnyAsync(m => m.Id == mappingId, ct))
            throw ApiException.BadRequest($"Invalid mapping id: {mappingId}");
    }

    private async Task EnsureRemoteIdsFreeAsync(string idpId, List<string> remoteIds, CancellationToken ct)
    {
        var taken = await db.IdentityProviderRemoteIds.Where(r => remoteIds.Contains(r.RemoteId) && r.IdpId != idpId).Select(r => r.RemoteId).ToListAsync(ct);
        var first = remoteIds.FirstOrDefault(taken.Contains);
        if (first is not null) throw Conflict($"Duplicate remote ID: {first}");
    }

    private Task<List<string>> RemoteIdsOfAsync(string idpId, CancellationToken ct) =>
        db.IdentityProviderRemoteIds.Where(r => r.IdpId == idpId).Select(r => r.RemoteId).OrderBy(r => r).ToListAsync(ct);

    private static List<string> RemoteIds(JsonObject o) =>
        o["remote_ids"] is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToList() : [];

    /// <summary>Saves; a race on a remote id or the provider id still answers Keystone's 409.</summary>
    private async Task SaveAsync(string id, List<string> remoteIds, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            throw remoteIds.Count > 0 ? Conflict($"Duplicate remote ID: {remoteIds[0]}") : Conflict($"Duplicate entry: {id}");
        }
    }

    private static ApiException Conflict(string details) => IdentityWrites.Conflict("identity_provider", details);

    private static ApiException ProtocolConflict(string protocolId) =>
        IdentityWrites.Conflict("federation_protocol", $"Duplicate entry found with ID {protocolId}");

    public static ApiException NotFound(string id) => ApiException.NotFound($"Could not find Identity Provider: {id}.");

    private static ApiException ProtocolNotFound(string idpId, string protocolId) =>
        ApiException.NotFound($"Could not find federated protocol {protocolId} for Identity Provider: {idpId}.");
}
