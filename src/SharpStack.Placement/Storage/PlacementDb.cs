using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Storage;

/// <summary>The placement service's database: table names as Placement's.</summary>
public sealed class PlacementDb(DbContextOptions<PlacementDb> options) : DbContext(options)
{
    public DbSet<ResourceProviderRow> Providers => Set<ResourceProviderRow>();
    public DbSet<InventoryRow> Inventories => Set<InventoryRow>();
    public DbSet<AllocationRow> Allocations => Set<AllocationRow>();
    public DbSet<ConsumerRow> Consumers => Set<ConsumerRow>();
    public DbSet<ConsumerTypeRow> ConsumerTypes => Set<ConsumerTypeRow>();
    public DbSet<ResourceClassRow> ResourceClasses => Set<ResourceClassRow>();
    public DbSet<TraitRow> Traits => Set<TraitRow>();
    public DbSet<ProviderTraitRow> ProviderTraits => Set<ProviderTraitRow>();
    public DbSet<AggregateRow> Aggregates => Set<AggregateRow>();
    public DbSet<ProviderAggregateRow> ProviderAggregates => Set<ProviderAggregateRow>();
    public DbSet<PlacementRevisionRow> Revision => Set<PlacementRevisionRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<PlacementRevisionRow>(e =>
        {
            e.ToTable("placement_revision");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
        });
        b.Entity<ResourceProviderRow>(e =>
        {
            e.ToTable("resource_providers");
            e.HasKey(x => x.Id);
            e.Property(x => x.Uuid).HasMaxLength(36);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.ParentUuid).HasMaxLength(36);
            e.Property(x => x.RootUuid).HasMaxLength(36);
            e.Property(x => x.Generation).IsConcurrencyToken();
            e.HasIndex(x => x.Uuid).IsUnique();
            e.HasIndex(x => x.Name).IsUnique();
            e.HasIndex(x => x.ParentUuid);
            e.HasIndex(x => x.RootUuid);
        });
        b.Entity<InventoryRow>(e =>
        {
            e.ToTable("inventories");
            e.HasKey(x => x.Id);
            e.Ignore(x => x.Capacity);
            e.HasIndex(x => new { x.ProviderId, x.ResourceClassId }).IsUnique();
            e.HasIndex(x => x.ResourceClassId);
        });
        b.Entity<AllocationRow>(e =>
        {
            e.ToTable("allocations");
            e.HasKey(x => x.Id);
            e.Property(x => x.ConsumerUuid).HasMaxLength(36);
            e.HasIndex(x => x.ConsumerUuid);
            e.HasIndex(x => new { x.ProviderId, x.ResourceClassId, x.Used });
        });
        b.Entity<ConsumerRow>(e =>
        {
            e.ToTable("consumers");
            e.HasKey(x => x.Id);
            e.Property(x => x.Uuid).HasMaxLength(36);
            e.Property(x => x.ProjectId).HasMaxLength(255);
            e.Property(x => x.UserId).HasMaxLength(255);
            e.Property(x => x.Generation).IsConcurrencyToken();
            e.HasIndex(x => x.Uuid).IsUnique();
            e.HasIndex(x => new { x.ProjectId, x.UserId });
        });
        b.Entity<ConsumerTypeRow>(e =>
        {
            e.ToTable("consumer_types");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(255);
            e.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<ResourceClassRow>(e =>
        {
            e.ToTable("resource_classes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Name).HasMaxLength(255);
            e.Ignore(x => x.IsCustom);
            e.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<TraitRow>(e =>
        {
            e.ToTable("traits");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(255);
            e.Ignore(x => x.IsCustom);
            e.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<ProviderTraitRow>(e =>
        {
            e.ToTable("resource_provider_traits");
            e.HasKey(x => new { x.ProviderId, x.TraitId });
            e.HasIndex(x => x.TraitId);
        });
        b.Entity<AggregateRow>(e =>
        {
            e.ToTable("placement_aggregates");
            e.HasKey(x => x.Id);
            e.Property(x => x.Uuid).HasMaxLength(36);
            e.HasIndex(x => x.Uuid).IsUnique();
        });
        b.Entity<ProviderAggregateRow>(e =>
        {
            e.ToTable("resource_provider_aggregates");
            e.HasKey(x => new { x.ProviderId, x.AggregateId });
            e.HasIndex(x => x.AggregateId);
        });
        ModelConventions.UseSnakeCaseColumns(b);
    }
}
