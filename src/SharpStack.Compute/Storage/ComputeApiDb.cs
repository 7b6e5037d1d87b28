using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Storage;
using SharpStack.Compute.Storage.Entities;

namespace SharpStack.Compute.Storage;

/// <summary>The compute API database (Nova's nova_api): table and column names as upstream's.</summary>
public sealed class ComputeApiDb(DbContextOptions<ComputeApiDb> options) : DbContext(options)
{
    public DbSet<FlavorRow> Flavors => Set<FlavorRow>();
    public DbSet<FlavorExtraSpecRow> FlavorExtraSpecs => Set<FlavorExtraSpecRow>();
    public DbSet<FlavorProjectRow> FlavorProjects => Set<FlavorProjectRow>();
    public DbSet<KeyPairRow> KeyPairs => Set<KeyPairRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<FlavorRow>(e =>
        {
            e.ToTable("flavors");
            e.HasKey(x => x.Id);
            e.Property(x => x.FlavorId).HasMaxLength(255);
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.Description);
            e.HasIndex(x => x.FlavorId).IsUnique();
            e.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<FlavorExtraSpecRow>(e =>
        {
            e.ToTable("flavor_extra_specs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Key).HasMaxLength(255);
            e.Property(x => x.Value).HasMaxLength(255);
            e.HasIndex(x => new { x.FlavorId, x.Key }).IsUnique();
        });
        b.Entity<FlavorProjectRow>(e =>
        {
            e.ToTable("flavor_projects");
            e.HasKey(x => x.Id);
            e.Property(x => x.ProjectId).HasMaxLength(255);
            e.HasIndex(x => new { x.FlavorId, x.ProjectId }).IsUnique();
        });
        b.Entity<KeyPairRow>(e =>
        {
            e.ToTable("key_pairs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.UserId).HasMaxLength(255);
            e.Property(x => x.Fingerprint).HasMaxLength(255);
            e.Property(x => x.Type).HasMaxLength(10);
            e.HasIndex(x => new { x.UserId, x.Name }).IsUnique();
        });
        ModelConventions.UseSnakeCaseColumns(b);
        ModelConventions.UseUtcDateTimes(b);
        // Nova spells the public flavor id as one word.
        b.Entity<FlavorRow>().Property(x => x.FlavorId).HasColumnName("flavorid");
    }
}
