using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Auth.Remote;
using SharpStack.Image.Tests.Api;

namespace SharpStack.Image.Tests.Quotas;

/// <summary>A cloud enforcing Identity's unified limits, with small member and tag quotas.</summary>
public sealed class LimitsCloud : ImageCloud
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private bool _registered;

    public LimitsCloud()
    {
        Settings["SHARPSTACK_IMAGE__USE_KEYSTONE_LIMITS"] = "true";
        Settings["SHARPSTACK_IMAGE__IMAGE_MEMBER_QUOTA"] = "1";
        Settings["SHARPSTACK_IMAGE__IMAGE_TAG_QUOTA"] = "2";
        // Ignored while unified limits apply.
        Settings["SHARPSTACK_IMAGE__USER_STORAGE_QUOTA"] = "1B";
    }

    /// <summary>The defaults every project gets, registered once through Identity's API: 2 images, 1 MiB stored,
    /// 1 MiB staged, 1 image uploading.</summary>
    public async Task RegisterDefaultsAsync()
    {
        await _lock.WaitAsync();
        try
        {
            if (_registered) return;
            var serviceId = await ImageServiceIdAsync();
            var list = new JsonArray();
            foreach (var (name, limit) in new[] { ("image_count_total", 2), ("image_size_total", 1), ("image_stage_total", 1), ("image_count_uploading", 1) })
                list.Add(new JsonObject { ["service_id"] = serviceId, ["region_id"] = "RegionOne", ["resource_name"] = name, ["default_limit"] = limit });
            await PostAsync("v3/registered_limits", new JsonObject { ["registered_limits"] = list });
            ImageServices.GetRequiredService<UnifiedLimitsClient>().Clear();
            _registered = true;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>A project's own limit of one resource.</summary>
    public async Task SetProjectLimitAsync(string projectId, string resource, long limit)
    {
        var limits = new JsonArray(new JsonObject
        {
            ["service_id"] = await ImageServiceIdAsync(), ["project_id"] = projectId, ["region_id"] = "RegionOne",
            ["resource_name"] = resource, ["resource_limit"] = limit,
        });
        await PostAsync("v3/limits", new JsonObject { ["limits"] = limits });
        ImageServices.GetRequiredService<UnifiedLimitsClient>().Clear();
    }

    private async Task<string> ImageServiceIdAsync()
    {
        using var identity = IdentityClient(AdminToken);
        var services = JsonNode.Parse(await identity.GetStringAsync("v3/services?type=image"))!;
        return services["services"]![0]!["id"]!.GetValue<string>();
    }

    private async Task PostAsync(string path, JsonObject body)
    {
        using var identity = IdentityClient(AdminToken);
        using var response = await identity.PostAsync(path, Json(body));
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

/// <summary>A cloud with the static per-project storage quota of 1 KiB.</summary>
public sealed class StorageQuotaCloud : ImageCloud
{
    public StorageQuotaCloud()
    {
        Settings["SHARPSTACK_IMAGE__USER_STORAGE_QUOTA"] = "1KB";
    }
}
