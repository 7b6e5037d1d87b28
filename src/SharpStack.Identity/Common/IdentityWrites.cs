using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Common;

/// <summary>The one way Identity commits a change: save, translate a uniqueness violation into Keystone's 409, and
/// bump the revision so caches (validated tokens, catalogs) refresh.</summary>
public static class IdentityWrites
{
    /// <param name="entity">The kind of thing being stored, for the conflict message ("region", "user").</param>
    public static async Task CommitAsync(this IdentityDb db, IdentityRevision revision, string entity, CancellationToken ct, string? details = null)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            throw Conflict(entity, details ?? "Duplicate entry");
        }
        await revision.BumpAsync(db, ct);
    }

    /// <summary>Keystone's 409 text.</summary>
    public static ApiException Conflict(string entity, string details) =>
        ApiException.Conflict($"Conflict occurred attempting to store {entity} - {details}.");
}
