namespace SharpStack.Core.Policy;

/// <summary>
/// The <c>[oslo_policy]</c> options the enforcer honours. Defaults are oslo.policy's as shipped with
/// Zed (enforce_scope = false, enforce_new_defaults = false, policy_default_rule = "default").
/// </summary>
public sealed record PolicyOptions
{
    /// <summary>
    /// When true, a request whose token scope is not in the rule's scope_types is refused with
    /// <see cref="PolicyDecision.ScopeMismatch"/>. When false (default) the mismatch is only logged.
    /// </summary>
    public bool EnforceScope { get; init; }

    /// <summary>
    /// When false (default), a rule with a deprecated default is evaluated as <c>new or deprecated</c>
    /// unless the operator overrides it. When true only the new default is used.
    /// </summary>
    public bool EnforceNewDefaults { get; init; }

    /// <summary>Path of the operator's policy file (YAML or JSON). A missing file means "defaults only".</summary>
    public string? PolicyFile { get; init; }

    /// <summary>
    /// Directories whose files (sorted by name, dot-files skipped, no recursion) are applied on top of
    /// <see cref="PolicyFile"/>, later files winning. Missing directories are ignored.
    /// </summary>
    public IReadOnlyList<string> PolicyDirs { get; init; } = [];

    /// <summary>
    /// Rule used when a <c>rule:</c> reference (or an enforced name) is not defined; ignored when no
    /// rule of that name exists, in which case the reference is simply false.
    /// </summary>
    public string? DefaultRule { get; init; } = "default";

    /// <summary>
    /// How often the files are checked for changes (modification time and size) during enforcement;
    /// null disables automatic reloading (call <see cref="PolicyEnforcer.ReloadIfChanged"/> yourself).
    /// A reload that fails keeps the previous rules and logs the error.
    /// </summary>
    public TimeSpan? ReloadCheckInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// True (default): a syntax error in the operator's files aborts loading with a
    /// <see cref="PolicyFileException"/>. False: oslo's behaviour, the broken rule is logged and denies
    /// everything (fails closed) while the other rules load.
    /// </summary>
    public bool RejectInvalidRules { get; init; } = true;
}
