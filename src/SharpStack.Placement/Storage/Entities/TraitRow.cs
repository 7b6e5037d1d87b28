namespace SharpStack.Placement.Storage.Entities;

/// <summary>A qualitative capability (HW_CPU_X86_AVX2, CUSTOM_GOLD…) a provider may have.</summary>
public sealed class TraitRow
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool IsCustom => Name.StartsWith("CUSTOM_", StringComparison.Ordinal);
}

/// <summary>A trait a provider has.</summary>
public sealed class ProviderTraitRow
{
    public int ProviderId { get; set; }
    public int TraitId { get; set; }
}
