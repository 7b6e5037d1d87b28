using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace SharpStack.Image.Tests.Api;

/// <summary>GET /v2/images: visibility for a project user, filters, sorting, pagination and their refusals.</summary>
public sealed class ImagesListTests(ImageCloud cloud) : IClassFixture<ImageCloud>
{
    private static async Task<string> CreateAsync(HttpClient client, JsonObject body)
    {
        var (status, image) = await client.CallAsync(HttpMethod.Post, "v2/images", body);
        Assert.Equal(HttpStatusCode.Created, status);
        return image!["id"]!.GetValue<string>();
    }

    private static async Task<(JsonNode Body, List<string> Names)> ListAsync(HttpClient client, string query)
    {
        var (status, body) = await client.CallAsync(HttpMethod.Get, "v2/images" + query);
        Assert.True(status == HttpStatusCode.OK, $"{status} {body?.ToJsonString()}");
        return (body!, body!["images"]!.AsArray().Select(i => i!["name"]?.GetValue<string>() ?? "").ToList());
    }

    [Fact]
    public async Task Default_list_of_a_project_user_follows_glance_visibility()
    {
        var tag = "v" + Guid.NewGuid().ToString("N")[..8];
        var (project, token) = await cloud.ProjectUserAsync();
        using var user = cloud.Client(token);
        using var admin = cloud.AdminClient();
        await CreateAsync(user, new JsonObject { ["name"] = "own-private", ["visibility"] = "private", ["tags"] = new JsonArray(tag) });
        await CreateAsync(user, new JsonObject { ["name"] = "own-community", ["visibility"] = "community", ["tags"] = new JsonArray(tag) });
        await CreateAsync(user, new JsonObject { ["name"] = "own-hidden", ["os_hidden"] = true, ["tags"] = new JsonArray(tag) });
        await CreateAsync(admin, new JsonObject { ["name"] = "public", ["visibility"] = "public", ["tags"] = new JsonArray(tag) });
        await CreateAsync(admin, new JsonObject { ["name"] = "other-community", ["visibility"] = "community", ["tags"] = new JsonArray(tag) });
        await CreateAsync(admin, new JsonObject { ["name"] = "other-private", ["visibility"] = "private", ["tags"] = new JsonArray(tag) });
        var shared = await CreateAsync(admin, new JsonObject { ["name"] = "shared-accepted", ["tags"] = new JsonArray(tag) });
        var pending = await CreateAsync(admin, new JsonObject { ["name"] = "shared-pending", ["tags"] = new JsonArray(tag) });
        await using (var db = cloud.OpenDb())
        {
            db.Members.Add(new() { ImageId = shared, Member = project, Status = "accepted", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            db.Members.Add(new() { ImageId = pending, Member = project, Status = "pending", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var (_, names) = await ListAsync(user, $"?tag={tag}&sort=name:asc");
        Assert.Equal(["own-community", "own-private", "public", "shared-accepted"], names);
        (_, names) = await ListAsync(user, $"?tag={tag}&sort=name:asc&visibility=community");
        Assert.Equal(["other-community", "own-community"], names);
        (_, names) = await ListAsync(user, $"?tag={tag}&sort=name:asc&member_status=pending");
        Assert.Equal(["own-community", "own-private", "public", "shared-pending"], names);
        (_, names) = await ListAsync(user, $"?tag={tag}&sort=name:asc&visibility=all&member_status=all");
        Assert.Equal(["other-community", "own-community", "own-private", "public", "shared-accepted", "shared-pending"], names);
        (_, names) = await ListAsync(user, $"?tag={tag}&os_hidden=true");
        Assert.Equal(["own-hidden"], names);
        (_, names) = await ListAsync(admin, $"?tag={tag}&sort=name:asc");
        // Admins see every project's images, community ones only when their own (or asked for).
        Assert.Equal(["other-community", "other-private", "own-private", "public", "shared-accepted", "shared-pending"], names);
    }

    [Fact]
    public async Task Filters_sorting_and_pagination()
    {
        var tag = "f" + Guid.NewGuid().ToString("N")[..8];
        using var admin = cloud.AdminClient();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add(await CreateAsync(admin, new JsonObject
            {
                ["name"] = $"img{i}", ["tags"] = new JsonArray(tag, i % 2 == 0 ? "even" : "odd"), ["disk_format"] = i < 2 ? "raw" : "qcow2",
                ["min_ram"] = i * 100, ["protected"] = i == 4, ["flavor"] = i == 3 ? "big" : "small",
            }));
        await using (var db = cloud.OpenDb())
        {
            // Sizes as an upload would set them; img0 keeps none.
            foreach (var (id, size) in ids.Skip(1).Select((id, i) => (id, (long)(i + 1) * 10)))
                await db.Images.Where(x => x.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Size, size));
        }
        async Task<List<string>> Names(string q) => (await ListAsync(admin, $"?tag={tag}&{q}")).Names;

        Assert.Equal(["img0", "img2", "img4"], await Names("tag=even&sort=name:asc"));
        Assert.Equal(["img1", "img0"], await Names("disk_format=raw&sort_key=name"));
        Assert.Equal(["img2", "img4"], await Names("disk_format=in:qcow2,\"x,y\"&name=in:img2,img4&sort=name:asc"));
        Assert.Equal(["img2", "img3"], await Names("size_min=20&size_max=30&sort_key=size&sort_dir=asc"));
        Assert.Equal(["img3"], await Names("flavor=big"));
        Assert.Equal(["img4"], await Names("protected=true"));
        Assert.Equal(["img1"], await Names("min_ram=100"));
        Assert.Equal(["img0", "img1", "img2", "img3", "img4"], await Names("sort=size:asc,name:asc"));
        Assert.Equal(["img4", "img3", "img2", "img1", "img0"], await Names("sort_key=size&sort_key=name&sort_dir=desc"));
        Assert.Empty(await Names("created_at=lt:2000-01-01T00:00:00Z"));
        Assert.Equal(5, (await Names("created_at=gte:2000-01-01T00:00:00Z&updated_at=neq:2000-01-01")).Count);
        Assert.Equal(["img0"], await Names($"id={ids[0]}"));

        // Keyset pages over a sort with NULL sizes and ties, following next links.
        var seen = new List<string>();
        var (body, names) = await ListAsync(admin, $"?tag={tag}&sort=size:asc&limit=2");
        Assert.Equal($"/v2/images?tag={tag}&sort=size%3Aasc&limit=2", body["first"]!.GetValue<string>());
        Assert.Equal("/v2/schemas/images", body["schema"]!.GetValue<string>());
        seen.AddRange(names);
        while (body["next"] is { } next)
        {
            Assert.StartsWith($"/v2/images?tag={tag}&sort=size%3Aasc&limit=2&marker=", next.GetValue<string>());
            (body, names) = await ListAsync(admin, next.GetValue<string>()["/v2/images".Length..]);
            seen.AddRange(names);
        }
        Assert.Equal(["img0", "img1", "img2", "img3", "img4"], seen);
        (body, names) = await ListAsync(admin, $"?tag={tag}&limit=0");
        Assert.Empty(names);
        Assert.Null(body["next"]);
    }

    [Theory]
    [InlineData("limit=x", "limit param must be an integer")]
    [InlineData("limit=-1", "limit param must be positive")]
    [InlineData("marker=00000000-0000-0000-0000-000000000000", "No image found with ID 00000000-0000-0000-0000-000000000000")]
    [InlineData("member_status=maybe", "Invalid status: maybe")]
    [InlineData("visibility=secret", "Invalid visibility value: secret")]
    [InlineData("changes-since=2020-01-01", "The \"changes-since\" filter is no longer available on v2.")]
    [InlineData("os_hidden=maybe", "Invalid value 'maybe' for 'os_hidden' filter. Valid values are 'true' or 'false'.")]
    [InlineData("protected=yes", "Invalid value 'yes' for 'protected' filter. Valid values are 'true' or 'false'.")]
    [InlineData("size_min=big", "Unable to filter on a range with a non-numeric value.")]
    [InlineData("created_at=yesterday", "Bad \"created_at\" query filter format. Use ISO 8601 DateTime notation.")]
    [InlineData("created_at=after:2020-01-01", "Unable to filter on a unknown operator.")]
    [InlineData("name=like:x", "Unable to filter by unknown operator 'like'.")]
    [InlineData("name=in:a\"b\"", "Invalid filter value a\"b\". There is no comma before opening quotation mark.")]
    [InlineData("name=in:\"a", "Invalid filter value \"a. The quote is not closed.")]
    [InlineData("sort_key=owner", "Invalid sort key: owner. It must be one of the following: name, status, container_format, disk_format, size, id, created_at, updated_at.")]
    [InlineData("sort_dir=up", "Invalid sort direction: up")]
    [InlineData("sort=name:up", "Invalid sort direction: up")]
    [InlineData("sort=name&sort_key=id", "Old and new sorting syntax cannot be combined")]
    [InlineData("sort_key=name&sort_key=id&sort_key=size&sort_dir=asc&sort_dir=desc", "Number of sort dirs does not match the number of sort keys")]
    public async Task Bad_queries_are_400(string query, string message)
    {
        using var admin = cloud.AdminClient();
        var (status, body) = await admin.CallAsync(HttpMethod.Get, "v2/images?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message, body.Message());
    }

    [Fact]
    public async Task A_marker_the_caller_cannot_see_is_403_and_head_answers()
    {
        using var admin = cloud.AdminClient();
        var id = await CreateAsync(admin, new JsonObject { ["visibility"] = "private" });
        var (_, token) = await cloud.ProjectUserAsync();
        using var user = cloud.Client(token);
        var (status, body) = await user.CallAsync(HttpMethod.Get, "v2/images?marker=" + id);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"Forbidding request, image {id} not visible", body.Message());
        using var head = await user.SendAsync(new HttpRequestMessage(HttpMethod.Head, "v2/images"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task A_repeated_list_sees_every_change_made_behind_its_back()
    {
        // Lists are kept per caller and query until the image revision moves; changes written straight to the
        // database (as another Image process sharing it would) must move it too.
        var tag = "c" + Guid.NewGuid().ToString("N")[..8];
        var (project, token) = await cloud.ProjectUserAsync();
        using var user = cloud.Client(token);
        using var admin = cloud.AdminClient();
        var own = await CreateAsync(user, new JsonObject { ["name"] = "a-own", ["tags"] = new JsonArray(tag) });
        var shared = await CreateAsync(admin, new JsonObject { ["name"] = "b-shared", ["tags"] = new JsonArray(tag) });
        var query = $"?tag={tag}&sort=name:asc";
        Assert.Equal(["a-own"], (await ListAsync(user, query)).Names);
        Assert.Equal(["a-own"], (await ListAsync(user, query)).Names);

        await using (var db = cloud.OpenDb())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE images SET name = 'a-renamed' WHERE id = {0}", own);
            Assert.Equal(["a-renamed"], (await ListAsync(user, query)).Names);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO image_members (image_id, member, status, created_at, updated_at) VALUES ({0}, {1}, 'accepted', {2}, {2})",
                shared, project, DateTime.UtcNow);
            Assert.Equal(["a-renamed", "b-shared"], (await ListAsync(user, query)).Names);
            await db.Database.ExecuteSqlRawAsync("INSERT INTO image_properties (image_id, name, value) VALUES ({0}, 'hw_arch', 'x86_64')", own);
            var (body, _) = await ListAsync(user, query);
            Assert.Equal("x86_64", body["images"]![0]!["hw_arch"]!.GetValue<string>());
            await db.Database.ExecuteSqlRawAsync("DELETE FROM image_tags WHERE image_id = {0}", shared);
            Assert.Equal(["a-renamed"], (await ListAsync(user, query)).Names);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM image_members WHERE image_id = {0}", shared);
            await db.Database.ExecuteSqlRawAsync("INSERT INTO image_tags (image_id, value) VALUES ({0}, {1})", shared, tag);
            Assert.Equal(["a-renamed"], (await ListAsync(user, query)).Names);
        }
        // The same query by another caller is answered for that caller.
        Assert.Equal(["a-renamed", "b-shared"], (await ListAsync(admin, query)).Names);
    }
}
