using Microsoft.EntityFrameworkCore.Migrations;

namespace SharpStack.Core.Storage;

/// <summary>A one-row revision counter that database triggers bump on every insert, update or delete of the given
/// tables (SQLite: a trigger per table and operation; PostgreSQL: one statement-level trigger per table), so that
/// caches can tell with one key lookup whether anything they show changed, whoever changed it.</summary>
public static class RevisionTriggers
{
    private const string Npgsql = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Fills the (already created) counter table with its row and adds the triggers.</summary>
    public static void Create(MigrationBuilder migration, string counterTable, string function, IEnumerable<string> tables)
    {
        migration.Sql($"INSERT INTO {counterTable} (id, value) VALUES (1, 0);");
        if (migration.ActiveProvider == Npgsql)
        {
            migration.Sql($"""
                CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE {counterTable} SET value = value + 1 WHERE id = 1; RETURN NULL; END $$;
                """);
            foreach (var table in tables)
                migration.Sql($"CREATE TRIGGER {table}_revision AFTER INSERT OR UPDATE OR DELETE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {function}();");
        }
        else
        {
            foreach (var table in tables)
                foreach (var op in new[] { "INSERT", "UPDATE", "DELETE" })
                    migration.Sql($"CREATE TRIGGER {table}_revision_{op.ToLowerInvariant()} AFTER {op} ON {table} BEGIN UPDATE {counterTable} SET value = value + 1 WHERE id = 1; END;");
        }
    }

    /// <summary>Removes the triggers (the counter table is dropped by the migration).</summary>
    public static void Drop(MigrationBuilder migration, string function, IEnumerable<string> tables)
    {
        if (migration.ActiveProvider == Npgsql)
        {
            foreach (var table in tables) migration.Sql($"DROP TRIGGER {table}_revision ON {table};");
            migration.Sql($"DROP FUNCTION {function}();");
        }
        else
        {
            foreach (var table in tables)
                foreach (var op in new[] { "insert", "update", "delete" })
                    migration.Sql($"DROP TRIGGER {table}_revision_{op};");
        }
    }
}
