using Microsoft.EntityFrameworkCore;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Storage;

/// <summary>The metadata definition tables, named, sized and constrained as Glance's models_metadef.py has them.</summary>
internal static class MetadefModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<MetadefNamespaceRow>(e =>
        {
            e.ToTable("metadef_namespaces");
            e.HasKey(x => x.Id);
            e.Property(x => x.Namespace).HasMaxLength(80);
            e.Property(x => x.DisplayName).HasMaxLength(80);
            e.Property(x => x.Visibility).HasMaxLength(32);
            e.Property(x => x.Owner).HasMaxLength(255);
            e.HasIndex(x => x.Namespace).IsUnique();
            e.HasIndex(x => x.Owner);
        });
        b.Entity<MetadefObjectRow>(e =>
        {
            e.ToTable("metadef_objects");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(80);
            e.HasIndex(x => new { x.NamespaceId, x.Name }).IsUnique();
            e.HasIndex(x => x.Name);
            e.HasOne<MetadefNamespaceRow>().WithMany().HasForeignKey(x => x.NamespaceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MetadefPropertyRow>(e =>
        {
            e.ToTable("metadef_properties");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(80);
            e.HasIndex(x => new { x.NamespaceId, x.Name }).IsUnique();
            e.HasIndex(x => x.Name);
            e.HasOne<MetadefNamespaceRow>().WithMany().HasForeignKey(x => x.NamespaceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MetadefTagRow>(e =>
        {
            e.ToTable("metadef_tags");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(80);
            e.HasIndex(x => new { x.NamespaceId, x.Name }).IsUnique();
            e.HasIndex(x => x.Name);
            e.HasOne<MetadefNamespaceRow>().WithMany().HasForeignKey(x => x.NamespaceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MetadefResourceTypeRow>(e =>
        {
            e.ToTable("metadef_resource_types");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(80);
            e.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<MetadefNamespaceResourceTypeRow>(e =>
        {
            e.ToTable("metadef_namespace_resource_types");
            e.HasKey(x => new { x.ResourceTypeId, x.NamespaceId });
            e.Property(x => x.PropertiesTarget).HasMaxLength(80);
            e.Property(x => x.Prefix).HasMaxLength(80);
            e.HasIndex(x => x.NamespaceId);
            e.HasOne<MetadefNamespaceRow>().WithMany().HasForeignKey(x => x.NamespaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<MetadefResourceTypeRow>().WithMany().HasForeignKey(x => x.ResourceTypeId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
