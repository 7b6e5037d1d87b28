using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SharpStack.Placement.Storage.Migrations;

/// <summary>Usage sums (every claim, every candidate search) read only the index: (provider, class, used), as upstream's
/// allocations_resource_provider_class_used_idx. Frozen once shipped.</summary>
[DbContext(typeof(PlacementDb))]
[Migration("20261122110000_UsageIndex")]
public sealed class UsageIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_allocations_provider_id_resource_class_id", table: "allocations");
        migrationBuilder.CreateIndex(name: "IX_allocations_provider_id_resource_class_id_used", table: "allocations",
            columns: ["provider_id", "resource_class_id", "used"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_allocations_provider_id_resource_class_id_used", table: "allocations");
        migrationBuilder.CreateIndex(name: "IX_allocations_provider_id_resource_class_id", table: "allocations",
            columns: ["provider_id", "resource_class_id"]);
    }
}
