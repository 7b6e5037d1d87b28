using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Common;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Federation;

/// <summary>The rules of service providers (Keystone-to-Keystone): ids chosen by the client, disabled unless said
/// otherwise, relay_state_prefix from [saml] relay_state_prefix unless given; enabled ones are listed in tokens.</summary>
public sealed class ServiceProviderManager(IdentityDb db, IdentityRevision revision, SharpStackConfig config)
{
    public async Task<ServiceProviderRow> CreateAsync(string id, JsonObject sp, CancellationToken ct)
    {
        if (await db.ServiceProviders.AnyAsync(s => s.Id == id, ct)) throw Conflict(id);
        var row = new ServiceProviderRow
        {
            Id = id,
            AuthUrl = sp["auth_url"]!.GetValue<string>(),
            SpUrl = sp["sp_url"]!.GetValue<string>(),
            Description = sp["description"]?.GetValue<string>(),
            Enabled = sp["enabled"]?.GetValue<bool>() ?? false,
            // A null prefix would break Keystone's NOT NULL column (a 500 there); it means the default here.
            RelayStatePrefix = sp["relay_state_prefix"]?.GetValue<string>() ?? config.Get(IdentityOptions.RelayStatePrefix),
        };
        db.ServiceProviders.Add(row);
        await db.CommitAsync(revision, "service_provider", ct, $"Duplicate entry found with ID {id}");
        return row;
    }

    public async Task<ServiceProviderRow> GetAsync(string id, CancellationToken ct) =>
        await db.ServiceProviders.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw NotFound(id);

    public Task<List<ServiceProviderRow>> ListAsync(CancellationToken ct) => db.ServiceProviders.OrderBy(s => s.Id).ToListAsync(ct);

    public async Task<ServiceProviderRow> UpdateAsync(string id, JsonObject changes, CancellationToken ct)
    {
        var row = await db.ServiceProviders.AsTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw NotFound(id);
        if (changes["auth_url"]?.GetValue<string>() is { } authUrl) row.AuthUrl = authUrl;
        if (changes["sp_url"]?.GetValue<string>() is { } spUrl) row.SpUrl = spUrl;
        if (changes.ContainsKey("description")) row.Description = changes["description"]?.GetValue<string>();
        if (changes["enabled"]?.GetValue<bool>() is { } enabled) row.Enabled = enabled;
        if (changes.ContainsKey("relay_state_prefix"))
            row.RelayStatePrefix = changes["relay_state_prefix"]?.GetValue<string>() ?? config.Get(IdentityOptions.RelayStatePrefix);
        await db.CommitAsync(revision, "service_provider", ct);
        return row;
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        if (await db.ServiceProviders.Where(s => s.Id == id).ExecuteDeleteAsync(ct) == 0) throw NotFound(id);
        await revision.BumpAsync(db, ct);
    }

    private static ApiException Conflict(string id) => IdentityWrites.Conflict("service_provider", $"Duplicate entry found with ID {id}");

    private static ApiException NotFound(string id) => ApiException.NotFound($"Could not find Service Provider: {id}.");
}
