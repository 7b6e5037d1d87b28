using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Image.Configuration;
using SharpStack.Image.Images;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Members;

/// <summary>What a member operation is about to do, for Glance's visibility-and-ownership check.</summary>
public enum MemberAction
{
    Create,
    List,
    Show,
    Update,
    Delete,
}

/// <summary>The rules of image sharing (Glance's ImageMembersController, member repo and member quota): only shared
/// images have members; only the owner adds and removes them; only the member answers (accepts, rejects); a caller
/// sees the rows of images it owns and its own row elsewhere; admins are bound by none of this.</summary>
public sealed class MemberManager(ImageDb db, ImageLookup lookup, SharpStackConfig config, TimeProvider time)
{
    /// <summary>The image the caller may see, or 404 in the members API's words.</summary>
    public async Task<ImageRow> FindImageAsync(ImageCaller caller, string imageId, CancellationToken ct)
    {
        try
        {
            return await lookup.GetVisibleAsync(caller, imageId, ct);
        }
        catch (ApiException e) when (e.Status == 404)
        {
            throw ApiException.NotFound($"Image {imageId} not found.");
        }
    }

    /// <summary>Glance's _check_visibility_and_ownership: the reason the action is refused, or null. With the legacy
    /// policy defaults (<paramref name="legacyOwnership"/>) non-admins must own the image to add or remove members,
    /// and must not own it to change a member's status.</summary>
    public static string? Refusal(ImageCaller caller, ImageRow image, MemberAction action, bool legacyOwnership)
    {
        if (image.Visibility != ImageVisibility.Shared) return "Only shared images have members.";
        if (!legacyOwnership || caller.IsAdmin) return null;
        return action switch
        {
            MemberAction.Create when image.Owner is null || image.Owner != caller.ProjectId => "You are not permitted to create image members for the image.",
            MemberAction.Update when image.Owner == caller.ProjectId => "You are not permitted to modify 'status' on this image member.",
            MemberAction.Delete when image.Owner != caller.ProjectId => "You cannot delete image member.",
            _ => null,
        };
    }

    /// <summary>The member_id of the image's policy target (Glance sets the caller's project on a shared image it
    /// does not own, since it could only have found it as a member).</summary>
    public static string? TargetMember(ImageCaller caller, ImageRow image) =>
        image.Visibility == ImageVisibility.Shared && caller.ProjectId != image.Owner ? caller.ProjectId : null;

    /// <summary>The image's members the caller may see: all for admins and the owner, else the caller's own row.</summary>
    public Task<List<ImageMemberRow>> ListAsync(ImageCaller caller, ImageRow image, CancellationToken ct) =>
        Visible(caller, image).OrderBy(m => m.InternalId).ToListAsync(ct);

    /// <summary>One member the caller may see, or 404.</summary>
    public async Task<ImageMemberRow> GetAsync(ImageCaller caller, ImageRow image, string memberId, CancellationToken ct) =>
        await Visible(caller, image).AsNoTracking().FirstOrDefaultAsync(m => m.Member == memberId, ct)
            ?? throw ApiException.NotFound($"{memberId} not found in the member list of the image {image.Id}.");

    /// <summary>Shares the image with a project (status pending): 413 over [image] image_member_quota, 409 when the
    /// project is already a member.</summary>
    public async Task<ImageMemberRow> AddAsync(ImageCaller caller, ImageRow image, string memberId, CancellationToken ct)
    {
        var quota = config.Get(ImageOptions.ImageMemberQuota);
        if (quota >= 0)
        {
            var attempted = await db.Members.CountAsync(m => m.ImageId == image.Id, ct) + 1;
            if (attempted > quota)
                throw new ApiException(413, $"Image member limit exceeded for image {image.Id}: The limit has been exceeded on the number of allowed image members for this image. Attempted: {attempted}, Maximum: {quota}:");
        }
        if (await Visible(caller, image).AnyAsync(m => m.Member == memberId, ct))
            throw Duplicate(memberId, image.Id);
        var now = Truncate(time.GetUtcNow().UtcDateTime);
        var row = new ImageMemberRow { ImageId = image.Id, Member = memberId, Status = MemberStatus.Pending, CreatedAt = now, UpdatedAt = now };
        db.Members.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request added the same member first (the unique index on image and member).
            throw Duplicate(memberId, image.Id);
        }
        return row;
    }

    /// <summary>Sets a member's status; 400 for anything but pending, accepted or rejected.</summary>
    public async Task<ImageMemberRow> SetStatusAsync(ImageMemberRow member, string? status, CancellationToken ct)
    {
        if (status is null || !MemberStatus.All.Contains(status))
            throw ApiException.BadRequest("Incorrect request: Status must be \"pending\", \"accepted\" or \"rejected\".");
        var now = Truncate(time.GetUtcNow().UtcDateTime);
        var updated = await db.Members.Where(m => m.InternalId == member.InternalId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status).SetProperty(m => m.UpdatedAt, now), ct);
        if (updated == 0) throw ApiException.NotFound($"{member.Member} not found in the member list of the image {member.ImageId}.");
        member.Status = status;
        member.UpdatedAt = now;
        return member;
    }

    public async Task RemoveAsync(ImageMemberRow member, CancellationToken ct)
    {
        if (await db.Members.Where(m => m.InternalId == member.InternalId).ExecuteDeleteAsync(ct) == 0)
            throw ApiException.NotFound($"The specified member {member.InternalId} could not be found");
    }

    /// <summary>Glance's _image_member_find filter: non-admins see rows of images they own and rows naming them.</summary>
    private IQueryable<ImageMemberRow> Visible(ImageCaller caller, ImageRow image)
    {
        var query = db.Members.Where(m => m.ImageId == image.Id);
        if (caller.IsAdmin) return query;
        if (caller.ProjectId is null) return query.Where(m => false);
        return image.Owner == caller.ProjectId ? query : query.Where(m => m.Member == caller.ProjectId);
    }

    private static ApiException Duplicate(string memberId, string imageId) =>
        ApiException.Conflict($"Member {memberId} is duplicated for image {imageId}");

    /// <summary>Timestamps are shown to the second; store them so, as Glance's database does.</summary>
    private static DateTime Truncate(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
