using Microsoft.EntityFrameworkCore;

namespace SharpStack.Core.Storage;

/// <summary>Runs work in one database transaction under the provider's execution strategy, so that on PostgreSQL a
/// dropped connection (database restart) retries the whole unit rather than failing or half-applying it.
/// The work may therefore run more than once: it starts with an empty change tracker each time, so it reads (and
/// tracks) what it changes and creates its entities itself, and does nothing outside the database; what must follow
/// the commit (cache invalidation, revocation events) comes after RunAsync returns. An exception the work throws
/// (a 404, a 409 from its own SaveChanges) rolls the transaction back and is not retried; a DbUpdateException from the
/// final SaveChanges reaches the caller as is.</summary>
public static class Transactions
{
    public static Task RunAsync(DbContext db, Func<CancellationToken, Task> work, CancellationToken ct) =>
        RunAsync<bool>(db, async c =>
        {
            await work(c);
            return true;
        }, ct);

    public static Task<T> RunAsync<T>(DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async c =>
        {
            db.ChangeTracker.Clear();
            using var turn = await SqliteWriteGate.EnterAsync(db, c);
            await using var tx = await db.Database.BeginTransactionAsync(c);
            var result = await work(c);
            await db.SaveChangesAsync(c);
            await tx.CommitAsync(c);
            return result;
        }, ct);
}
