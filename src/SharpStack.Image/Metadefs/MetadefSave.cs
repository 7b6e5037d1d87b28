using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Image.Storage;

namespace SharpStack.Image.Metadefs;

/// <summary>Saves metadef changes; a unique-name violation (a concurrent create of the same name) becomes the 409
/// the caller words.</summary>
public static class MetadefSave
{
    public static async Task SaveAsync(ImageDb db, Func<ApiException> duplicate, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw duplicate();
        }
    }
}
