namespace SharpStack.Identity.Storage.Entities;

/// <summary>A region of the catalog, optionally inside a parent region.</summary>
public sealed class RegionRow
{
    public required string Id { get; set; }
    public string Description { get; set; } = "";
    public string? ParentRegionId { get; set; }
    public string? Extra { get; set; }
}

/// <summary>A service in the catalog (name and description live in Extra, as in Keystone).</summary>
public sealed class ServiceRow
{
    public required string Id { get; set; }
    public required string Type { get; set; }
    public bool Enabled { get; set; } = true;
    public string? Extra { get; set; }
}

/// <summary>One URL of a service for one interface (public, internal, admin) in one region.</summary>
public sealed class EndpointRow
{
    public required string Id { get; set; }
    public required string Interface { get; set; }
    public string? RegionId { get; set; }
    public required string ServiceId { get; set; }
    public required string Url { get; set; }
    public bool Enabled { get; set; } = true;
    public string? Extra { get; set; }
}

/// <summary>A named filter over endpoints (OS-EP-FILTER endpoint groups).</summary>
public sealed class EndpointGroupRow
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>The filters as a JSON object (service_id, interface, region_id).</summary>
    public required string Filters { get; set; }
}

/// <summary>An endpoint made visible to one project's catalog (OS-EP-FILTER).</summary>
public sealed class ProjectEndpointRow
{
    public required string EndpointId { get; set; }
    public required string ProjectId { get; set; }
}

/// <summary>An endpoint group made visible to one project's catalog (OS-EP-FILTER).</summary>
public sealed class ProjectEndpointGroupRow
{
    public required string EndpointGroupId { get; set; }
    public required string ProjectId { get; set; }
}
