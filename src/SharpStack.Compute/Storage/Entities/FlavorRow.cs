namespace SharpStack.Compute.Storage.Entities;

/// <summary>A flavor (Nova's api database table flavors); <see cref="FlavorId"/> is the id clients see.</summary>
public sealed class FlavorRow
{
    public int Id { get; set; }
    public string FlavorId { get; set; } = "";
    public string Name { get; set; } = "";
    public int MemoryMb { get; set; }
    public int Vcpus { get; set; }
    public int Swap { get; set; }
    public int RootGb { get; set; }
    public int EphemeralGb { get; set; }
    public double RxtxFactor { get; set; } = 1.0;
    public int? VcpuWeight { get; set; }
    public bool Disabled { get; set; }
    public bool IsPublic { get; set; } = true;
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
}

/// <summary>One extra spec of a flavor (flavor_extra_specs).</summary>
public sealed class FlavorExtraSpecRow
{
    public int Id { get; set; }
    public int FlavorId { get; set; }
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
}

/// <summary>A project granted a private flavor (flavor_projects).</summary>
public sealed class FlavorProjectRow
{
    public int Id { get; set; }
    public int FlavorId { get; set; }
    public string ProjectId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
