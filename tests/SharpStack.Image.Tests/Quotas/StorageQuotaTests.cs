using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Image.Images;
using SharpStack.Image.Quotas;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Tests.Quotas;

/// <summary>[image] user_storage_quota: how it is read and what the upload path's check answers.</summary>
public sealed class StorageQuotaTests(StorageQuotaCloud cloud) : IClassFixture<StorageQuotaCloud>
{
    [Theory]
    [InlineData("0", null)]
    [InlineData("0GB", null)]
    [InlineData("10", 10L)]
    [InlineData("10B", 10L)]
    [InlineData("1KB", 1024L)]
    [InlineData("2MB", 2L * 1024 * 1024)]
    [InlineData("3GB", 3L * 1024 * 1024 * 1024)]
    [InlineData("1TB", 1024L * 1024 * 1024 * 1024)]
    public void Sizes_are_read_as_glance_reads_them(string text, long? bytes) => Assert.Equal(bytes, StorageQuota.Parse(text));

    [Theory]
    [InlineData("1 KB")]
    [InlineData("1K")]
    [InlineData("1kb")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("1PB")]
    public void Other_values_stop_the_service_at_start(string text)
    {
        var e = Assert.Throws<ConfigException>(() => StorageQuota.Parse(text));
        Assert.Contains("[image] user_storage_quota", e.Message);
    }

    [Fact]
    public async Task Stored_bytes_of_the_project_count_against_the_quota()
    {
        var project = Guid.NewGuid().ToString("N");
        var stored = await AddImageAsync(project, ImageStatus.Active, 600, copies: 1);
        await AddImageAsync(project, ImageStatus.Killed, 5000, copies: 1);
        await AddImageAsync(Guid.NewGuid().ToString("N"), ImageStatus.Active, 5000, copies: 1);
        var target = Guid.NewGuid().ToString();

        using var scope = cloud.ImageServices.CreateScope();
        var quotas = scope.ServiceProvider.GetRequiredService<ImageQuotas>();
        Assert.Equal(424, await quotas.CheckStorageQuotaAsync(project, target, 400, CancellationToken.None));
        Assert.Equal(424, await quotas.CheckStorageQuotaAsync(project, target, null, CancellationToken.None));
        var e = await Assert.ThrowsAsync<ApiException>(() => quotas.CheckStorageQuotaAsync(project, target, 500, CancellationToken.None));
        Assert.Equal(413, e.Status);
        Assert.Equal("Image exceeds the storage quota: The size of the data 500 will exceed the limit. 424 bytes remaining.", e.Message);
        // The image being replaced does not count against itself.
        Assert.Equal(1024, await quotas.CheckStorageQuotaAsync(project, stored, 1000, CancellationToken.None));

        // Two live locations count twice; an unknown size fails once nothing is left.
        await AddImageAsync(project, ImageStatus.Active, 300, copies: 2);
        e = await Assert.ThrowsAsync<ApiException>(() => quotas.CheckStorageQuotaAsync(project, target, null, CancellationToken.None));
        Assert.Equal("Image exceeds the storage quota: The size of the data None will exceed the limit. -176 bytes remaining.", e.Message);

        // Unified limits are off: their checks are no-ops.
        await quotas.EnforceImageSizeTotalAsync(project, CancellationToken.None, 1_000_000);
        await quotas.EnforceImageCountTotalAsync(project, CancellationToken.None);
    }

    private async Task<string> AddImageAsync(string owner, string status, long size, int copies)
    {
        using var db = cloud.OpenDb();
        var now = DateTime.UtcNow;
        var image = new ImageRow { Id = Guid.NewGuid().ToString(), Status = status, Visibility = ImageVisibility.Private, Owner = owner, Size = size, CreatedAt = now, UpdatedAt = now };
        for (var i = 0; i < copies; i++)
            image.Locations.Add(new ImageLocationRow { ImageId = image.Id, Url = $"file:///tmp/{image.Id}-{i}", CreatedAt = now });
        db.Images.Add(image);
        await db.SaveChangesAsync();
        return image.Id;
    }
}
