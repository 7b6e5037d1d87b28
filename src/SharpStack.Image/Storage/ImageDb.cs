using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Storage;

/// <summary>The image service's database: tables named as Glance names them.</summary>
public sealed class ImageDb(DbContextOptions<ImageDb> options) : DbContext(options)
{
    public DbSet<ImageRow> Images => Set<ImageRow>();
    public DbSet<ImagePropertyRow> Properties => Set<ImagePropertyRow>();
    public DbSet<ImageTagRow> Tags => Set<ImageTagRow>();
    public DbSet<ImageLocationRow> Locations => Set<ImageLocationRow>();
    public DbSet<ImageMemberRow> Members => Set<ImageMemberRow>();
    public DbSet<TaskRow> Tasks => Set<TaskRow>();
    public DbSet<ImageRevisionRow> Revision => Set<ImageRevisionRow>();
    public DbSet<MetadefNamespaceRow> MetadefNamespaces => Set<MetadefNamespaceRow>();
    public DbSet<MetadefObjectRow> MetadefObjects => Set<MetadefObjectRow>();
    public DbSet<MetadefPropertyRow> MetadefProperties => Set<MetadefPropertyRow>();
    public DbSet<MetadefTagRow> MetadefTags => Set<MetadefTagRow>();
    public DbSet<MetadefResourceTypeRow> MetadefResourceTypes => Set<MetadefResourceTypeRow>();
    public DbSet<MetadefNamespaceResourceTypeRow> MetadefNamespaceResourceTypes => Set<MetadefNamespaceResourceTypeRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<ImageRevisionRow>(e =>
        {
            e.ToTable("image_revision");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
        });
        b.Entity<ImageRow>(e =>
        {
            e.ToTable("images");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(36);
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.Status).HasMaxLength(30);
            e.Property(x => x.Visibility).HasMaxLength(20);
            e.Property(x => x.DiskFormat).HasMaxLength(20);
            e.Property(x => x.ContainerFormat).HasMaxLength(20);
            e.Property(x => x.Checksum).HasMaxLength(32);
            e.Property(x => x.OsHashAlgo).HasMaxLength(64);
            e.Property(x => x.OsHashValue).HasMaxLength(128);
            e.Property(x => x.Owner).HasMaxLength(255);
            e.Property(x => x.Version).IsConcurrencyToken();
            // The default list order (created_at desc, id desc) over live images, walked in order without a sort.
            e.HasIndex(x => new { x.CreatedAt, x.Id }).HasFilter("NOT deleted");
            e.HasIndex(x => x.Owner);
            e.HasIndex(x => x.Visibility);
            e.HasIndex(x => x.Status);
            e.HasIndex(x => x.Name);
            e.HasMany(x => x.Properties).WithOne().HasForeignKey(p => p.ImageId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Tags).WithOne().HasForeignKey(t => t.ImageId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Locations).WithOne().HasForeignKey(l => l.ImageId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ImagePropertyRow>(e =>
        {
            e.ToTable("image_properties");
            e.HasKey(x => x.InternalId);
            e.Property(x => x.ImageId).HasMaxLength(36);
            e.Property(x => x.Name).HasMaxLength(255);
            e.HasIndex(x => new { x.ImageId, x.Name }).IsUnique();
            e.HasIndex(x => new { x.Name, x.Value });
        });
        b.Entity<ImageTagRow>(e =>
        {
            e.ToTable("image_tags");
            e.HasKey(x => x.InternalId);
            e.Property(x => x.ImageId).HasMaxLength(36);
            e.Property(x => x.Value).HasMaxLength(255);
            e.HasIndex(x => new { x.ImageId, x.Value }).IsUnique();
            e.HasIndex(x => x.Value);
        });
        b.Entity<ImageLocationRow>(e =>
        {
            e.ToTable("image_locations");
            e.HasKey(x => x.InternalId);
            e.Property(x => x.ImageId).HasMaxLength(36);
            e.Property(x => x.Status).HasMaxLength(30);
            e.HasIndex(x => x.ImageId);
        });
        b.Entity<ImageMemberRow>(e =>
        {
            e.ToTable("image_members");
            e.HasKey(x => x.InternalId);
            e.Property(x => x.ImageId).HasMaxLength(36);
            e.Property(x => x.Member).HasMaxLength(255);
            e.Property(x => x.Status).HasMaxLength(20);
            e.HasIndex(x => new { x.ImageId, x.Member }).IsUnique();
            e.HasIndex(x => x.Member);
        });
        b.Entity<TaskRow>(e =>
        {
            e.ToTable("tasks");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(36);
            e.Property(x => x.Type).HasMaxLength(30);
            e.Property(x => x.Status).HasMaxLength(30);
            e.Property(x => x.Owner).HasMaxLength(255);
            e.Property(x => x.ImageId).HasMaxLength(36);
            e.HasIndex(x => x.ImageId);
            e.HasIndex(x => x.Owner);
        });
        MetadefModel.Configure(b);
        ModelConventions.UseSnakeCaseColumns(b);
        ModelConventions.UseUtcDateTimes(b);
    }
}
