using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace SharpStack.Core.Auth.Remote;

/// <summary>Reads one service's unified limits from Identity the way oslo.limit's flat enforcer does: the service and
/// region come from the catalog (the service of <c>serviceType</c> and its public endpoint, in [keystone_authtoken]
/// region_name when set); a project's limit of a resource is its project limit, else the registered default, else 0
/// (an unregistered resource allows nothing). Limits are read with a system-scoped token of the service user (it needs
/// a role on the system, as upstream's [oslo_limit] system_scope = all does) and kept for <see cref="CacheTime"/>.</summary>
public sealed class UnifiedLimitsClient(IdentityClient identity, ServiceCredentials credentials, string serviceType, string? regionName, TimeProvider time)
{
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private readonly ConcurrentDictionary<string, (IReadOnlyDictionary<string, long> Limits, DateTimeOffset Until)> _projects = new(StringComparer.Ordinal);
    private (string Token, DateTimeOffset ExpiresAt)? _token;
    private (string ServiceId, string? RegionId)? _endpoint;
    private (IReadOnlyDictionary<string, long> Limits, DateTimeOffset Until)? _registered;

    /// <summary>How long limits read from Identity are reused (oslo.limit caches for the life of one enforcer).</summary>
    public TimeSpan CacheTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The limit of each resource for the project (or only the registered defaults when the project is null).</summary>
    public async Task<IReadOnlyDictionary<string, long>> LimitsAsync(string? projectId, IReadOnlyCollection<string> resources, CancellationToken ct)
    {
        var registered = await RegisteredAsync(ct);
        var project = projectId is null ? null : await ProjectAsync(projectId, ct);
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var resource in resources)
            result[resource] = project is not null && project.TryGetValue(resource, out var own) ? own
                : registered.TryGetValue(resource, out var fallback) ? fallback : 0;
        return result;
    }

    /// <summary>Forgets every cached limit (the next check reads Identity again).</summary>
    public void Clear()
    {
        _registered = null;
        _projects.Clear();
    }

    private async Task<IReadOnlyDictionary<string, long>> RegisteredAsync(CancellationToken ct)
    {
        if (_registered is { } cached && time.GetUtcNow() < cached.Until) return cached.Limits;
        var (serviceId, regionId) = await EndpointAsync(ct);
        var body = await CallAsync(token => identity.GetAsync(token, "registered_limits?" + Query(serviceId, regionId, null), ct), ct);
        var limits = Read(body["registered_limits"], "default_limit");
        _registered = (limits, time.GetUtcNow() + CacheTime);
        return limits;
    }

    private async Task<IReadOnlyDictionary<string, long>> ProjectAsync(string projectId, CancellationToken ct)
    {
        if (_projects.TryGetValue(projectId, out var cached) && time.GetUtcNow() < cached.Until) return cached.Limits;
        var (serviceId, regionId) = await EndpointAsync(ct);
        var body = await CallAsync(token => identity.GetAsync(token, "limits?" + Query(serviceId, regionId, projectId), ct), ct);
        var limits = Read(body["limits"], "resource_limit");
        if (_projects.Count > 10_000) _projects.Clear();
        _projects[projectId] = (limits, time.GetUtcNow() + CacheTime);
        return limits;
    }

    /// <summary>The service id and region id limits are registered under (oslo.limit's endpoint lookup by service type).</summary>
    private async Task<(string ServiceId, string? RegionId)> EndpointAsync(CancellationToken ct)
    {
        if (_endpoint is { } known) return known;
        var services = (await CallAsync(token => identity.GetAsync(token, "services?type=" + Uri.EscapeDataString(serviceType), ct), ct))["services"] as JsonArray ?? [];
        if (services.Count == 0) throw new IdentityUnavailableException($"Identity's catalog has no '{serviceType}' service to read unified limits for");
        if (services.Count > 1) throw new IdentityUnavailableException($"Identity's catalog has several '{serviceType}' services; unified limits need exactly one");
        var serviceId = Text(services[0]?["id"]) ?? "";
        var endpoints = ((await CallAsync(token => identity.GetAsync(token, $"endpoints?service_id={Uri.EscapeDataString(serviceId)}&interface=public", ct), ct))["endpoints"] as JsonArray ?? [])
            .Where(e => regionName is null || Text(e?["region_id"]) == regionName)
            .Select(e => Text(e?["region_id"]))
            .Distinct()
            .ToList();
        if (endpoints.Count == 0) throw new IdentityUnavailableException($"Identity's catalog has no public '{serviceType}' endpoint{(regionName is null ? "" : " in region " + regionName)}");
        if (endpoints.Count > 1) throw new IdentityUnavailableException($"the '{serviceType}' service has public endpoints in several regions; set [keystone_authtoken] region_name");
        var found = (serviceId, endpoints[0]);
        _endpoint = found;
        return found;
    }

    private static string Query(string serviceId, string? regionId, string? projectId)
    {
        var query = "service_id=" + Uri.EscapeDataString(serviceId);
        if (regionId is not null) query += "&region_id=" + Uri.EscapeDataString(regionId);
        if (projectId is not null) query += "&project_id=" + Uri.EscapeDataString(projectId);
        return query;
    }

    private static Dictionary<string, long> Read(JsonNode? list, string valueKey)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in list as JsonArray ?? [])
        {
            // The first of several (which Identity's uniqueness rules prevent) wins, as in oslo.limit.
            if (Text(item?["resource_name"]) is { } name && item?[valueKey] is JsonValue v && v.TryGetValue<long>(out var limit))
                result.TryAdd(name, limit);
        }
        return result;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private async Task<JsonObject> CallAsync(Func<string, Task<JsonObject>> call, CancellationToken ct)
    {
        var token = await TokenAsync(forceNew: false, ct);
        try
        {
            return await call(token);
        }
        catch (ServiceTokenRejectedException)
        {
            return await call(await TokenAsync(forceNew: true, ct));
        }
    }

    private async Task<string> TokenAsync(bool forceNew, CancellationToken ct)
    {
        if (!forceNew && _token is { } current && current.ExpiresAt - time.GetUtcNow() > TimeSpan.FromMinutes(1)) return current.Token;
        await _tokenLock.WaitAsync(ct);
        try
        {
            if (!forceNew && _token is { } again && again.ExpiresAt - time.GetUtcNow() > TimeSpan.FromMinutes(1)) return again.Token;
            var fresh = await identity.AuthenticateSystemAsync(credentials.Username, credentials.Password, credentials.UserDomainName, ct);
            _token = fresh;
            return fresh.Token;
        }
        catch (IdentityUnavailableException e)
        {
            throw new IdentityUnavailableException(e.Message + "; reading unified limits needs a role on the system for the service user " +
                $"(openstack role add --user {credentials.Username} --user-domain {credentials.UserDomainName} --system all reader)");
        }
        finally
        {
            _tokenLock.Release();
        }
    }
}
