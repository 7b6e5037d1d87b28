using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Limits;

/// <summary>How limits must relate across the project hierarchy ([unified_limit] enforcement_model).</summary>
public abstract class EnforcementModel
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>Refuses (403) limits that would break the model, given the limits being written together.</summary>
    public abstract Task CheckAsync(IdentityDb db, IReadOnlyList<LimitSpec> limits, CancellationToken ct);

    /// <summary>The model named in the configuration.</summary>
    public static EnforcementModel Named(string name) => name == StrictTwoLevelModel.ModelName ? new StrictTwoLevelModel() : new FlatModel();
}

/// <summary>Keystone's "flat" model: every limit stands alone.</summary>
public sealed class FlatModel : EnforcementModel
{
    public override string Name => "flat";

    public override string Description => "Limit enforcement and validation does not take project hierarchy into consideration.";

    public override Task CheckAsync(IdentityDb db, IReadOnlyList<LimitSpec> limits, CancellationToken ct) => Task.CompletedTask;
}
