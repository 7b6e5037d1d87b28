using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Errors;
using SharpStack.Image.Images;
using SharpStack.Image.Quotas;
using SharpStack.Image.Storage.Entities;
using SharpStack.Image.Tests.Api;

namespace SharpStack.Image.Tests.Quotas;

/// <summary>Quotas with [image] use_keystone_limits against the in-process Identity's registered and project
/// limits, and the per-image member and tag quotas.</summary>
public sealed class UnifiedLimitsTests(LimitsCloud cloud) : IClassFixture<LimitsCloud>
{
    private const string Breached = "The request returned a 413 Request Entity Too Large. This generally means that rate limiting or a quota threshold was breached.\n\nThe response body:\n";

    [Fact]
    public async Task Image_count_total_refuses_the_image_past_the_limit()
    {
        await cloud.RegisterDefaultsAsync();
        var (project, token) = await cloud.ProjectUserAsync();
        using var client = cloud.Client(token);
        for (var i = 0; i < 2; i++)
        {
            var (created, _) = await client.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["name"] = "n" + i });
            Assert.Equal(HttpStatusCode.Created, created);
        }
        var (status, body) = await client.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["name"] = "one too many" });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("413 Request Entity Too Large", body!["code"]!.GetValue<string>());
        Assert.Equal(Breached + $"Project {project} is over a limit for [Resource image_count_total is over limit of 2 due to current usage 2 and delta 1]", body.Message());
    }

    [Fact]
    public async Task A_project_limit_overrides_the_registered_default()
    {
        await cloud.RegisterDefaultsAsync();
        var (project, token) = await cloud.ProjectUserAsync();
        await cloud.SetProjectLimitAsync(project, "image_count_total", 0);
        using var client = cloud.Client(token);
        var (status, body) = await client.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["name"] = "none allowed" });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(Breached + $"Project {project} is over a limit for [Resource image_count_total is over limit of 0 due to current usage 0 and delta 1]", body.Message());

        var (other, otherToken) = await cloud.ProjectUserAsync();
        await cloud.SetProjectLimitAsync(other, "image_count_total", 5);
        using var otherClient = cloud.Client(otherToken);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await otherClient.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["name"] = "n" + i })).Status);
    }

    [Fact]
    public async Task Size_stage_and_uploading_limits_count_the_projects_images()
    {
        await cloud.RegisterDefaultsAsync();
        var project = Guid.NewGuid().ToString("N");
        using var scope = cloud.ImageServices.CreateScope();
        var quotas = scope.ServiceProvider.GetRequiredService<ImageQuotas>();

        // Within the limits (1 MiB stored, 1 MiB staged, 1 uploading), and the legacy quota of 1 byte is ignored.
        await AddImageAsync(project, ImageStatus.Active, 1024 * 1024, copies: 1);
        await quotas.EnforceImageSizeTotalAsync(project, CancellationToken.None);
        Assert.Null(await quotas.CheckStorageQuotaAsync(project, Guid.NewGuid().ToString(), 10, CancellationToken.None));
        var e = await Assert.ThrowsAsync<ApiException>(() => quotas.EnforceImageSizeTotalAsync(project, CancellationToken.None, deltaMiB: 1));
        Assert.Equal(413, e.Status);
        Assert.Equal(Breached + $"Project {project} is over a limit for [Resource image_size_total is over limit of 1 due to current usage 1 and delta 1]", e.Message);

        await AddImageAsync(project, ImageStatus.Uploading, 3 * 1024 * 1024, copies: 0);
        e = await Assert.ThrowsAsync<ApiException>(() => quotas.EnforceImageStageTotalAsync(project, CancellationToken.None));
        Assert.Equal(Breached + $"Project {project} is over a limit for [Resource image_stage_total is over limit of 1 due to current usage 3 and delta 0]", e.Message);

        // One image uploading is at the limit, which delta 0 allows; a second one is over it.
        await quotas.EnforceImageCountUploadingAsync(project, CancellationToken.None);
        await AddImageAsync(project, ImageStatus.Saving, 0, copies: 0);
        e = await Assert.ThrowsAsync<ApiException>(() => quotas.EnforceImageCountUploadingAsync(project, CancellationToken.None));
        Assert.Equal(Breached + $"Project {project} is over a limit for [Resource image_count_uploading is over limit of 1 due to current usage 2 and delta 0]", e.Message);

        var usage = await quotas.UsageAsync(project, CancellationToken.None);
        Assert.Equal((1L, 1L), usage[ImageQuotas.ImageSizeTotal]);
        Assert.Equal((3L, 1L), usage[ImageQuotas.ImageStageTotal]);
        Assert.Equal((3L, 2L), usage[ImageQuotas.ImageCountTotal]);
        Assert.Equal((2L, 1L), usage[ImageQuotas.ImageCountUploading]);
    }

    [Fact]
    public async Task Member_quota_is_checked_before_duplicates()
    {
        await cloud.RegisterDefaultsAsync();
        var (_, token) = await cloud.ProjectUserAsync();
        using var client = cloud.Client(token);
        var (_, created) = await client.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["name"] = "shared" });
        var id = created!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await client.CallAsync(HttpMethod.Post, $"v2/images/{id}/members", new JsonObject { ["member"] = "first" })).Status);
        foreach (var member in new[] { "second", "first" })
        {
            var (status, body) = await client.CallAsync(HttpMethod.Post, $"v2/images/{id}/members", new JsonObject { ["member"] = member });
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
            Assert.Equal($"Image member limit exceeded for image {id}: The limit has been exceeded on the number of allowed image members for this image. Attempted: 2, Maximum: 1:", body.Message());
        }
    }

    [Fact]
    public async Task Tag_quota_counts_distinct_tags()
    {
        await cloud.RegisterDefaultsAsync();
        var (_, token) = await cloud.ProjectUserAsync();
        using var client = cloud.Client(token);
        var (_, created) = await client.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["name"] = "tagged" });
        var id = created!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await client.CallAsync(HttpMethod.Put, $"v2/images/{id}/tags/a")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await client.CallAsync(HttpMethod.Put, $"v2/images/{id}/tags/b")).Status);
        var (status, body) = await client.CallAsync(HttpMethod.Put, $"v2/images/{id}/tags/c");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal($"Image tag limit exceeded for image {id}: The limit has been exceeded on the number of allowed image tags. Attempted: 3, Maximum: 2:", body.Message());
        Assert.Equal(HttpStatusCode.NoContent, (await client.CallAsync(HttpMethod.Put, $"v2/images/{id}/tags/a")).Status);
    }

    private async Task AddImageAsync(string owner, string status, long size, int copies)
    {
        using var db = cloud.OpenDb();
        var now = DateTime.UtcNow;
        var image = new ImageRow { Id = Guid.NewGuid().ToString(), Status = status, Visibility = ImageVisibility.Private, Owner = owner, Size = size, CreatedAt = now, UpdatedAt = now };
        for (var i = 0; i < copies; i++)
            image.Locations.Add(new ImageLocationRow { ImageId = image.Id, Url = $"file:///tmp/{image.Id}-{i}", CreatedAt = now });
        db.Images.Add(image);
        await db.SaveChangesAsync();
    }
}
