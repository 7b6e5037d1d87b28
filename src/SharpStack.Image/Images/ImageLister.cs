using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Images;

/// <summary>GET /v2/images in the database (Glance's image_get_all): visibility for the caller, filters, keyset
/// pagination after a marker, one page of rows; then the page's properties, tags (and locations when shown).</summary>
public sealed class ImageLister(ImageDb db, ImageLookup lookup, ImageView view)
{
    public async Task<List<ImageRow>> ListAsync(ImageCaller caller, ImageListQuery query, CancellationToken ct)
    {
        // One connection for the whole page (up to five queries): SQLite's connection pool takes a lock on every
        // open and close, and under concurrent lists that lock was where requests waited.
        await db.Database.OpenConnectionAsync(ct);
        var images = Visible(db.Images.AsNoTracking().Where(i => !i.Deleted && i.Status != ImageStatus.Killed), caller, query);
        foreach (var filter in query.Filters) images = Apply(images, filter);
        ImageRow? marker = null;
        if (query.Marker is not null)
        {
            // Glance's _image_get for the marker: unknown → 400, invisible → 403.
            marker = query.Marker.Length <= 36 ? await db.Images.AsNoTracking().FirstOrDefaultAsync(i => i.Id == query.Marker && !i.Deleted, ct) : null;
            if (marker is null) throw ApiException.BadRequest($"No image found with ID {query.Marker}");
            if (!await lookup.IsVisibleAsync(caller, marker, ct)) throw ApiException.Forbidden($"Forbidding request, image {query.Marker} not visible");
            images = images.Where(After(query, marker));
        }
        images = ImageSort.Apply(images, query.Sort);
        var page = await images.Take(query.Limit).ToListAsync(ct);
        if (page.Count == 0) return page;
        await lookup.LoadDetailsAsync(page, view.ShowsLocations, ct);
        return page;
    }

    /// <summary>The image revision (bumped by database triggers on every change that a list could show). Opens the
    /// connection the list then reuses.</summary>
    public async Task<long> RevisionAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return await db.Revision.AsNoTracking().Where(r => r.Id == 1).Select(r => r.Value).FirstAsync(ct);
    }

    /// <summary>Glance's _select_images_query and its visibility rules: admins see every image; others their
    /// project's, public and community ones, and shared ones whose membership has the asked-for status.
    /// Community images appear only when asked for (visibility=community or all) or when owned.</summary>
    private IQueryable<ImageRow> Visible(IQueryable<ImageRow> images, ImageCaller caller, ImageListQuery query)
    {
        var project = caller.ProjectId;
        if (!caller.IsAdmin)
        {
            var status = query.MemberStatus;
            images = project is null
                ? images.Where(i => i.Visibility == ImageVisibility.Public || i.Visibility == ImageVisibility.Community)
                : status == "all"
                    ? images.Where(i => i.Visibility == ImageVisibility.Public || i.Visibility == ImageVisibility.Community || i.Owner == project
                        || (i.Visibility == ImageVisibility.Shared && db.Members.Any(m => m.ImageId == i.Id && m.Member == project)))
                    : images.Where(i => i.Visibility == ImageVisibility.Public || i.Visibility == ImageVisibility.Community || i.Owner == project
                        || (i.Visibility == ImageVisibility.Shared && db.Members.Any(m => m.ImageId == i.Id && m.Member == project && m.Status == status)));
        }
        if (query.Visibility is not null)
            return query.Visibility == "all" ? images : images.Where(i => i.Visibility == query.Visibility);
        return project is null
            ? images.Where(i => i.Visibility != ImageVisibility.Community)
            : images.Where(i => i.Owner == project || i.Visibility != ImageVisibility.Community);
    }

    private IQueryable<ImageRow> Apply(IQueryable<ImageRow> images, ImageFilter filter)
    {
        switch (filter)
        {
            case ImageFilter.Text { Values.Count: 1 } t:
                var value = t.Values[0];
                return images.Where(ImageSort.Equal<string?>(t.Column, value));
            case ImageFilter.Text t:
                var values = t.Values.ToList();
                return images.Where(ImageSort.In(t.Column, values));
            case ImageFilter.Number n:
                return images.Where(ImageSort.CompareNumber(n.Column, n.Op, n.Value));
            case ImageFilter.Time t:
                return images.Where(ImageSort.CompareTime(t.Column, t.Op, t.Value));
            case ImageFilter.Flag { Column: "os_hidden" } f:
                return images.Where(i => i.OsHidden == f.Value);
            case ImageFilter.Flag f:
                return images.Where(i => i.Protected == f.Value);
            case ImageFilter.Property p:
                return images.Where(i => db.Properties.Any(x => x.ImageId == i.Id && x.Name == p.Name && x.Value == p.Value));
            case ImageFilter.Tag t:
                return images.Where(i => db.Tags.Any(x => x.ImageId == i.Id && x.Value == t.Value));
            default:
                return images.Where(i => false);
        }
    }

    private static Expression<Func<ImageRow, bool>> After(ImageListQuery query, ImageRow marker) => ImageSort.After(query.Sort, marker);
}
