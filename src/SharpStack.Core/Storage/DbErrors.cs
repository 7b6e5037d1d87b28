using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SharpStack.Core.Storage;

/// <summary>What a failed write means, whichever database refused it.</summary>
public static class DbErrors
{
    /// <summary>A unique index refused the row (SQLite constraint error, PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException { SqliteErrorCode: 19 } => true,
        PostgresException { SqlState: "23505" } => true,
        _ => false,
    };
}
