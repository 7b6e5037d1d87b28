using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SharpStack.Placement.Storage.Migrations;

/// <summary>Which providers changed, and when: a row per provider holding the placement revision of its latest change
/// to itself, its inventories, allocations, traits or aggregates, written by row-level triggers (SQLite and
/// PostgreSQL). The candidate search's in-memory snapshot re-reads only those providers. The trigger bumps the
/// revision itself before recording it: on PostgreSQL that row lock orders writers, so a change committed later can
/// never carry a smaller number than one already seen. Frozen once shipped.</summary>
[DbContext(typeof(PlacementDb))]
[Migration("20261122120000_ProviderChanges")]
public sealed class ProviderChanges : Migration
{
    private const string Npgsql = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private static readonly string[] All = ["INSERT", "UPDATE", "DELETE"];

    /// <summary>Table → the column naming the provider, and the operations watched (allocations are never updated).</summary>
    private static readonly (string Table, string Column, string[] Ops)[] Sources =
    [
        ("resource_providers", "id", All), ("inventories", "provider_id", All), ("allocations", "provider_id", ["INSERT", "DELETE"]),
        ("resource_provider_traits", "provider_id", All), ("resource_provider_aggregates", "provider_id", All),
    ];


    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "placement_provider_changes",
            columns: table => new
            {
                ProviderId = table.Column<int>(name: "provider_id", nullable: false),
                Seq = table.Column<long>(name: "seq", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_placement_provider_changes", x => x.ProviderId));
        migrationBuilder.CreateIndex(name: "IX_placement_provider_changes_seq", table: "placement_provider_changes", column: "seq");

        const string record = "INSERT INTO placement_provider_changes (provider_id, seq) VALUES ({0}, (SELECT value FROM placement_revision WHERE id = 1)) " +
                              "ON CONFLICT (provider_id) DO UPDATE SET seq = excluded.seq;";
        const string bump = "UPDATE placement_revision SET value = value + 1 WHERE id = 1;";
        if (migrationBuilder.ActiveProvider == Npgsql)
        {
            foreach (var (table, column, ops) in Sources)
            {
                migrationBuilder.Sql($"""
                    CREATE FUNCTION note_{table}_change() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      {bump}
                      IF TG_OP = 'DELETE' THEN {string.Format(record, "OLD." + column)} ELSE {string.Format(record, "NEW." + column)} END IF;
                      RETURN NULL;
                    END $$;
                    """);
                migrationBuilder.Sql($"CREATE TRIGGER {table}_change AFTER {string.Join(" OR ", ops)} ON {table} FOR EACH ROW EXECUTE FUNCTION note_{table}_change();");
            }
        }
        else
        {
            foreach (var (table, column, ops) in Sources)
                foreach (var op in ops)
                {
                    // The plain revision trigger of the same table and operation is superseded (this one bumps the
                    // revision too): one trigger less per row on the claim path.
                    migrationBuilder.Sql($"DROP TRIGGER {table}_revision_{op.ToLowerInvariant()};");
                    var rows = op switch
                    {
                        "INSERT" => string.Format(record, "NEW." + column),
                        "DELETE" => string.Format(record, "OLD." + column),
                        // Ids never change (a provider moving is an update of its own row): the new row names it.
                        _ => string.Format(record, "NEW." + column),
                    };
                    migrationBuilder.Sql($"CREATE TRIGGER {table}_change_{op.ToLowerInvariant()} AFTER {op} ON {table} BEGIN {bump} {rows} END;");
                }
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var (table, _, ops) in Sources)
        {
            if (migrationBuilder.ActiveProvider == Npgsql)
            {
                migrationBuilder.Sql($"DROP TRIGGER {table}_change ON {table};");
                migrationBuilder.Sql($"DROP FUNCTION note_{table}_change();");
            }
            else
                foreach (var op in ops)
                {
                    migrationBuilder.Sql($"DROP TRIGGER {table}_change_{op.ToLowerInvariant()};");
                    migrationBuilder.Sql($"CREATE TRIGGER {table}_revision_{op.ToLowerInvariant()} AFTER {op} ON {table} BEGIN UPDATE placement_revision SET value = value + 1 WHERE id = 1; END;");
                }
        }
        migrationBuilder.DropTable(name: "placement_provider_changes");
    }
}
