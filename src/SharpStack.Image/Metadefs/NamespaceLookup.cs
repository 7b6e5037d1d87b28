using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Image.Images;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Metadefs;

/// <summary>Finding a namespace by name as Glance's metadef namespace repo does: missing and invisible are told apart,
/// and each API turns them into its own 404.</summary>
public sealed class NamespaceLookup(ImageDb db)
{
    /// <summary>The namespace, or null when there is none by that name; <paramref name="visible"/> says whether the
    /// caller may see it.</summary>
    public async Task<(MetadefNamespaceRow? Row, bool Visible)> FindAsync(ImageCaller caller, string name, CancellationToken ct)
    {
        var row = await db.MetadefNamespaces.FirstOrDefaultAsync(n => n.Namespace == name, ct);
        return (row, row is not null && MetadefAccess.Visible(caller, row));
    }

    /// <summary>The visible namespace, or 404 "Namespace &lt;name&gt; not found" (most metadef APIs).</summary>
    public async Task<MetadefNamespaceRow> RequireAsync(ImageCaller caller, string name, CancellationToken ct)
    {
        var (row, visible) = await FindAsync(caller, name, ct);
        return row is not null && visible ? row : throw ApiException.NotFound($"Namespace {name} not found");
    }

    /// <summary>The visible namespace, or the repo's own 404 when missing (objects, show): "Metadata definition
    /// namespace=&lt;name&gt; was not found.".</summary>
    public async Task<MetadefNamespaceRow> RequireExplainedAsync(ImageCaller caller, string name, CancellationToken ct)
    {
        var (row, visible) = await FindAsync(caller, name, ct);
        if (row is null) throw NotFound(name);
        return visible ? row : throw ApiException.NotFound($"Namespace {name} not found");
    }

    public static ApiException NotFound(string name) => ApiException.NotFound($"Metadata definition namespace={name} was not found.");
}
