namespace SharpStack.Image.Storage.Entities;

/// <summary>A metadata definition namespace (Glance's metadef_namespaces): the container of objects, properties and tags.</summary>
public sealed class MetadefNamespaceRow
{
    public int Id { get; set; }
    public required string Namespace { get; set; }
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string? Visibility { get; set; }
    public bool? Protected { get; set; }
    public required string Owner { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
}

/// <summary>A metadef object: a named group of property definitions in a namespace.</summary>
public sealed class MetadefObjectRow
{
    public int Id { get; set; }
    public int NamespaceId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>The required property names as a JSON array, or null.</summary>
    public string? Required { get; set; }

    /// <summary>The object's property definitions as a JSON object.</summary>
    public string JsonSchema { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
}

/// <summary>A metadef property definition in a namespace; its definition is kept as a JSON object.</summary>
public sealed class MetadefPropertyRow
{
    public int Id { get; set; }
    public int NamespaceId { get; set; }
    public required string Name { get; set; }
    public string JsonSchema { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
}

/// <summary>A metadef tag definition in a namespace.</summary>
public sealed class MetadefTagRow
{
    public int Id { get; set; }
    public int NamespaceId { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
}

/// <summary>A kind of resource namespaces apply to (OS::Glance::Image, OS::Nova::Flavor …); seeded ones are protected.</summary>
public sealed class MetadefResourceTypeRow
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public bool Protected { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
}

/// <summary>The association of a namespace with a resource type, with the property prefix and target it uses there.</summary>
public sealed class MetadefNamespaceResourceTypeRow
{
    public int ResourceTypeId { get; set; }
    public int NamespaceId { get; set; }
    public string? PropertiesTarget { get; set; }
    public string? Prefix { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
}
