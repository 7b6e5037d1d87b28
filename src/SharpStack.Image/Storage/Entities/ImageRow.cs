namespace SharpStack.Image.Storage.Entities;

/// <summary>An image's record (Glance's images table). Deleted images stay as rows (status deleted) so their
/// ids are never reused, as upstream.</summary>
public sealed class ImageRow
{
    public required string Id { get; set; }
    public string? Name { get; set; }
    public required string Status { get; set; }
    public required string Visibility { get; set; }
    public long? Size { get; set; }
    public long? VirtualSize { get; set; }
    public string? DiskFormat { get; set; }
    public string? ContainerFormat { get; set; }
    public string? Checksum { get; set; }
    public string? OsHashAlgo { get; set; }
    public string? OsHashValue { get; set; }
    public string? Owner { get; set; }
    public int MinDisk { get; set; }
    public int MinRam { get; set; }
    public bool Protected { get; set; }
    public bool OsHidden { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public bool Deleted { get; set; }
    public DateTime? DeletedAt { get; set; }

    /// <summary>Optimistic concurrency: status changes (upload, import, delete) compare and swap on it.</summary>
    public long Version { get; set; }

    public List<ImagePropertyRow> Properties { get; set; } = [];
    public List<ImageTagRow> Tags { get; set; } = [];
    public List<ImageLocationRow> Locations { get; set; } = [];
}

/// <summary>A custom (additional) property of an image: a string name and value.</summary>
public sealed class ImagePropertyRow
{
    public long InternalId { get; set; }
    public required string ImageId { get; set; }
    public required string Name { get; set; }
    public required string Value { get; set; }
}

/// <summary>A tag on an image.</summary>
public sealed class ImageTagRow
{
    public long InternalId { get; set; }
    public required string ImageId { get; set; }
    public required string Value { get; set; }
}

/// <summary>Where an image's data lives: a store's URL (file:///…, http://…) and the store it belongs to.</summary>
public sealed class ImageLocationRow
{
    public long InternalId { get; set; }
    public required string ImageId { get; set; }
    public required string Url { get; set; }

    /// <summary>The location's metadata as a JSON object ({"store": "fast"}).</summary>
    public string MetaData { get; set; } = "{}";
    public string Status { get; set; } = "active";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A project an image is shared with, and whether that project accepted it.</summary>
public sealed class ImageMemberRow
{
    public long InternalId { get; set; }
    public required string ImageId { get; set; }
    public required string Member { get; set; }
    public required string Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>An asynchronous task (image import), as GET /v2/tasks shows it.</summary>
public sealed class TaskRow
{
    public required string Id { get; set; }
    public required string Type { get; set; }
    public required string Status { get; set; }
    public string? Owner { get; set; }
    public string? ImageId { get; set; }
    public string? RequestId { get; set; }
    public string? UserId { get; set; }

    /// <summary>The task's input as a JSON object.</summary>
    public string Input { get; set; } = "{}";

    /// <summary>The task's result as a JSON object, or null.</summary>
    public string? Result { get; set; }
    public string Message { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
}

/// <summary>The single row counting every change to images and what hangs off them (database triggers bump it),
/// so a cached image list can tell it is still current with one key lookup, across processes.</summary>
public sealed class ImageRevisionRow
{
    public int Id { get; set; }
    public long Value { get; set; }
}
